"""A family member's visit through their private link, action by action: each is kept and, leaving aside, audited
under the case with the link (never a name) as the actor; five wrong PINs lock the link; unknown links are counted
per address, and a burst is audited once."""

import datetime
import json

import pytest
from families import agreed_with_own_task, case_id, link_events, make_link, nain  # noqa: F401 (fixtures)

from fgc.data import audit as audit_data
from fgc.data import family_links as links
from fgc.data import now, parse
from fgc.data import plans as plan_data
from fgc.domain import family_visits

HOUR = datetime.timedelta(hours=1)
WINDOW = datetime.timedelta(minutes=15)



@pytest.fixture(autouse=True)
def in_the_app(app):
    """Actions run inside the app, as from a page or a command: they queue messages by its settings."""
    with app.app_context():
        yield

@pytest.fixture
def link(db, case_id, nain):  # noqa: F811
    link_id, _token = make_link(db, case_id, nain["id"], pin="2468")
    return links.get(db, case_id, link_id)


def visit(db, link, lifetime=HOUR):
    """Open the link: the visit's cookie token."""
    return family_visits.start_visit(db, link, lifetime).value


def own_task(db, plan, person_id):
    """The agreed version's number and the key of the task the person does in it."""
    agreed = plan_data.latest_agreed(db, plan["id"])
    tasks = json.loads(agreed["content"])["tasks"]
    return agreed["number"], next(task["key"] for task in tasks
                                  if any(who["kind"] == "person" and who["id"] == person_id for who in task["who"]))


def test_the_audit_trail_names_the_link_never_the_person(db, case_id, link):  # noqa: F811
    actor = family_visits.actor(link)
    assert actor == {"id": None, "email": f"family link {link['id']}"}
    family_visits.record(db, "family.pdf_downloaded", link, number=2, language="cy")
    assert link_events(db, case_id) == [(f"family link {link['id']}", "family.pdf_downloaded", {
        "link_id": link["id"], "person_id": link["person_id"], "number": 2, "language": "cy"})]
    event = audit_data.events(db, action="family.pdf_downloaded")[0]
    assert event["user_id"] is None and "Nain" not in json.dumps(event)


def test_opening_a_link_starts_a_visit_of_the_given_lifetime_and_is_audited(db, case_id, link):  # noqa: F811
    session, visited = links.session(db, visit(db, link))
    assert visited["id"] == link["id"] and session["pin_passed"] == 0, "a PIN is still to be given"
    assert parse(session["expires_at"]) - parse(session["created_at"]) == HOUR
    assert link_events(db, case_id) == [(f"family link {link['id']}", "family.link_opened",
                                         {"link_id": link["id"], "person_id": link["person_id"]})]


def test_a_visit_whose_lifetime_is_up_no_longer_opens_the_plan(db, link):
    assert links.session(db, visit(db, link, datetime.timedelta(0))) is None


def test_quick_exit_ends_that_visit_on_the_server_and_no_other(db, link):
    leaving, staying = visit(db, link), visit(db, link)
    assert family_visits.end_visit(db, leaving).done
    assert links.session(db, leaving) is None
    assert links.session(db, staying) is not None


def test_each_reading_of_the_plan_is_counted_and_audited_with_the_version_read(db, case_id, link):  # noqa: F811
    before = now()
    for number in (1, 2):
        assert family_visits.viewed(db, link, number).done
    read = links.get(db, case_id, link["id"])
    assert read["view_count"] == 2 and parse(read["last_viewed_at"]) >= before
    assert [(action, detail["number"]) for _actor, action, detail in link_events(db, case_id)] == [
        ("family.viewed", 1), ("family.viewed", 2)]


def test_saying_the_plan_has_been_read_is_kept_once_and_never_changes_the_plan(db, case_id, nain, link):  # noqa: F811
    plan = agreed_with_own_task(db, case_id, nain["id"])
    number, _task = own_task(db, plan, nain["id"])
    for _ in range(2):
        assert family_visits.acknowledge(db, link, plan["id"], number).done
    assert links.acknowledgement(db, link["id"], plan["id"], number) is not None
    assert [(row["person_name"], row["number"]) for row in links.acknowledgements(db, plan["id"])] == [
        ("Nain Jones", number)], "pressed twice, kept once"
    assert plan_data.get(db, case_id) == plan
    assert [action for _actor, action, _detail in link_events(db, case_id)] == ["family.acknowledged"] * 2


@pytest.mark.parametrize("done_now, note", [(True, "Collected them every day this week"), (False, "")],
                         ids=["done", "not-yet"])
