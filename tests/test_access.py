"""The access matrix: every case route, for every role, against an own case, another's case and a missing case.

A case the user may not see answers exactly as a case that does not exist: 404.
"""

import re

import pytest

from fgc.domain import plan_document
from fgc.data import baselines, consents, family_links, meetings, messages, network, now, plans, professionals
from fgc.data import cases as case_data
from fgc.db import connect, write

from conftest import PageClient, make_app, sign_in_raw
from factories import add_user, make_case, user_id

ROLES = ("admin", "manager", "coordinator", "social_worker")
# Who can see which case: own = referred by our social worker and allocated to our coordinator.
SEES = {"admin": set(), "manager": {"own", "other"}, "coordinator": {"own"}, "social_worker": {"own"}}


@pytest.fixture
def world(tmp_path):
    """An app with two of everything: our coordinator and social worker's case, and someone else's."""
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False)
    db = connect(app.config["DATABASE"])
    for role in ROLES:
        add_user(db, f"{role}@example.org", role)
    other_worker = add_user(db, "other.worker@example.org", "social_worker")
    other_coordinator = add_user(db, "other.coordinator@example.org", "coordinator")
    cases = {
        "own": make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="OWN-1",
                         coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled"),
        "other": make_case(db, created_by=other_worker, reference="OTHER-1", coordinator_id=other_coordinator,
                           stage="conference_scheduled"),
    }
    for case_id in cases.values():
        add_plan(db, case_id)
        add_link(db, case_id)
        add_message(db, case_id)
    yield app, db, cases
    db.close()


def add_plan(db, case_id):
    """A plan with a task, a resource needing sign-off and a frozen version 1, so plan routes have ids."""
    case = case_data.get(db, case_id)
    with write(db):
        plan = plans.ensure(db, case_id, user_id=case["created_by"], review_on="2027-03-01")
        plans.save_task(db, case_id, plan["id"], {
            "what": "Nain collects the children", "who_people": [], "who_professionals": [], "who_other": "Nain",
            "by_date": None, "by_when": "Daily", "checker": "Dai", "status": "not_started", "answers": []},
            user_id=case["created_by"])
        plans.save_resource(db, plan["id"], {"what": "Respite", "detail": "", "sign_off_needed": True},
                            user_id=case["created_by"])
        content = plan_document.canonical(plan_document.assemble(db, case, plan))
        plans.freeze(db, plan["id"], 1, "declined", content, plan_document.digest(content), decided_by=case["created_by"],
                     decided_at="2026-11-01T10:00:00+00:00")
        plans.start_next(db, plan["id"], user_id=case["created_by"], returned_reason="Not safe enough yet")


def add_link(db, case_id):
    """A family link for the case's first network person, so link routes have an id."""
    case = case_data.get(db, case_id)
    with write(db):
        family_links.create(db, case_id, network.for_case(db, case_id)[0]["id"], expires_at="2099-01-01T00:00:00+00:00",
                            pin_hash=None, user_id=case["created_by"], consent_withdrawn=False)


def add_message(db, case_id):
    """A message kept for the case's first network person, so message routes have an id."""
    with write(db):
        messages.add(db, case_id=case_id, kind="family_link", audience="family", channel="email",
                     address="someone@example.org", language="en", personalisation={"expires_on": "2099-01-01"},
                     secret=None, calendar=None, reference=f"fgc-access-{case_id}", dedupe=None, send_after=now(),
                     queued_by=None, at=now(), person_id=network.for_case(db, case_id)[0]["id"])


