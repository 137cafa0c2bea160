"""Hostile input on every case form: stored or refused with a message, never a server error."""

import pytest
from bs4 import BeautifulSoup

from fgc import worker
from fgc.db import connect

from conftest import PageClient, make_app, sign_in_raw
from factories import add_user, make_case, user_id
from test_access import add_plan, case_routes, nested_ids, url_for_case

HOSTILE = [
    "<script>alert(1)</script>",
    "x" * 10_001,
    "Siân ap Dafydd 👩‍👧‍👦 مريم \u202e\u0000",
    "31",
    "-1",
    "99999999999999999999999",
    "' OR 1=1; --",
]


@pytest.fixture
def coordinator_app(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False)
    db = connect(app.config["DATABASE"])
    for role in ("manager", "coordinator", "social_worker"):
        add_user(db, f"{role}@example.org", role)
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="H-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    add_plan(db, case_id)  # so the plan's task, resource and version pages are posted to as well
    yield app, db, case_id
    db.close()


def form_fields(html):
    soup = BeautifulSoup(html, "html.parser")
    names = set()
    for form in soup.find_all("form", method="post"):
        for element in form.find_all(["input", "textarea", "select"]):
            if element.get("name") and element.get("name") != "csrf_token":
                names.add(element["name"])
    return names


@pytest.mark.parametrize("role", ["manager", "coordinator"])
@pytest.mark.parametrize("value", HOSTILE)
def test_no_case_form_fails_on_hostile_input(coordinator_app, role, value):
    app, db, case_id = coordinator_app
    client = PageClient(app.test_client())
    sign_in_raw(client.raw, f"{role}@example.org")
    ids = {"case_id": case_id, **nested_ids(db, case_id)}
    posted = 0
    for rule in case_routes(app):
        if "POST" not in rule.methods or "remove" in rule.endpoint:
            continue
        url = url_for_case(app, rule, ids)
        page = client.raw.get(url)
        names = form_fields(page.get_data(as_text=True)) if page.status_code == 200 else {"version", "reason"}
        response = client.raw.post(url, data={name: value for name in names})
        assert response.status_code < 500, f"{role} POST {url} with {value[:30]!r} answered {response.status_code}"
        posted += 1
    assert posted >= 10


RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: typed, it would reverse the app's words after it


def test_typed_bidi_controls_never_reverse_the_apps_words(coordinator_app):
    """A bottom line, a child and a person with a right-to-left override in their text: every case page, and the
    plan PDF, shows them isolated in <bdi> with the override gone, so "answered by task 1" still reads so."""
    import io

    import pypdf

    from fgc.data import baselines, network
    from fgc.data import cases as case_data
    from fgc.data import plans
    from fgc.db import write

    app, db, case_id = coordinator_app
    [child] = case_data.children(db, case_id)
    with write(db):
        item = baselines.add_item(db, case_id, "bottom_line", f"Safe at home{RLO}")
        case_data.save_child(db, case_id, dict(child, name=f"Elin{RLO} Jones"), child["id"])
        network.save(db, case_id, {"name": f"Taid{RLO} Jones", "side": "maternal", "roles": ["relative"]})
        plan = plans.get(db, case_id)
        [task] = plans.tasks(db, plan["id"])
        plans.save_task(db, case_id, plan["id"], dict(task, answers=[f"item:{item}"]), user_id=1, task_id=task["id"],
                        version=task["version"])
    client = PageClient(app.test_client())
    sign_in_raw(client.raw, "coordinator@example.org")
    ids = {"case_id": case_id, **nested_ids(db, case_id)}
    for rule in case_routes(app):
        if "GET" in rule.methods:
            response = client.raw.get(url_for_case(app, rule, ids))
            if response.mimetype.startswith("text/"):  # the PDFs are read back below
                assert RLO not in response.get_data(as_text=True), rule.rule
    plan_page = BeautifulSoup(client.raw.get(f"/cases/{case_id}/plan").get_data(as_text=True), "html.parser")
    line = next(li for li in plan_page.select("li") if "Safe at home" in li.get_text())
    assert line.find("bdi").get_text() == "Safe at home", "the typed text is isolated"
    assert "answered by task 1" in " ".join(line.get_text().split())
    assert client.raw.get(f"/cases/{case_id}/plan/draft.pdf").status_code == 202
    worker.run_due(app)
    pdf = client.raw.get(f"/cases/{case_id}/plan/draft.pdf")
    assert pdf.status_code == 200
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Safe at home" in text and RLO not in text