def test_a_task_update_reaches_the_coordinator_and_is_audited(db, case_id, nain, link, done_now, note):  # noqa: F811
    plan = agreed_with_own_task(db, case_id, nain["id"])
    number, task_key = own_task(db, plan, nain["id"])
    outcome = family_visits.update_task(db, link, plan["id"], number, task_key, done_now=done_now, note=note)
    assert outcome.done
    [update] = links.task_updates(db, plan["id"])
    assert (update["person_name"], update["number"], update["task_key"], update["done"], update["note"]) == (
        "Nain Jones", number, task_key, int(done_now), note)
    assert plan_data.get(db, case_id) == plan, "an update never changes the plan"
    assert link_events(db, case_id)[-1] == (f"family link {link['id']}", "family.task_updated", {
        "link_id": link["id"], "person_id": nain["id"], "number": number, "task_key": task_key, "done": done_now})


def test_five_wrong_pins_lock_the_link_and_every_try_is_audited(db, case_id, link):  # noqa: F811
    token = visit(db, link)
    session, _link = links.session(db, token)
    assert [family_visits.check_pin(db, session, link, False).value for _ in range(5)] == [False] * 4 + [True]
    locked = links.get(db, case_id, link["id"])
    assert locked["pin_locked_at"] is not None and locked["pin_failures"] == 5
    assert links.session(db, token)[0]["pin_passed"] == 0
    assert [action for _actor, action, _detail in link_events(db, case_id)] == [
        "family.link_opened"] + ["family.pin_failed"] * 4 + ["family.pin_locked"]


def test_the_right_pin_lets_the_visit_in_and_forgets_the_wrong_tries(db, case_id, link):  # noqa: F811
    token = visit(db, link)
    session, _link = links.session(db, token)
    for _ in range(4):
        family_visits.check_pin(db, session, link, False)
    outcome = family_visits.check_pin(db, session, link, True)
    assert (outcome.done, outcome.value) == (True, False), "not locked"
    assert links.session(db, token)[0]["pin_passed"] == 1
    assert links.get(db, case_id, link["id"])["pin_failures"] == 0, "four more wrong tries would not lock it"
    assert link_events(db, case_id)[-1] == (f"family link {link['id']}", "family.pin_passed",
                                            {"link_id": link["id"], "person_id": link["person_id"]})


def test_the_right_pin_does_not_get_past_a_link_locked_in_the_meantime(db, case_id, link):  # noqa: F811
    """The page read the link before another tab's fifth wrong PIN locked it: the lock still holds."""
    token = visit(db, link)
    session, read_before = links.session(db, token)
    for _ in range(5):
        family_visits.check_pin(db, session, link, False)
    outcome = family_visits.check_pin(db, session, read_before, True)
    assert (outcome.done, outcome.value) == (True, True), "still locked"
    assert links.session(db, token)[0]["pin_passed"] == 0
    assert links.get(db, case_id, link["id"])["pin_failures"] == 5
    assert link_events(db, case_id)[-1][1] == "family.pin_locked"


def test_unknown_links_are_counted_per_address_and_a_burst_is_audited_once(db):
    answers = [family_visits.note_unknown_link(db, "192.0.2.7", window=WINDOW, limit=3).value for _ in range(5)]
    assert answers == [True, True, True, False, False], "refused once the address has used up its misses"
    assert family_visits.note_unknown_link(db, "2001:db8:1:2::/64", window=WINDOW, limit=3).value
    assert (links.misses(db, "192.0.2.7", WINDOW), links.misses(db, "2001:db8:1:2::/64", WINDOW)) == (3, 1)
    bursts = audit_data.events(db, action="family.unknown_links_burst")
    assert [(event["actor"], event["user_id"], event["detail"]) for event in bursts] == [
        ("anonymous", None, {"misses": 3, "window_minutes": 15})]


def test_old_misses_are_forgotten_as_new_ones_come(db, monkeypatch):
    monkeypatch.setattr(links, "now", lambda: now() - 4 * WINDOW - datetime.timedelta(minutes=1))
    family_visits.note_unknown_link(db, "192.0.2.7", window=WINDOW, limit=3)
    monkeypatch.undo()
    assert links.misses(db, "192.0.2.7", 10 * WINDOW) == 1
    family_visits.note_unknown_link(db, "192.0.2.8", window=WINDOW, limit=3)
    assert links.misses(db, "192.0.2.7", 10 * WINDOW) == 0, "older than four windows: pruned"