def nested_ids(db, case_id):
    """Real ids of the things inside a case, for routes such as /meetings/<meeting_id>."""
    if case_id == 999_999:
        return {"meeting_id": 1, "consent_id": 1, "item_id": 1, "child_id": 1, "holder_id": 1, "person_id": 1,
                "professional_id": 1, "danger_id": 1, "task_id": 1, "resource_id": 1, "number": 1, "link_id": 1,
                "message_id": 1}
    plan = plans.get(db, case_id)
    links = family_links.for_case(db, case_id)
    return {
        "task_id": plans.tasks(db, plan["id"])[0]["id"] if plan else 1,
        "resource_id": plans.resources(db, plan["id"])[0]["id"] if plan else 1,
        "number": 1,
        "link_id": links[0]["id"] if links else 1,
        "message_id": (messages.for_case(db, case_id)[0] or [{"id": 1}])[0]["id"],
        "meeting_id": meetings.for_case(db, case_id)[0]["id"],
        "consent_id": consents.for_case(db, case_id)[0]["id"],
        "item_id": baselines.items(db, case_id)["question"][0]["id"],
        "child_id": case_data.children(db, case_id)[0]["id"],
        "holder_id": case_data.pr_holders(db, case_id)[0]["id"],
        "person_id": network.for_case(db, case_id)[0]["id"],
        "professional_id": professionals.for_case(db, case_id)[0]["id"],
        "danger_id": professionals.for_case(db, case_id)[0]["dangers"][0]["id"],
    }


