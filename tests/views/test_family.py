"""The family's private link: token exchange, headers, unknown, expired and revoked links, the rate
limit, PINs, exclusion, consent, acknowledgement and task updates."""

import secrets
import sqlite3
import threading

import pytest

from fgc.data import audit as audit_data
from fgc.data import cases as case_data
from fgc.data import consents, iso, network, now
from fgc.data import family_links as links
from fgc.data import plans as plan_data
from fgc.db import write

from conftest import check_page, text
from families import agreed_with_own_task, case_id, make_link, nain, open_link  # noqa: F401 (fixtures)
from factories import agree_plan

FAMILY_HEADERS = {"Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store"}


def test_a_token_is_swapped_for_a_cookie_and_a_clean_url(client, db, case_id, nain):
    _, token = make_link(db, case_id, nain["id"])
    response = open_link(client, token)
    assert response.location == "/family/", "the token leaves the address bar at once"
    cookie = response.headers["Set-Cookie"]
    assert "fgc_family=" in cookie and "HttpOnly" in cookie and "Path=/family" in cookie
    assert token not in cookie
    for name, value in FAMILY_HEADERS.items():
        assert response.headers[name] == value
    page = client.get("/family/")
    assert page.status_code == 200
    for name, value in FAMILY_HEADERS.items():
        assert page.headers[name] == value
    assert "Content-Security-Policy" in page.headers and "frame-ancestors 'none'" in page.headers[
        "Content-Security-Policy"]
    assert token not in page.get_data(as_text=True)
    soup = check_page(page)
    assert "Your family plan" in text(soup.find("h1"))
    link = links.for_case(db, case_id)[0]
    assert link["view_count"] == 1 and link["last_viewed_at"]
    assert [row["token_hash"] for row in db.query("SELECT token_hash FROM family_links")] != [token]


def test_unknown_tokens_are_404_and_the_rate_limit_engages(app, db):
    app.config["FAMILY_MISS_LIMIT"] = 20
    client = app.test_client()
    statuses = set()
    # 10,000 random tokens, from 500 addresses at 20 each: every one is simply not found.
    for number in range(10_000):
        client.environ_base["REMOTE_ADDR"] = f"10.{number // 20 // 256}.{number // 20 % 256}.1"
        statuses.add(client.get(f"/f/{secrets.token_urlsafe(16)}").status_code)
    assert statuses == {404}
    # The 21st from one address is refused before any lookup, and the burst was audited.
    response = client.get(f"/f/{secrets.token_urlsafe(16)}")
    assert response.status_code == 429
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    bursts = audit_data.events(db, action="family.unknown_links_burst", limit=1000)
    assert len(bursts) == 500, "each address's burst is written to the audit trail once"


def test_a_real_link_opens_from_an_address_that_has_used_up_its_misses(app, db, case_id, nain):
    """Mobile networks and council Wi-Fi put many families behind one address: others' wrong links never stop a
    real one."""
    app.config["FAMILY_MISS_LIMIT"] = 3
    _, token = make_link(db, case_id, nain["id"])
    client = app.test_client()
    assert [client.get(f"/f/{secrets.token_urlsafe(32)}").status_code for _ in range(5)] == [404] * 3 + [429] * 2
    assert client.get(f"/f/{token}").status_code == 303


def test_parallel_unknown_links_cannot_overshoot_the_limit(app, db):
    app.config["FAMILY_MISS_LIMIT"] = 5
    statuses = []

    def guess():
        statuses.append(app.test_client().get(f"/f/{secrets.token_urlsafe(32)}").status_code)

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [404] * 5 + [429] * 7
    assert db.execute("SELECT count(*) FROM family_link_misses").fetchone()[0] == 5


