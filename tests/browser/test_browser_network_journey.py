"""A coordinator builds a family's network in a real browser: eight people added one at a time,
an invitation, an exclusion, a professional's information with a danger statement, a child's views,
and the network register with its picture.

Every page that loads is checked with axe-core (WCAG 2.2 A and AA).
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from fgc.data import cases as case_data
from fgc.db import connect, write

from conftest import browser_sign_in
from factories import make_case, user_id

REFERENCE = "FGC-NET-0201"
FIRST_CHILD = "Siân Hughes"
SECOND_CHILD = "Osian Hughes"
HOSTILE = 'Tom & "Jerry" <b>'
EXCLUDED = "Gareth Price"

# name, side, roles, relationship to the first child, to the second, hidden address (or None)
PEOPLE = [
    ("Gwenllïan ap Dafydd", "Mother’s side", ["Relative"], "Aunt", "Great-aunt", None),
    ("مريم حداد", "Father’s side", ["Relative", "Support person"], "Grandmother", "Grandmother", None),
    (HOSTILE, "Neither side", ["Friend or community member"], "Family friend", "Family friend", None),
    ("Dafydd Evans", "Father’s side", ["Parent", "Holds parental responsibility"], "Father", "Father",
     "1 Stryd y Bont, Bangor LL57 1AA"),
    ("Ceri Morgan", "Both sides", ["Support person"], "Neighbour", "", None),
    ("Siôn Ellis-Jones", "Mother’s side", ["Relative"], "Uncle", "Uncle", None),
    ("Bethan Lloyd", "Neither side", ["Advocate for the child"], "", "Advocate", None),
    (EXCLUDED, "Father’s side", ["Relative"], "Step-grandfather", "Step-grandfather", None),
]
INVITED = "Ceri Morgan"
PROFESSIONAL = "Dr Nia Roberts"
ADVOCATE = "Bethan Lloyd"


@pytest.fixture
def case_id(app):
    db = connect(app.config["DATABASE"])
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=REFERENCE,
                        coordinator_id=user_id(db, "coordinator@example.org"), child_name=FIRST_CHILD,
                        extras=False)
    with write(db):
        case_data.save_child(db, created, {"name": SECOND_CHILD, "date_of_birth": "2021-09-30", "gender": "",
                                           "ethnicity": "", "first_language": "Welsh", "needs": ""})
    assert case_data.get(db, created)["stage"] == "allocated"
    db.close()
    return created


def heading(page, axe, text):
    """Wait for the page whose <h1> contains ``text``, then check it with axe-core."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    axe.check(page)


def success(page, text):
    expect(page.get_by_role("alert", name="Success")).to_contain_text(text)


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def register_row(page, name):
    """The register table's row for one person, found by its row header."""
    table = page.get_by_role("table", name="Network register")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))


def add_person(page, axe, name, side, roles, first, second, hidden_address):
    heading(page, axe, "Add a person to the network")
    page.get_by_label("Full name").fill(name)
    relationships = page.get_by_role("group", name="Relationship to each child")
    relationships.get_by_label(f"Relationship to {FIRST_CHILD}").fill(first)
    relationships.get_by_label(f"Relationship to {SECOND_CHILD}").fill(second)
    page.get_by_role("group", name="Side of the family").get_by_label(side, exact=True).check()
    for role in roles:
        page.get_by_role("group", name="Roles").get_by_label(role, exact=True).check()
    if hidden_address:
        page.get_by_label("Address", exact=True).fill(hidden_address)
        page.get_by_label("Do not disclose this address").check()
    page.get_by_role("button", name="Add person").click()
    heading(page, axe, f"Network for {REFERENCE}")
    success(page, f"{name} has been added to the network")
    expect(register_row(page, name)).to_have_count(1)