def case_routes(app):
    """(rule, methods) for every route that takes a case id; fails on an argument it cannot fill."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "case_id" not in rule.arguments:
            continue
        unknown = rule.arguments - {"case_id", "meeting_id", "consent_id", "item_id", "child_id", "holder_id",
                                    "person_id", "professional_id", "danger_id", "slug", "kind", "target",
                                    "task_id", "resource_id", "number", "direction", "link_id", "message_id", "point"}
        assert not unknown, f"{rule.rule} has arguments the access matrix does not cover: {unknown}"
        routes.append(rule)
    # Removals go last so that they do not take away what other routes point at.
    return sorted(routes, key=lambda rule: ("remove" in rule.endpoint, rule.rule))


def url_for_case(app, rule, ids):
    values = {name: ids[name] for name in rule.arguments if name in ids}
    for name in rule.arguments - set(values):
        values[name] = sorted(rule._converters[name].items)[0]
    with app.test_request_context():
        return app.url_for(rule.endpoint, **values)


def sign_in(app, role):
    client = PageClient(app.test_client())
    sign_in_raw(client.raw, f"{role}@example.org")
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_case_route_for_every_role(world, role):
    app, db, cases = world
    client = sign_in(app, role)
    targets = {**cases, "missing": 999_999}
    routes = case_routes(app)
    assert len(routes) >= 25, "the matrix found too few case routes to be checking anything"
    ids = {name: {"case_id": case_id, **nested_ids(db, case_id)} for name, case_id in targets.items()}
    checked = 0
    for method in ("GET", "POST"):
        for rule in routes:
            if method not in rule.methods:
                continue
            for name in targets:
                url = url_for_case(app, rule, ids[name])
                status = client.raw.open(url, method=method).status_code
                if name in SEES[role]:
                    assert status != 404, f"{role} {method} {url} ({name} case) answered 404"
                    assert status < 500, f"{role} {method} {url} answered {status}"
                else:
                    assert status == 404, f"{role} {method} {url} ({name} case) answered {status}, not 404"
                checked += 1
    assert checked > 100


def test_forbidden_and_missing_cases_look_the_same(world):
    app, db, cases = world
    client = sign_in(app, "coordinator")
    client.raw.get("/")  # shows, and so clears, the signed-in message
    forbidden = client.raw.get(f"/cases/{cases['other']}")
    missing = client.raw.get("/cases/999999")
    assert forbidden.status_code == missing.status_code == 404

    def page(response):  # the same page but for the per-response nonce and CSRF token
        return re.sub(r'(nonce|value)="[^"]+"', "", response.get_data(as_text=True))

    assert page(forbidden) == page(missing)


def test_admins_see_no_case_content(world):
    app, db, cases = world
    client = sign_in(app, "admin")
    assert client.raw.get(f"/cases/{cases['own']}").status_code == 404
    assert client.raw.get("/cases/").status_code == 403
    assert client.raw.get("/cases/search?q=OWN").status_code == 403
    assert "OWN-1" not in client.raw.get("/").get_data(as_text=True)


def test_a_social_worker_named_on_a_case_sees_it(world):
    app, db, cases = world
    from fgc.db import write

    with write(db):
        case = case_data.get(db, cases["other"])
        case_data.update(db, cases["other"], case["version"], social_worker_id=user_id(db, "social_worker@example.org"))
    client = sign_in(app, "social_worker")
    assert client.raw.get(f"/cases/{cases['other']}").status_code == 200


@pytest.mark.parametrize("role, page, status", [
    ("social_worker", "allocate", 403),
    ("coordinator", "allocate", 403),
    ("manager", "allocate", 200),
    ("social_worker", "baseline", 403),
    ("coordinator", "baseline", 200),
])
def test_only_managers_allocate_and_only_the_coordinator_runs_the_case(world, role, page, status):
    app, db, cases = world
    assert sign_in(app, role).raw.get(f"/cases/{cases['own']}/{page}").status_code == status


def test_case_views_are_audited(world):
    app, db, cases = world
    client = sign_in(app, "coordinator")
    client.raw.get(f"/cases/{cases['own']}")
    row = db.execute("SELECT actor, record_type, record_id FROM audit_events WHERE action = 'case.viewed'").fetchone()
    assert row == ("coordinator@example.org", "case", str(cases["own"]))


def test_every_case_page_read_is_audited(world):
    app, db, cases = world
    client = sign_in(app, "manager")
    ids = {"case_id": cases["own"], **nested_ids(db, cases["own"])}
    for rule in case_routes(app):
        if "GET" not in rule.methods:
            continue
        before = db.execute("SELECT count(*) FROM audit_events WHERE action = 'case.viewed'").fetchone()[0]
        client.raw.get(url_for_case(app, rule, ids))
        after = db.execute("SELECT count(*) FROM audit_events WHERE action = 'case.viewed'").fetchone()[0]
        latest = db.execute("SELECT detail FROM audit_events WHERE action = 'case.viewed' ORDER BY id DESC").fetchone()
        assert after == before + 1, f"GET {rule.rule} was not audited"
        assert rule.endpoint in latest[0]


def test_a_coordinator_who_refers_for_an_outside_referrer_sees_only_what_is_allocated_to_them(world):
    app, db, cases = world
    coordinator = user_id(db, "coordinator@example.org")
    referred = make_case(db, created_by=coordinator, reference="EXT-1", extras=False,
                         coordinator_id=user_id(db, "other.coordinator@example.org"))
    client = sign_in(app, "coordinator")
    assert client.raw.get(f"/cases/{referred}").status_code == 404
    assert "EXT-1" not in client.raw.get("/cases/").get_data(as_text=True)


def test_lists_record_which_cases_were_shown(world):
    import json

    app, db, cases = world
    client = sign_in(app, "coordinator")
    client.raw.get("/cases/")
    client.raw.get("/cases/search?q=OWN")
    rows = db.execute("SELECT action, detail FROM audit_events WHERE action IN ('case.list_viewed', 'case.searched') "
                      "ORDER BY id").fetchall()
    shown = [json.loads(detail)["case_ids"] for _action, detail in rows]
    assert shown[-2:] == [[cases["own"]], [cases["own"]]]


def test_trying_a_case_one_may_not_see_and_a_refused_page_are_recorded(world):
    """A search of the access records shows anyone trying case numbers that are not theirs, or pages beyond their
    role."""
    app, db, cases = world
    client = sign_in(app, "coordinator")
    assert client.raw.get(f"/cases/{cases['other']}").status_code == 404
    assert client.raw.get("/admin/users").status_code == 403
    refused = db.execute("SELECT action, record_id, detail FROM audit_events WHERE action IN "
                         "('case.access_refused', 'access.refused') ORDER BY id").fetchall()
    assert [(row[0], row[1]) for row in refused] == [("case.access_refused", str(cases["other"])),
                                                    ("access.refused", None)]
    assert '"page": "admin.users"' in refused[1][2]