def test_expired_and_revoked_links_are_410_with_the_coordinators_details(client, db, case_id, nain):
    _, expired = make_link(db, case_id, nain["id"], days=-1)
    response = client.get(f"/f/{expired}")
    assert response.status_code == 410
    body = text(check_page(response))
    assert "Links only work for a set time" in body and "Test Coordinator" in body and "coordinator@example.org" in body
    link_id, revoked = make_link(db, case_id, nain["id"])
    open_link(client, revoked)
    with write(db):
        assert links.revoke(db, case_id, link_id, user_id=1)
    assert client.get(f"/f/{revoked}").status_code == 410
    assert client.get("/family/").status_code == 410, "revoking ends a visit already under way"


def test_family_pages_need_an_open_link(client):
    response = client.get("/family/")
    assert response.status_code == 403
    assert "Open your link again" in text(check_page(response))


def test_an_excluded_person_can_never_hold_a_link(db, case_id, nain):
    link_id, token = make_link(db, case_id, nain["id"])
    with write(db):
        network.exclude(db, case_id, nain["id"], reason="Risk", approved_by="Manager", on="2026-11-01", user_id=1)
    assert links.get(db, case_id, link_id)["revoked_reason"] == "excluded", "excluding someone ends their links"
    with pytest.raises(network.Excluded), write(db):
        links.create(db, case_id, nain["id"], expires_at=iso(now()), pin_hash=None, user_id=1,
                     consent_withdrawn=False)
    with pytest.raises(sqlite3.IntegrityError, match="excluded person"), write(db):
        db.execute("INSERT INTO family_links (case_id, person_id, token_hash, created_by, created_at, expires_at) "
                   "VALUES (?, ?, 'x', 1, 'x', 'x')", [case_id, nain["id"]])


def test_nobody_gets_a_link_once_consent_is_withdrawn(client, db, case_id, nain):
    _, token = make_link(db, case_id, nain["id"])
    with pytest.raises(links.LinkRefused), write(db):
        links.create(db, case_id, nain["id"], expires_at=iso(now()), pin_hash=None, user_id=1, consent_withdrawn=True)
    with write(db):
        consent = consents.for_case(db, case_id)[0]
        consents.withdraw(db, case_id, consent["id"], withdrawn_by="Parent Person", withdrawn_on="2026-11-20")
    assert client.get(f"/f/{token}").status_code == 410


def test_a_pin_locks_after_five_wrong_tries(client, db, case_id, nain):
    _, token = make_link(db, case_id, nain["id"], pin="246810")
    assert open_link(client, token).location == "/family/pin"
    assert client.get("/family/").status_code == 303, "no plan before the PIN"
    token_page = check_page(client.get("/family/pin"))
    csrf = token_page.find("input", attrs={"name": "csrf_token"})["value"]
    page = check_page(client.post("/family/pin", data={"pin": "12", "csrf_token": csrf}))
    assert "Your PIN is 6 numbers" in text(page.select_one(".govuk-error-summary"))
    for _attempt in range(4):
        page = check_page(client.post("/family/pin", data={"pin": "000000", "csrf_token": csrf}))
        assert "That PIN is not right" in text(page)
    response = client.post("/family/pin", data={"pin": "000000", "csrf_token": csrf})
    assert response.status_code == 410
    assert "Your PIN is locked" in text(check_page(response)) and "coordinator@example.org" in text(check_page(response))
    # Even the right PIN does not open a locked link.
    assert client.post("/family/pin", data={"pin": "246810", "csrf_token": csrf}).status_code == 410


def test_the_right_pin_opens_the_plan(client, db, case_id, nain):
    _, token = make_link(db, case_id, nain["id"], pin="135790")
    open_link(client, token)
    csrf = check_page(client.get("/family/pin")).find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post("/family/pin", data={"pin": "135 790", "csrf_token": csrf}).location == "/family/"
    assert client.get("/family/").status_code == 200