def test_a_coordinator_builds_the_family_network(page, axe, case_id):
    today = datetime.datetime.now(ZoneInfo("Europe/London")).date()

    # --- Sign in and open the case ------------------------------------------------------------
    browser_sign_in(page, axe, "coordinator@example.org")
    heading(page, axe, "Your cases")
    page.get_by_role("link", name=REFERENCE).click()
    heading(page, axe, REFERENCE)
    expect(page.get_by_text("0 people in the network.")).to_be_visible()

    # --- Eight people, one at a time ------------------------------------------------------------
    page.get_by_role("link", name="Network", exact=True).click()
    page.get_by_role("button", name="Add one person with all their details").click()
    for index, person in enumerate(PEOPLE):
        if index:
            page.get_by_role("button", name="Add one person with all their details").click()
        add_person(page, axe, *person)
    expect(page.get_by_text("8 people in the network.")).to_be_visible()

    # What was typed is shown as text, never as markup.
    hostile_header = page.get_by_role("rowheader", name=HOSTILE)
    expect(hostile_header).to_have_text(HOSTILE)
    assert page.locator(".govuk-table b").count() == 0

    # Different relationships to the two children, each named.
    expect(register_row(page, "Gwenllïan ap Dafydd")).to_contain_text(
        f"Aunt of {FIRST_CHILD}; Great-aunt of {SECOND_CHILD}")
    expect(register_row(page, "Bethan Lloyd")).to_contain_text(f"Advocate of {SECOND_CHILD}")
    expect(register_row(page, "Bethan Lloyd")).not_to_contain_text(FIRST_CHILD)
    expect(register_row(page, "مريم حداد")).to_contain_text("Father’s side")
    # A coordinator sees the undisclosed address, marked as such.
    dafydd = register_row(page, "Dafydd Evans")
    expect(dafydd).to_contain_text("1 Stryd y Bont, Bangor LL57 1AA")
    expect(dafydd).to_contain_text("Do not disclose")

    # --- An invitation ----------------------------------------------------------------------------
    page.get_by_role("link", name=f"Invitation for {INVITED}", exact=True).click()
    heading(page, axe, f"Invitation for {INVITED}")
    page.get_by_role("group", name="Invitation", exact=True).get_by_label("Invited", exact=True).check()
    fill_date(page, "Date", today)
    page.get_by_role("button", name="Save").click()
    heading(page, axe, f"Network for {REFERENCE}")
    success(page, f"{INVITED}: invited")
    expect(register_row(page, INVITED).get_by_role("cell").nth(3)).to_contain_text("Invited")

    # --- An exclusion -----------------------------------------------------------------------------
    page.get_by_role("link", name=f"Exclude {EXCLUDED}", exact=True).click()
    heading(page, axe, f"Exclude {EXCLUDED}")
    page.get_by_label("Why is this person excluded?").fill("Risk of harm to the children: a court order is in place.")
    page.get_by_label("Manager who approved the exclusion").fill("Test Manager")
    fill_date(page, "Date of the decision", today)
    page.get_by_role("button", name="Exclude").click()
    heading(page, axe, f"Network for {REFERENCE}")
    success(page, f"{EXCLUDED} has been excluded")
    expect(page.get_by_text("8 people in the network, 1 excluded.")).to_be_visible()
    excluded_row = register_row(page, EXCLUDED)
    expect(excluded_row.get_by_role("rowheader")).to_contain_text("Excluded")
    expect(excluded_row.get_by_role("link", name=f"Lift exclusion for {EXCLUDED}", exact=True)).to_be_visible()
    expect(excluded_row.get_by_role("link", name=re.compile(r"^Invitation"))).to_have_count(0)
    expect(excluded_row.get_by_role("link", name=re.compile(r"^Exclude"))).to_have_count(0)
    # Everyone else can still be invited.
    for name, *_ in PEOPLE:
        if name != EXCLUDED:
            expect(register_row(page, name).get_by_role("link", name=f"Invitation for {name}", exact=True)
                   ).to_have_count(1)

    # --- A professional's information and a danger statement ---------------------------------------
    page.get_by_role("link", name="Overview", exact=True).click()
    heading(page, axe, REFERENCE)
    expect(page.get_by_text("8 people in the network, 1 excluded.")).to_be_visible()
    expect(page.locator("#case-flags")).to_contain_text("1 person excluded")
    page.get_by_role("link", name="Preparation", exact=True).click()
    heading(page, axe, REFERENCE)
    page.get_by_role("link", name="See the professionals’ information").click()
    heading(page, axe, f"Professionals’ information for {REFERENCE}")
    page.get_by_role("button", name="Add a professional").click()
    heading(page, axe, "Add a professional")
    page.get_by_label("Full name").fill(PROFESSIONAL)
    page.get_by_label("Agency").fill("Health visiting")
    page.get_by_label("Role", exact=True).fill("Health visitor")
    page.get_by_label("Email address or phone number").fill("nia.roberts@example.org")
    page.get_by_role("group", name="Which part of the conference will they attend?").get_by_label(
        "All of the conference").check()
    page.get_by_label("What are they worried about?").fill("Osian has missed three health checks.")
    page.get_by_label("What is working well?").fill("Nain takes the children to school every day.")
    page.get_by_label("What needs to happen?").fill("Every health check attended for six months.")
    page.get_by_label("Safety scale (0 to 10)").fill("4")
    page.get_by_label("Why that score?").fill("Help is there but not yet reliable.")
    page.get_by_label("Resources they can offer").fill("Weekly home visits for six weeks.")
    page.get_by_role("button", name="Save").click()
    heading(page, axe, f"Professionals’ information for {REFERENCE}")
    success(page, f"{PROFESSIONAL}’s information has been saved")
    card = page.locator(".govuk-summary-card").filter(has=page.get_by_role("heading", name=PROFESSIONAL))
    expect(card).to_contain_text("Osian has missed three health checks.")
    expect(card).to_contain_text("Nain takes the children to school every day.")
    expect(card).to_contain_text("Every health check attended for six months.")
    expect(card).to_contain_text("4 out of 10: Help is there but not yet reliable.")
    expect(card).to_contain_text("Weekly home visits for six weeks.")

    card.get_by_role("link", name=f"Add a danger statement for {PROFESSIONAL}").click()
    heading(page, axe, "Add a danger statement")
    page.get_by_label("Danger statement").fill("Osian could become seriously ill if his health needs go unmet.")
    page.get_by_label("Safety goal").fill("Osian’s health needs are met by a safe adult every week.")
    page.get_by_role("button", name="Add", exact=True).click()
    heading(page, axe, f"Professionals’ information for {REFERENCE}")
    success(page, "The danger statement and safety goal have been added")
    expect(card).to_contain_text("Danger: Osian could become seriously ill if his health needs go unmet.")
    expect(card).to_contain_text("Safety goal: Osian’s health needs are met by a safe adult every week.")

    # --- A child's views -------------------------------------------------------------------------------
    page.get_by_role("link", name="Preparation", exact=True).click()
    heading(page, axe, REFERENCE)
    page.get_by_role("link", name=f"Record {FIRST_CHILD}’s views", exact=True).click()
    heading(page, axe, f"Views of {FIRST_CHILD}")
    page.get_by_label("Wishes and feelings").fill("I want to stay with Nain and see Dad at weekends.")
    page.get_by_role("group", name="How were they gathered?").get_by_label("Through an advocate").check()
    page.get_by_label("Advocate’s name").fill(ADVOCATE)
    page.get_by_role("group", name="Will the child attend?").get_by_label("For part of it").check()
    page.get_by_label("The child’s own scale (0 to 10)").fill("7")
    page.get_by_role("button", name="Save views").click()
    heading(page, axe, REFERENCE)
    success(page, f"{FIRST_CHILD}’s views have been saved")
    voice = page.get_by_role("definition").filter(has_text="I want to stay with Nain")
    expect(voice).to_contain_text("(their scale: 7 out of 10)")
    expect(page.get_by_role("link", name=f"Change {FIRST_CHILD}’s views", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=f"Record {SECOND_CHILD}’s views", exact=True)).to_be_visible()

    # --- The network register and its picture ------------------------------------------------------------
    page.get_by_role("link", name="Network", exact=True).click()
    heading(page, axe, f"Network for {REFERENCE}")
    svg = page.locator(".app-picture svg")
    expect(svg).to_have_count(1)
    expect(svg).to_have_attribute("role", "img")
    expect(svg.locator(":scope > title")).to_have_text(f"Network picture for {REFERENCE}")
    expect(page.get_by_role("img", name=f"Network picture for {REFERENCE}")).to_be_visible()
    expect(svg.locator(":scope > desc")).to_contain_text("7 family and friends")
    expect(svg.locator(":scope > desc")).to_contain_text("1 excluded")

    picture_text = svg.text_content()
    drawn = svg.evaluate("svg => [...svg.querySelectorAll('text')].map(t => t.textContent)")
    groups = svg.evaluate("""svg => [...svg.querySelectorAll('g')]
        .filter(g => g.querySelector(':scope > title'))
        .map(g => ({name: g.querySelector(':scope > title').textContent,
                    texts: [...g.querySelectorAll('text')].map(t => t.textContent)}))""")
    by_name = {group["name"]: group["texts"] for group in groups}
    for name, *_ in PEOPLE:
        assert name in picture_text, f"{name!r} is missing from the network picture"
        assert name in by_name, f"{name!r} has no labelled figure in the network picture"
        if name != EXCLUDED:
            assert "Excluded" not in by_name[name], f"{name!r} is wrongly drawn as excluded"
    assert "Excluded" in by_name[EXCLUDED], f"{EXCLUDED!r} is not labelled Excluded: {by_name[EXCLUDED]}"
    # Drawn labels (which may be shortened with an ellipsis) start with each name.
    for name, *_ in PEOPLE:
        kept = [label.rstrip("…").rstrip() for label in drawn]
        assert any(len(part) >= 3 and name.startswith(part) for part in kept), f"no drawn label for {name!r}"
    for child in (FIRST_CHILD, SECOND_CHILD):
        assert child in by_name, f"child {child!r} is missing from the network picture"
    assert PROFESSIONAL in by_name
    assert "Stryd y Bont" not in picture_text  # the undisclosed address is never drawn
    # The hostile name is text in the picture too, never markup.
    assert svg.locator("b").count() == 0

    table = page.get_by_role("table", name="Network register")
    expect(table.locator("tbody").get_by_role("row")).to_have_count(len(PEOPLE))
    for name, *_ in PEOPLE:
        expect(register_row(page, name)).to_have_count(1)
    expect(register_row(page, EXCLUDED).get_by_role("rowheader")).to_contain_text("Excluded")
    expect(register_row(page, INVITED)).to_contain_text("Invited")
