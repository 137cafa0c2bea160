"""The family's own PDF of their plan (GET /family/plan.pdf), read back with pypdf: what the page says, in
their language, private on every page, and nothing from the council's side of the case."""

import io
import re
from types import SimpleNamespace

import pypdf

from fgc.domain import agreement
from fgc.data import audit as audit_data
from fgc.data import baselines, network, professionals
from fgc.data import cases as case_data
from fgc.data import family_links as links
from fgc.data import plans as plan_data
from fgc.data import users as user_data
from fgc.db import write

from conftest import check_page, text
from factories import _Person, user_id
from families import case_id, check_family_page, make_link, nain, open_link, switch  # noqa: F401 (fixtures)

OWN_TASK = "Nain collects the children from school every day"
WELSH_TASK = "Bydd Gwŷn yn mynd â'r plant i'r ŵyl"
OTHER_TASK = "Uncle Dai phones every evening"
HIDDEN_PERSON = "Ewythr Cudd"
HIDDEN_ADDRESS = "12 Heol y Gyfrinach, Bangor LL57 9ZZ"
HIDDEN_PHONE = "07700 900456"
HIDDEN_EMAIL = "cudd@example.org"
WORRY = "The professionals worry the stairs are unsafe"
SIGN_OFF_NOTE = "Within the manager's budget code 4471"
CHANGES = "Agree with changes: the social worker will phone weekly instead"
CONTINGENCY = "If Nain is unwell, Taid steps in the same day."
FILLER = 12  # more tasks for others, so the plan runs to more than one page


def referrer(db):
    return _Person(user_data.get(db, user_id(db, "social_worker@example.org")))


def build_plan(db, case_id, nain_id, *, decide=True):  # noqa: F811
    """A plan in which Nain has two tasks (one in Welsh), a hidden-address uncle has one, and others have more.

    With ``decide`` the referrer agrees it with changes, writing CHANGES: text the family never sees."""
    coordinator_id = user_id(db, "coordinator@example.org")
    with write(db):
        hidden = network.save(db, case_id, {"name": HIDDEN_PERSON, "side": "paternal", "roles": ["relative"],
                                            "address": HIDDEN_ADDRESS, "address_hidden": 1, "phone": HIDDEN_PHONE,
                                            "email": HIDDEN_EMAIL})
        network.set_invitation(db, case_id, hidden, "confirmed", "2026-11-01")
        professionals.save(db, case_id, {"name": "Sian Evans", "agency": "Children's services",
                                         "worried": WORRY, "working_well": "Mam reads every night",
                                         "needs_to_happen": "A calm home"})
        plan = plan_data.ensure(db, case_id, user_id=coordinator_id, review_on="2027-02-22")
        items = baselines.items(db, case_id)
        refs = [f"item:{item['id']}" for kind in ("question", "bottom_line") for item in items[kind]]
        tasks = [(OTHER_TASK, [], "Uncle Dai"), (OWN_TASK, [nain_id], ""), (WELSH_TASK, [nain_id], ""),
                 (f"{HIDDEN_PERSON} fixes the gate", [hidden], "")]
        tasks += [(f"Filler task {number}: the family keeps the house calm on weekdays and at weekends", [], "Mam")
                  for number in range(1, FILLER + 1)]
        for number, (what, people, other) in enumerate(tasks):
            plan_data.save_task(db, case_id, plan["id"], {
                "what": what, "who_people": people, "who_professionals": [], "who_other": other,
                "by_date": "2026-12-01" if number == 1 else None, "by_when": "Every day", "checker": "Uncle Dai",
                "status": "not_started", "answers": refs if number == 0 else []}, user_id=coordinator_id)
        plan = plan_data.get(db, case_id)
        plan_data.save_details(db, plan["id"], plan["version"], {
            "contingency": CONTINGENCY, "monitoring": "Uncle Dai, every Sunday", "review_on": "2027-02-22"},
            user_id=coordinator_id)
        resource = plan_data.save_resource(db, plan["id"], {"what": "Bus passes", "detail": "For Taid",
                                                            "sign_off_needed": True}, user_id=coordinator_id)
        plan_data.sign_off(db, plan["id"], resource, 1, "approved", SIGN_OFF_NOTE,
                           user_id=user_id(db, "manager@example.org"))
        if decide:
            case = case_data.get(db, case_id)
            plan = plan_data.get(db, case_id)
            agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator_id)
            plan = plan_data.get(db, case_id)
            agreement.decide(db, case_data.get(db, case_id), plan, plan["revision"], outcome="agreed_with_changes",
                             text=CHANGES, user=referrer(db))
    return plan_data.get(db, case_id)