def test_a_family_member_reads_acknowledges_and_updates_their_task(client, db, case_id, nain):
    plan = agreed_with_own_task(db, case_id, nain["id"])
    tasks = plan_data.tasks(db, plan["id"])
    _, token = make_link(db, case_id, nain["id"])
    open_link(client, token)
    page = check_page(client.get("/family/"))
    yours = page.select_one("#your-tasks").find_next_sibling("div")
    assert "Nain collects the children" in text(yours)
    assert "Uncle Dai phones every evening" in text(page.select_one("#other-tasks").find_next_sibling("div"))
    csrf = page.find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post("/family/read", data={"csrf_token": csrf}).status_code == 303
    assert "You told us you read this plan on" in text(check_page(client.get("/family/")))
    task_key = tasks[1]["id"]
    assert client.post(f"/family/tasks/{task_key}", data={"done": "y", "note": "Every day this week",
                                                          "csrf_token": csrf}).status_code == 303
    assert client.get(f"/family/tasks/{tasks[0]['id']}").status_code == 404, "only your own tasks"
    updates = links.task_updates(db, plan["id"])
    assert [(row["task_key"], row["done"], row["note"], row["person_name"]) for row in updates] == [
        (task_key, 1, "Every day this week", "Nain Jones")]
    assert plan_data.version(db, plan["id"], plan["number"])["sha256"], "the agreed version is untouched"
    actions = {event["action"] for event in audit_data.events(db, limit=50)}
    assert {"family.link_opened", "family.viewed", "family.acknowledged", "family.task_updated"} <= actions


def test_robots_are_kept_out(client):
    response = client.get("/robots.txt")
    assert "Disallow: /f/" in response.get_data(as_text=True)
    assert "Disallow: /family" in response.get_data(as_text=True)


@pytest.mark.parametrize("method", ["get", "post"], ids=["the exit link", "the exit form of an older page"])
def test_quick_exit_ends_the_visit(client, db, case_id, nain, method):
    _, token = make_link(db, case_id, nain["id"])
    open_link(client, token)
    response = getattr(client, method)("/family/exit")
    assert response.status_code == 303 and response.location.startswith("https://www.bbc.co.uk/")
    assert client.get("/family/").status_code == 403, "going back does not show the plan"


def test_every_family_page_needs_an_open_link(app):
    """Walk the family routes: without the cookie a link gives, each one refuses (or only redirects)."""
    client = app.test_client()
    open_to_all = {"family.robots", "family.open_link", "family.quick_exit", "family.language"}
    checked = 0
    with app.test_request_context():
        rules = [rule for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("family.") and rule.endpoint not in open_to_all]
        urls = [(rule, app.url_for(rule.endpoint, **{name: 1 for name in rule.arguments})) for rule in rules]
    for rule, url in urls:
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code in (400, 403), f"{method} {url} answered {response.status_code}"
            checked += 1
    assert checked >= 5


def test_a_do_not_disclose_address_never_reaches_a_family_page(client, db, case_id, nain):
    secret_address, secret_phone = "9 Lôn Gudd, Caernarfon LL55 1ZZ", "07700 900999"
    with write(db):
        hidden = network.save(db, case_id, {"name": "Modryb Cudd", "side": "maternal", "roles": ["relative"],
                                            "address": secret_address, "address_hidden": 1, "phone": secret_phone,
                                            "email": "modryb@example.org"})
    plan = agree_plan(db, case_id, tasks=("Modryb Cudd has the children on Saturdays", "Nain collects the children"),
                      owners={0: [hidden], 1: [nain["id"]]})
    _, token = make_link(db, case_id, nain["id"])
    open_link(client, token)
    pages = ["/family/", *(f"/family/tasks/{task['id']}" for task in plan_data.tasks(db, plan["id"]))]
    for language in ("en", "cy"):
        client.set_cookie("fgc_lang", language)
        for url in pages:
            body = client.get(url).get_data(as_text=True)
            for secret in (secret_address, "Lôn Gudd", secret_phone, "modryb@example.org"):
                assert secret not in body, (url, language, secret)
    assert "Modryb Cudd has the children on Saturdays" in client.get("/family/").get_data(as_text=True)


