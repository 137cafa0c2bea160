"""One case's fictional family network, generated from a seed so every run builds the same people."""

import datetime
import random
import unicodedata

from ..data import cases as case_data
from ..data import network
from ..domain import family_network, lifecycle
from .content.cases import MANAGER_NAME
from .content.networks import CULTURES, NEEDS, NETWORKS, WRITTEN_VIEWS, WRITTEN_VIEWS_WELSH


def _form(entry, gender, native):
    """One name from a pool entry: the family's own script or Latin, the male or female form."""
    own, _, latin = entry.partition("|")
    text = own if native else (latin or own)
    male, _, female = text.partition("/")
    return female if gender == "F" and female else male


def ascii_name(text):
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _key_person(roles):
    """Parents with parental responsibility, advocates and interpreters are always asked to take part."""
    return "pr_holder" in roles or "advocate" in roles or "interpreter" in roles


class Network:
    """One case's fictional family network: planned up front, then written as the case moves on."""

    def __init__(self, builder, case_id, spec):
        self.b = builder
        self.case_id = case_id
        self.spec = spec
        self.rng = random.Random(spec["number"])  # nosec B311 # arranges fictional demo data; nothing secret comes from it
        self.config = NETWORKS[spec["number"]]
        self.culture = CULTURES[self.config["culture"]]
        self.children = [row["id"] for row in case_data.children(builder.db, case_id)]
        self.people = self._plan()
        self.ids = []
        self.invited = False

    # --- planning --------------------------------------------------------------------------

    def _name(self, gender, surname, native):
        """A first name from the family's culture and ``surname``, in their script and in Latin letters."""
        first = self.rng.choice(self.culture["female" if gender == "F" else "male"])
        return (f"{_form(first, gender, native)} {_form(surname, gender, native)}",
                f"{_form(first, gender, False)} {_form(surname, gender, False)}")

    def _surname_entry(self, surname):
        """The pool entry for a family name, so relatives can write it in either script."""
        for entry in self.culture["surnames"]:
            if surname in entry.replace("|", "/").split("/"):
                return entry
        return surname

    def _contact(self, person, elder=False):
        rng = self.rng
        abroad = person.pop("abroad", False)
        if "phone" not in person and ("parent" in person["roles"] or rng.random() < 0.92):
            person["phone"] = self.b.landline() if elder and rng.random() < 0.5 else self.b.mobile()
        if "email" not in person and not elder and rng.random() < 0.55:
            person["email"] = self.b.email(person.get("latin", person["name"]))
        if "address" not in person and (person.get("address_hidden") or rng.random() < 0.75):
            if abroad:
                person["address"] = rng.choice(self.culture["abroad"])
            else:
                town, district = rng.choice(self.culture["towns"])
                person["address"] = (f"{rng.randint(1, 48)} {rng.choice(self.culture['streets'])}, {town} "
                                     f"{district} {rng.randint(1, 9)}ZZ (fictional)")
        person["abroad"] = abroad and bool(person.get("address"))
        if "language" not in person:
            person["language"] = self.config.get("language") or rng.choice(self.culture["languages"])
        if "needs" not in person and rng.random() < 0.2:
            person["needs"] = rng.choice(NEEDS)
        return person

    def _person(self, name, gender, side, roles, label, kids, *, latin=None, abroad=False, elder=False,
                language=None):
        person = {"name": name, "gender": gender, "side": side, "roles": roles,
                  "relationships": {kid: label for kid in kids}, "abroad": abroad}
        if latin:
            person["latin"] = latin
        if language:
            person["language"] = language
        return self._contact(person, elder)

    def _relative(self, gender, side, surname, label, kids, elder=False):
        name, latin = self._name(gender, surname, self.rng.random() < self.culture["native"])
        abroad = bool(self.culture["abroad"]) and self.rng.random() < (0.4 if elder else 0.15)
        return self._person(name, gender, side, ["relative"], label, kids, latin=latin,
                            abroad=abroad, elder=elder)

    def _plan(self):
        """Everyone in this family's network, as many as its size calls for, with their invitations."""
        every = list(range(len(self.children)))
        parents = self._parents(every)
        fixed = [self._contact(parent) for parent in parents]
        for extra in self.config.get("people", []):
            person = dict(extra)
            label = person.pop("label")
            person["relationships"] = {kid: label for kid in every}
            fixed.append(self._contact(person))
        # Each parent's own family: grandparents, the parent's brothers and sisters, their children.
        groups = {}
        for parent in parents:
            kids = [kid for kid, label in parent["relationships"].items() if label in ("Mother", "Father")]
            groups.setdefault(parent["side"], []).append((parent, kids, parent["name"].split()[-1]))
        candidates = self._wider_family(groups, taken={person.get("slot") for person in fixed})
        self._friends(parents, every, fixed, candidates)
        chosen = self._choose(fixed, candidates, groups)
        self._plan_invitations(chosen)
        return chosen

    def _parents(self, every):
        """The parents the referral names (with parental responsibility) and any others the story needs."""
        parents = []
        for name, relationship in self.spec["pr_holders"]:
            side = {"Mother": "maternal", "Father": "paternal"}.get(relationship, "both")
            parents.append({"name": name, "gender": "F" if relationship == "Mother" else "M", "side": side,
                            "roles": ["pr_holder", "parent"], "label": relationship})
        parents += [dict(parent) for parent in self.config.get("parents", [])]
        for parent in parents:
            label = parent.pop("label")
            parent["relationships"] = label if isinstance(label, dict) else {kid: label for kid in every}
            parent["address_hidden"] = int(parent["name"] in self.config.get("hidden", []))
            if parent["name"] in self.config.get("addresses", {}):
                parent["address"] = self.config["addresses"][parent["name"]]
        return parents

    def _wider_family(self, groups, taken):
        """Each side's relatives, closest first: [grandparents, aunts and uncles], [cousins and the rest]."""
        fathers = {self._surname_entry(surname) for _, _, surname in groups.get("paternal", [])}
        candidates = [[], []]
        for side, members in groups.items():
            if side not in ("maternal", "paternal"):
                continue
            for _parent, kids, surname in members:
                if side == "maternal" and self._surname_entry(surname) in fathers:
                    surname = self.rng.choice(self.culture["surnames"])  # her own family's name
                siblings, elders = self.config.get("groups", {}).get(side, (None, None))
                siblings = siblings or self._surname_entry(surname)
                self._relatives(side, kids, siblings, elders or siblings, taken, candidates)
        return candidates

    def _relatives(self, side, kids, siblings, elders, taken, candidates):
        rng, surnames = self.rng, self.culture["surnames"]
        grandmother, grandfather = self.culture["grand"]
        if (side, "grandmother") not in taken and rng.random() < 0.85:
            candidates[0].append(self._relative("F", side, elders, grandmother, kids, elder=True))
        if (side, "grandfather") not in taken and rng.random() < 0.6:
            candidates[0].append(self._relative("M", side, elders, grandfather, kids, elder=True))
        for _ in range(rng.randint(1, 3)):
            gender = rng.choice("FM")
            married = gender == "F" and rng.random() < 0.4
            family = rng.choice(surnames) if married else siblings
            candidates[0].append(self._relative(gender, side, family, "Aunt" if gender == "F" else "Uncle", kids))
        for _ in range(rng.randint(2, 4)):
            gender = rng.choice("FM")
            family = siblings if rng.random() < 0.5 else rng.choice(surnames)
            candidates[1].append(self._relative(gender, side, family, "Cousin", kids))
        gender = rng.choice("FM")
        candidates[1].append(self._relative(gender, side, rng.choice(surnames),
                                            "Aunt by marriage" if gender == "F" else "Uncle by marriage", kids))
        if rng.random() < 0.5:
            gender = rng.choice("FM")
            candidates[1].append(self._relative(gender, side, elders, "Great-aunt" if gender == "F" else "Great-uncle",
                                                kids, elder=True))

    def _friends(self, parents, every, fixed, candidates):
        """Friends, a neighbour or someone from the family's community."""
        rng = self.rng
        mother = next((parent for parent in parents if parent["side"] == "maternal"), parents[0])
        community = self.culture["community"]
        godparent = "Godmother" if self.config["culture"] not in ("arabic", "hebrew") else "Family friend"
        for label, side, roles, tier in [
                ("Mum’s friend" if mother["side"] == "maternal" else "Family friend", mother["side"], ["friend"], 0),
                (community, "neither", ["support"], 0), (godparent, "both", ["friend"], 2)]:
            gender = rng.choice("FM")
            if label == "Neighbour" or (label != community and rng.random() < 0.4):
                name, gender = self.b.neighbour()  # someone from another background, as a street has
                person = self._person(name, gender, side, roles, label, every, language="English")
            else:
                name, latin = self._name(gender, rng.choice(self.culture["surnames"]),
                                         rng.random() < self.culture["native"])
                person = self._person(name, gender, side, roles, label, every, latin=latin)
            if person["relationships"][0] == "Godmother" and gender == "M":
                person["relationships"] = {kid: "Godfather" for kid in every}
            (fixed if tier == 0 else candidates[1]).append(person)

    def _choose(self, fixed, candidates, groups):
        """As many as this family has: drop the least close, or add more of the wider family."""
        rng = self.rng
        target = max(8, min(25, rng.randint(*self.config["size"])))
        chosen, names = [], set()

        def take(person):  # the same name twice in one family, in either script, reads as a mistake
            key = person.get("latin", person["name"])
            if key not in names:
                names.add(key)
                chosen.append(person)

        for person in fixed:
            take(person)
        for tier in candidates:
            rng.shuffle(tier)
            for person in tier:
                if len(chosen) >= target:
                    break
                take(person)
        parent, kids, _ = (groups.get("maternal") or next(iter(groups.values())))[0]
        while len(chosen) < target:
            take(self._relative(rng.choice("FM"), parent["side"], rng.choice(self.culture["surnames"]),
                                "Cousin", kids))
        return chosen

    def _plan_invitations(self, people):
        """Invitations that fit the stage, and how each person took part in each held meeting."""
        spec = self.spec
        reached = spec.get("from", spec["stage"])
        order = lifecycle.MAIN_PATH.index(reached)
        held = order >= lifecycle.MAIN_PATH.index("conference_held")
        review_held = order >= lifecycle.MAIN_PATH.index("review_held")
        names = self.config.get("known_as") or [name.split()[0] for name, *_ in spec["children"]]
        children = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        for person in people:
            mode = person.get("attend", {})
            person["attend"] = mode = {"conference": mode} if isinstance(mode, str) else dict(mode)
            if person.get("excluded"):
                person["invitation"] = "not_contacted"
                continue
            status = person["invitation"] = (person["invitation"] if "invitation" in person
                                             else self._invitation(person, reached, held))
            if not held:
                continue
            if "conference" not in mode:
                mode["conference"] = self._took_part(person, status)
            if review_held and status == "confirmed" and "interpreter" not in person["roles"] and "review" not in mode:
                mode["review"] = self._at_review(person)
            if "written_views" in mode.values():
                person["written_views"] = self._written_views(person, children)

    def _invitation(self, person, reached, held):
        """Where this person's invitation has got by the stage the case has reached."""
        rng, roles = self.rng, person["roles"]
        if reached == "referred":
            return "not_contacted"
        if lifecycle.MAIN_PATH.index(reached) <= lifecycle.MAIN_PATH.index("baseline_held"):
            contacted = "pr_holder" in roles or (reached == "baseline_held" and rng.random() < 0.3)
            return "contacted" if contacted else "not_contacted"
        if reached == "preparing":
            if "pr_holder" in roles or "advocate" in roles:
                return rng.choice(["invited", "confirmed"])
            if "interpreter" in roles:
                return "contacted"
            return rng.choices(["contacted", "invited", "confirmed", "not_contacted", "declined"],
                               [35, 30, 15, 12, 8])[0]
        if _key_person(roles):
            return "confirmed"
        return rng.choices(["confirmed", "invited", "declined"], [65, 15, 20] if held else [60, 25, 15])[0]

    def _took_part(self, person, status):
        """How someone took part in the conference, given their invitation."""
        rng = self.rng
        if status != "confirmed":
            return "written_views" if rng.random() < (0.5 if status == "invited" else 0.4) else "did_not_attend"
        if person["abroad"]:
            return "remote"
        if _key_person(person["roles"]):
            return "in_person"
        return rng.choices(["in_person", "remote", "did_not_attend"], [72, 20, 8])[0]

    def _at_review(self, person):
        if "pr_holder" in person["roles"] or "advocate" in person["roles"]:
            return "in_person"
        return self.rng.choices(["in_person", "remote", "did_not_attend"], [50, 20, 30])[0]

    def _written_views(self, person, children):
        if person.get("language") == "Welsh" and self.rng.random() < 0.5:
            return WRITTEN_VIEWS_WELSH
        return self.rng.choice(WRITTEN_VIEWS).format(children=children)

    # --- writing ---------------------------------------------------------------------------

    def add(self, user_email):
        """Everyone in the network, as the coordinator (or, before allocation, the social worker) adds them."""
        for person in self.people:
            values = {key: person[key] for key in network.DETAILS if key in person}
            relationships = {self.children[kid]: label for kid, label in person["relationships"].items()}
            self.ids.append(self.b.done(family_network.save_person(self.b.db, self.case_id, values, relationships,
                                                                   user=self.b.users[user_email]),
                                        f"adding {person['name']}"))

    def exclude(self, user_email, on):
        """Exclusions are decided once the people are known, before anyone is invited."""
        for person, person_id in zip(self.people, self.ids, strict=True):
            if person.get("excluded") and not network.get(self.b.db, self.case_id, person_id)["excluded"]:
                family_network.exclude(self.b.db, self.case_id, person_id, reason=person["excluded"],
                                       approved_by=MANAGER_NAME, on=on.isoformat(), user=self.b.users[user_email])

    def invite(self, user_email, dates):
        """Each invitation's status, dated between ``dates``' first and last day (never after today)."""
        self.invited = True
        first, last = dates
        last = max(first, min(last, self.b.today))
        for person, person_id in zip(self.people, self.ids, strict=True):
            if person["invitation"] == "not_contacted":
                continue
            offset = self.rng.randint(0, (last - first).days)
            on = max(first, self.b.working_on_or_before(first + datetime.timedelta(days=offset)))
            self.b.done(family_network.set_invitation(self.b.db, self.case_id, person_id, person["invitation"],
                                                      on.isoformat(), user=self.b.users[user_email]),
                        f"inviting {person['name']}")

    def attend(self, user_email, meeting_id, kind, professional_choices=None):
        """Who of the family took part, and how; the professionals' attendance is recorded with it."""
        choices = {person_id: person["attend"][kind] for person, person_id in zip(self.people, self.ids, strict=True)
                   if person["attend"].get(kind)}
        if choices or professional_choices:
            family_network.record_attendance(self.b.db, self.case_id, meeting_id, choices,
                                             user=self.b.users[user_email], professional_choices=professional_choices)