def read(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    return SimpleNamespace(reader=reader, pages=pages, all=" ".join(pages), raw=response.data)


def visit(client, db, case_id, nain, **options):  # noqa: F811
    link_id, token = make_link(db, case_id, nain["id"], **options)
    open_link(client, token)
    return link_id


def test_the_family_pdf_is_their_plan_and_nothing_else(client, db, case_id, nain, download):  # noqa: F811
    plan = build_plan(db, case_id, nain["id"])
    link_id = visit(client, db, case_id, nain)
    page = check_page(client.get("/family/"))
    link = page.find("a", href="/family/plan.pdf")
    assert link is not None and text(link) == "Download your plan (PDF)"
    own_key = next(task["id"] for task in plan_data.tasks(db, plan["id"]) if task["what"] == OWN_TASK)
    csrf = page.find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post(f"/family/tasks/{own_key}", data={"done": "y", "note": "Every day this week",
                                                         "csrf_token": csrf}).status_code == 303

    response = download("/family/plan.pdf")
    assert response.headers["Content-Disposition"] == "attachment; filename=family-plan.pdf"
    assert response.headers["Cache-Control"] == "no-store" and response.headers["Referrer-Policy"] == "same-origin"
    printed = read(response)
    assert len(printed.pages) >= 2, "enough tasks to run over a page"
    for number, page_text in enumerate(printed.pages, start=1):
        assert f"Page {number} of {len(printed.pages)}" in page_text
        assert "Private – please do not share" in page_text
    everything = printed.all
    assert "Your family plan" in everything and "For Nain Jones" in everything
    assert OWN_TASK in everything and OTHER_TASK in everything
    assert everything.index("Your tasks") < everything.index(OWN_TASK) < everything.index("Everyone else’s tasks") \
        < everything.index(OTHER_TASK), "their own tasks come first"
    assert "1 December 2026, Every day" in everything
    assert everything.count("What you told us") == 1 and "What you told us Done. Every day this week" in everything
    assert CONTINGENCY in everything and "Keeping an eye on the plan: Uncle Dai, every Sunday" in everything
    assert "22 February 2027" in everything
    assert "Your coordinator is Test Coordinator." in everything and "coordinator@example.org" in everything
    assert "It was agreed on" in everything and "not agreed" not in everything.lower()

    # Nothing from the council's side, and no contact details of anyone in the network.
    version = plan_data.version(db, plan["id"], plan["number"])
    for secret in (HIDDEN_ADDRESS, "Heol y Gyfrinach", HIDDEN_PHONE, HIDDEN_EMAIL, CHANGES, "Agree with changes",
                   "Agreed with changes", SIGN_OFF_NOTE, "Bus passes", WORRY, "Children hurt if fights continue",
                   version["sha256"], version["sha256"][:16], "OFFICIAL-SENSITIVE", "Test Social Worker",
                   "FAM-1"):
        assert secret not in everything, secret
        assert secret.encode() not in printed.raw, secret
    assert f"{HIDDEN_PERSON} fixes the gate" in everything, "their task is there; where they live is not"

    metadata = printed.reader.metadata
    assert metadata.title == "Your family plan" and metadata.author == "Family Group Conference service"
    assert printed.reader.trailer["/Root"]["/Lang"] == "en"

    events = audit_data.events(db, action="family.pdf_downloaded", limit=10)
    assert len(events) == 1
    assert str(events[0]["record_id"]) == str(case_id)
    assert events[0]["detail"] == {"link_id": link_id, "person_id": nain["id"], "number": plan["number"],
                                   "agreed": True, "language": "en"}


def test_the_welsh_pdf(client, db, case_id, nain, download):  # noqa: F811
    build_plan(db, case_id, nain["id"])
    visit(client, db, case_id, nain)
    page = switch(client, "cy")
    assert text(page.find("a", href="/family/plan.pdf")) == "Lawrlwythwch eich cynllun (PDF)"
    response = download("/family/plan.pdf")
    assert response.headers["Content-Disposition"] == "attachment; filename=cynllun-teulu.pdf"
    printed = read(response)
    for number, page_text in enumerate(printed.pages, start=1):
        assert f"Tudalen {number} o {len(printed.pages)}" in page_text
        assert "Preifat – peidiwch â’i rannu" in page_text
        assert "Page " not in page_text
    everything = printed.all
    for heading in ("Eich cynllun teulu", "Eich tasgau", "Tasgau pawb arall", "Os bydd y cynllun yn stopio gweithio",
                    "Pryd byddwn ni’n edrych ar y cynllun eto", "Cwestiynau?"):
        assert heading in everything, heading
    assert WELSH_TASK in everything, "ŵ and ŷ come back out exactly"
    assert "22 Chwefror 2027" in everything and "1 Rhagfyr 2026" in everything
    assert "Eich cydlynydd yw Test Coordinator." in everything
    assert CHANGES not in everything and HIDDEN_ADDRESS not in everything
    assert printed.reader.metadata.title == "Eich cynllun teulu"
    assert printed.reader.trailer["/Root"]["/Lang"] == "cy"
    assert audit_data.events(db, action="family.pdf_downloaded", limit=10)[0]["detail"]["language"] == "cy"


def test_a_draft_says_it_is_not_agreed_on_every_page(client, db, case_id, nain, download):  # noqa: F811
    build_plan(db, case_id, nain["id"], decide=False)
    visit(client, db, case_id, nain)
    printed = read(download("/family/plan.pdf"))
    assert "This plan is not agreed yet. It may still change." in printed.all
    assert all("Not agreed yet" in page_text for page_text in printed.pages)
    assert "It was agreed on" not in printed.all
    switch(client, "cy")
    welsh = read(download("/family/plan.pdf"))
    assert all("Heb ei gytuno eto" in page_text for page_text in welsh.pages)


def test_the_pdf_needs_an_open_link(client, db, case_id, nain, app, download):  # noqa: F811
    build_plan(db, case_id, nain["id"])
    assert client.get("/family/plan.pdf").status_code == 403
    link_id = visit(client, db, case_id, nain)
    assert download("/family/plan.pdf").status_code == 200
    with write(db):
        assert links.revoke(db, case_id, link_id, user_id=1)
    response = client.get("/family/plan.pdf")
    assert response.status_code == 410 and response.mimetype == "text/html"
    other = app.test_client()
    visit(other, db, case_id, nain, pin="135790")
    assert other.get("/family/plan.pdf").status_code == 303, "not before the PIN"
    assert len(audit_data.events(db, action="family.pdf_downloaded", limit=10)) == 1


def test_a_pdf_that_cannot_be_made_gets_a_family_page(client, db, case_id, nain, app, run_jobs):  # noqa: F811
    """Every attempt times out for real: after the third, the family are told in their language, and may try
    again. Never a 503."""
    build_plan(db, case_id, nain["id"])
    visit(client, db, case_id, nain)
    app.config["PDF_JOB_TIMEOUT"] = 0.001
    waiting = client.get("/family/plan.pdf")
    assert waiting.status_code == 202
    assert text(check_page(waiting).find("h1")) == "We are making your PDF"
    for _attempt in range(3):
        ended = {job["kind"]: job for job in run_jobs()}
        with write(db):  # time passes
            db.execute("UPDATE jobs SET run_after = '2000-01-01' WHERE state = 'queued'")
    assert ended["pdf.kept"]["state"] == "failed", "the family's PDF (the case file's copy failed too)"
    response = client.get("/family/plan.pdf")
    assert response.status_code == 200
    assert text(check_page(response).find("h1")) == "Sorry, we could not make your PDF"
    switch(client, "cy")
    response = client.get("/family/plan.pdf")
    page = check_family_page(response)
    assert text(page.find("h1")) == "Rydyn ni’n gwneud eich PDF", "the Welsh PDF is another document"
    assert not audit_data.events(db, action="family.pdf_downloaded", limit=10)
    switch(client, "en")
    app.config["PDF_JOB_TIMEOUT"] = 120
    page = check_page(client.get("/family/plan.pdf"))
    csrf = page.find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post("/family/plan.pdf", data={"csrf_token": csrf}).status_code == 303
    assert {job["state"] for job in run_jobs()} == {"done"}
    assert client.get("/family/plan.pdf").mimetype == "application/pdf"


def test_no_plan_yet_goes_back_to_the_page(client, db, case_id, nain):  # noqa: F811
    visit(client, db, case_id, nain)
    response = client.get("/family/plan.pdf")
    assert response.status_code == 303 and response.location == "/family/"
    assert re.search(r"has not written its plan yet", text(check_page(client.get("/family/"))))


def test_the_family_pdf_gives_what_a_task_answers_as_references_with_a_key(client, db, case_id, nain, download):  # noqa: F811
    build_plan(db, case_id, nain["id"])
    visit(client, db, case_id, nain)
    everything = read(download("/family/plan.pdf")).all
    other = everything[everything.index(OTHER_TASK):everything.index(f"{HIDDEN_PERSON} fixes the gate")]
    assert "What it answers Q1" in other, other
    key = everything[everything.index("What the plan must answer"):]
    assert "Q1 Question: Who will look after the children?" in key
    assert everything.count("Who will look after the children?") == 1, "the full text once, in the key"
    assert "Children hurt if fights continue" not in everything and "D1" not in everything