def test_the_family_see_what_each_task_answers_as_references_with_a_key(client, db, case_id, nain):  # noqa: F811
    """Bottom lines and questions, as BL1 and Q1 with their full text once; never the professionals' danger
    statements, which are the council's side of the case."""
    from fgc.data import baselines, professionals

    from families import switch

    coordinator = case_data.get(db, case_id)["coordinator_id"]
    with write(db):
        bottom_line = baselines.add_item(db, case_id, "bottom_line", "Mr X must not visit the house")
        [question] = baselines.items(db, case_id)["question"]
        danger = professionals.for_case(db, case_id)[0]["dangers"][0]["id"]
        plan = plan_data.ensure(db, case_id, user_id=coordinator, review_on="2027-03-01")
        for what, people, answers in (("Nain collects the children", [nain["id"]], [f"danger:{danger}"]),
                                      ("Uncle Dai phones every evening", [],
                                       [f"danger:{danger}", f"item:{question['id']}", f"item:{bottom_line}"])):
            plan_data.save_task(db, case_id, plan["id"], {
                "what": what, "who_people": people, "who_professionals": [], "who_other": "" if people else "Dai",
                "by_date": None, "by_when": "Every day", "checker": "Mam", "status": "not_started",
                "answers": answers}, user_id=coordinator)
    _, token = make_link(db, case_id, nain["id"])
    open_link(client, token)
    page = check_page(client.get("/family/"))

    own, other = page.select(".govuk-summary-card")
    assert "What it answers" not in text(own), "a task answering only a danger statement shows no answers"
    refs = other.select(".app-plan-refs > li")
    assert [text(ref) for ref in refs] == ["BL1 – Bottom line: Mr X must not visit the house",
                                           "Q1 – Question: Who will look after the children?"], \
        "a screen reader hears each reference with its full text"
    assert [ref.find(string=True, recursive=False).strip() for ref in refs] == ["BL1", "Q1"]
    assert all(ref.select_one(".govuk-visually-hidden") for ref in refs), "the full text is not shown under the task"
    key = page.select_one("#answers-key")
    assert [text(entry) for entry in key.select(":scope > li")] == [
        "BL1 Bottom line: Mr X must not visit the house", "Q1 Question: Who will look after the children?"]
    for hidden in page.select(".govuk-visually-hidden"):
        hidden.decompose()
    assert text(page).count("Mr X must not visit the house") == 1, "shown once, in the key"
    assert "Children hurt if fights continue" not in text(page) and "D1" not in text(page)

    welsh = switch(client, "cy")
    assert [ref.find(string=True, recursive=False).strip()
            for ref in welsh.select(".govuk-summary-card")[1].select(".app-plan-refs > li")] == ["LlS1", "C1"]
    assert [text(entry) for entry in welsh.select("#answers-key > li")] == [
        "LlS1 Llinell sylfaen: Mr X must not visit the house", "C1 Cwestiwn: Who will look after the children?"]
    assert text(welsh.select_one("#plan-answers")) == "Beth mae’n rhaid i’r cynllun ei ateb"


def test_a_family_member_stops_their_task_reminders_from_their_plan(client, db, case_id, nain):
    from fgc.data import messages as message_data
    agreed_with_own_task(db, case_id, nain["id"])
    with write(db):
        message_data.record_choice(db, nain["id"], choice="in", channel="sms", asked="On the phone",
                                   recorded_by=1, source="staff", at=now())
    _, token = make_link(db, case_id, nain["id"])
    open_link(client, token)
    page = check_page(client.get("/family/"))
    section = page.select_one("#reminders").find_parent()
    assert "You asked for a text message a few days before each of your tasks is due" in text(section)
    form = page.find("form", action="/family/reminders/stop")
    response = client.post("/family/reminders/stop",
                           data={"csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"]})
    assert response.status_code == 303 and response.location.endswith("/family/#reminders")
    page = check_page(client.get("/family/"))
    assert "You will not get reminders" in text(page) and page.find("form", action="/family/reminders/stop") is None
    assert message_data.choice(db, nain["id"])["choice"] == "out"
    events = [row["action"] for row in audit_data.for_record(db, "case", case_id)]
    assert "message.reminders_stopped" in events


def test_stopping_reminders_needs_an_open_link(client):
    assert client.post("/family/reminders/stop").status_code in (400, 403, 404)
