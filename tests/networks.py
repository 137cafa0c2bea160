"""Family networks for the tests of the network picture: forty people with long Welsh names in every generation,
side and role (some excluded), up to four children, and hostile names."""

CHILDREN = [{"id": 1, "name": "Siân Ŵyn ap Gruffydd-Llewellyn"},
            {"id": 2, "name": "Dafydd Rhys ap Gruffydd-Llewellyn"},
            {"id": 3, "name": "Gwenllïan Eluned ferch Gruffydd"},
            {"id": 4, "name": "Llŷr ab Owain"}]
FIRST_NAMES = ["Siân", "Gwenllïan", "Llŷr", "Ieuan", "Heledd", "Gruffydd", "Rhiannon", "Siôr", "Eirlys", "Meirion",
               "Bethan", "Dyfrig", "Angharad", "Tudur", "Mererid", "Cadwaladr", "Eluned", "Gwilym", "Nia", "Hywel"]
SURNAMES = ["ap Gruffydd-Llewellyn", "Prydderch-Vaughan", "ferch Rhydderch", "Ŵyn ab Owain", "Llywelyn-Huws"]

# (relationship to each of the four children, or one for all; recorded side; roles; excluded)
NETWORK = [
    ("Grandmother (Nain)", "maternal", ["relative"], 0),
    ("Grandfather (Taid)", "maternal", ["relative"], 0),
    ("Great-aunt", "maternal", ["relative"], 0),
    ("Mother", "maternal", ["pr_holder", "parent"], 0),
    ("Aunt", "maternal", ["relative"], 0),
    ("Uncle", "maternal", ["relative"], 0),
    (["Aunt", "Aunt", "Great-aunt", "Great-aunt"], "maternal", ["relative"], 0),
    ("Aunt by marriage", "maternal", ["relative"], 0),
    ("Cousin", "maternal", ["relative"], 0),
    ("Cousin", "maternal", ["relative"], 0),
    ("Cousin", "maternal", ["relative"], 1),
    ("Mum’s friend", "maternal", ["friend"], 0),
    ("Grandmother", "paternal", ["relative"], 0),
    ("Grandfather", "paternal", ["relative"], 1),
    ("Great-uncle", "paternal", ["relative"], 0),
    (["Father", "Father", "Father", "Stepfather"], "paternal", ["pr_holder", "parent"], 0),
    ("Uncle", "paternal", ["relative"], 0),
    ("Aunt", "paternal", ["relative"], 0),
    ("Uncle by marriage", "paternal", ["relative"], 0),
    ("Cousin", "paternal", ["relative"], 0),
    ("Cousin", "paternal", ["relative"], 0),
    ("Second cousin", "paternal", ["relative"], 0),
    (["Sister", "Sister", "Half-sister", "Half-sister"], "both", ["relative"], 0),
    ("Brother", "both", ["relative"], 0),
    ("Mother’s partner", "neither", ["relative"], 0),
    ("Great-grandmother", None, ["relative"], 0),
    ("Mamgu", "both", ["relative"], 0),
    ("Uncle", "neither", ["relative"], 0),
    ("Dad’s cousin", "neither", ["relative"], 0),
    ("Godmother", "both", ["friend"], 0),
    ("Friend from chapel", "neither", ["support"], 0),
    ("Neighbour", "neither", ["friend"], 0),
    ("Family friend", "neither", ["friend"], 1),
    ("Young carers’ advocate", "neither", ["advocate"], 0),
    ("Interpreter (Welsh)", "neither", ["interpreter"], 0),
    ("Football coach", "neither", ["support"], 0),
    ("Maternal great-great-grandmother’s cousin", "both", ["relative"], 0),
    ("Paternal grandfather’s partner", "neither", ["relative"], 0),
    ("", "maternal", ["relative"], 0),
    ("Someone the children trust", "neither", [], 0),
]
PROFESSIONALS = [
    {"name": "Dr Aled Hughes-Prydderch", "agency": "Ysbyty Gwynedd, Bangor", "role": "Paediatrician"},
    {"name": "Jo Smith", "agency": "Children’s Services, Cyngor Sir Ynys Môn", "role": "Social worker"},
    {"name": "Eirian Llwyd", "agency": "Ysgol Gynradd Llanfairpwllgwyngyll", "role": "Head teacher"},
    {"name": "Gethin Puw", "agency": "Heddlu Gogledd Cymru", "role": "Police officer"},
    {"name": "Mair Rowlands", "agency": "Tîm Iechyd Meddwl", "role": "Community psychiatric nurse"},
]


def person(person_id, name, side="maternal", roles=("relative",), excluded=0, child_ids=(1,), relationship="Aunt"):
    relationships = relationship if isinstance(relationship, list) else [relationship] * len(child_ids)
    return {"id": person_id, "name": name, "side": side, "roles": list(roles), "excluded": excluded,
            "relationships": [{"child_id": child_id, "relationship": text}
                              for child_id, text in zip(child_ids, relationships, strict=False) if text]}


def forty_people(children=CHILDREN):
    """Forty people in every generation, side and role, with long Welsh names, three of them excluded."""
    ids = [child["id"] for child in children]
    people = []
    for index, (relationship, side, roles, excluded) in enumerate(NETWORK):
        name = f"{FIRST_NAMES[index % 20]} {FIRST_NAMES[(index * 7 + 3 + index // 20) % 20]} {SURNAMES[index % 5]}"
        people.append(person(100 + index, name, side, roles, excluded, ids,
                             relationship[:len(ids)] if isinstance(relationship, list) else relationship))
    assert len({item["name"] for item in people}) == len(people) == 40
    return people


HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    "Tom & Jerry",
    "\"quotes\" and O'Brien",
    "Siân ap Dafydd 👩‍👧‍👦👩‍👧‍👦👩‍👧‍👦",
    "נועה לוי",
    "مريم عبد الرحمن الحداد",
    "]]> <!-- --> &amp; &#x26;",
    "\u202eevil\u202c name \u2067with\u2069 isolates",
    "Bartholomew Montgomery-Llewellyn-Featherstonehaugh of Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
    "王小明 Wáng Xiǎomíng",
    "x" * 120,
]


def hostile_people():
    sides = ["maternal", "paternal", "both", "neither", None]
    relationships = ["Aunt", "Nain", "<b>Cousin</b>", "مريم’s friend", "Uncle \u202eelcnu", "Grandmother 👵🏽",
                     "Great-" * 12 + "grandmother", "Sister", "", "Friend", "Tad"]
    return [person(index, name, side=sides[index % 5], child_ids=(1, 2), relationship=relationships[index])
            for index, name in enumerate(HOSTILE_NAMES)]
