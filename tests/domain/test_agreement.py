"""The plan's rules below the pages: bottom-line check, referrer decisions, sign-off, frozen versions,
hashes, differences between versions, reviews and concurrent saves."""

import sqlite3
import threading

import pytest

from fgc.domain import agreement, plan_document
from fgc.data import baselines, network, professionals
from fgc.data import cases as case_data
from fgc.data import plans as plan_data
from fgc.data.cases import VersionConflict
from fgc.db import connect, write

from factories import make_case, someone, user_id


@pytest.fixture
def case(db):
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="PLAN-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    with write(db):
        baselines.add_item(db, case_id, "bottom_line", "The children must not be left alone with Mr X")
        case_data.move(db, case_id, to_stage="conference_held", user_id=1)
    return case_data.get(db, case_id)


@pytest.fixture
def coordinator(db):
    return someone(db, "coordinator@example.org")


@pytest.fixture
def referrer(db):
    return someone(db, "social_worker@example.org")


def start(db, case, coordinator):
    with write(db):
        return plan_data.ensure(db, case["id"], user_id=coordinator.id, review_on="2027-02-22")


def item_refs(db, case):
    items = baselines.items(db, case["id"])
    return [f"item:{item['id']}" for kind in ("question", "bottom_line") for item in items[kind]]


def task(what, answers=(), **values):
    return {"what": what, "who_people": [], "who_professionals": [], "who_other": "Mam", "by_date": None,
            "by_when": "Every Saturday", "checker": "Nain", "status": "not_started", "answers": list(answers),
            **values}


def add_task(db, case, plan, coordinator, what, answers=()):
    with write(db):
        return plan_data.save_task(db, case["id"], plan["id"], task(what, answers), user_id=coordinator.id)


def fresh(db, case):
    return plan_data.get(db, case["id"])


def answered_plan(db, case, coordinator):
    plan = start(db, case, coordinator)
    for ref in item_refs(db, case):
        add_task(db, case, plan, coordinator, f"Task answering {ref}", [ref])
    return fresh(db, case)


def ready(db, case, coordinator):
    plan = answered_plan(db, case, coordinator)
    with write(db):
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator.id)
    return fresh(db, case)


def decide(db, case, referrer, outcome, text=""):
    plan = fresh(db, case)
    with write(db):
        return agreement.decide(db, case_data.get(db, case["id"]), plan, plan["revision"], outcome=outcome,
                                text=text, user=referrer)


def test_a_plan_cannot_be_ready_while_a_bottom_line_is_unanswered(db, case, coordinator):
    plan = start(db, case, coordinator)
    question, bottom_line = item_refs(db, case)
    add_task(db, case, plan, coordinator, "Nain collects the children from school", [question])
    plan = fresh(db, case)
    missing = plan_document.unanswered(plan_document.assemble(db, case, plan))
    assert [item["text"] for item in missing] == ["The children must not be left alone with Mr X"]
    with pytest.raises(agreement.NotReady, match="1 bottom line or question still needs an answer"), write(db):
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator.id)
    # A decision noted against the item answers it as well as a task would.
    with write(db):
        plan_data.note_item_decision(db, case["id"], plan["id"], int(bottom_line.split(":")[1]),
                                     "The family agree Mr X will not visit", user_id=coordinator.id)
    plan = fresh(db, case)
    assert plan_document.unanswered(plan_document.assemble(db, case, plan)) == []
    with write(db):
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator.id)
    assert fresh(db, case)["status"] == "ready"


def test_changing_a_ready_plan_takes_it_back_to_draft(db, case, coordinator):
    plan = ready(db, case, coordinator)
    add_task(db, case, plan, coordinator, "One more thing")
    assert fresh(db, case)["status"] == "draft"


def test_agreeing_freezes_a_version_and_moves_the_case_on(db, case, coordinator, referrer):
    ready(db, case, coordinator)
    assert decide(db, case, referrer, "agreed") == "agreed"
    plan = fresh(db, case)
    version = plan_data.version(db, plan["id"], 1)
    assert version["outcome"] == "agreed" and version["decided_by_name"] == referrer.name
    assert case_data.get(db, case["id"])["stage"] == "plan_agreed"
    assert agreement.verify(db, plan["id"], 1)[0] is True
    # Agreed means locked: no task can be added until a new version is started.
    with pytest.raises(plan_data.PlanLocked), write(db):
        plan_data.save_task(db, case["id"], plan["id"], task("Sneaky change"), user_id=coordinator.id)


def test_an_agreed_version_cannot_be_changed_or_removed_even_in_sql(db, case, coordinator, referrer):
    ready(db, case, coordinator)
    decide(db, case, referrer, "agreed")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"), write(db):
        db.execute("UPDATE plan_versions SET content = '{}'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be removed"), write(db):
        db.execute("DELETE FROM plan_versions")


def test_verify_notices_a_version_tampered_with_behind_the_apps_back(app, db, case, coordinator, referrer):
    ready(db, case, coordinator)
    decide(db, case, referrer, "agreed")
    plan = fresh(db, case)
    raw = sqlite3.connect(app.config["DATABASE"])
    raw.execute("DROP TRIGGER plan_versions_no_update")
    raw.execute("UPDATE plan_versions SET content = replace(content, 'Task answering', 'Task ignoring')")
    raw.commit()
    raw.close()
    intact, stored, recomputed = agreement.verify(db, plan["id"], 1)
    assert intact is False and stored != recomputed


def test_declining_keeps_the_declined_text_and_reopens_the_plan(db, case, coordinator, referrer):
    ready(db, case, coordinator)
    assert decide(db, case, referrer, "declined", "Nobody checks the evenings") == "draft"
    plan = fresh(db, case)
    assert plan["number"] == 2 and plan["status"] == "draft"
    assert plan["returned_reason"] == "Nobody checks the evenings"
    declined = plan_data.version(db, plan["id"], 1)
    assert declined["outcome"] == "declined"
    content = plan_document.json.loads(declined["content"])
    assert content["decision"]["text"] == "Nobody checks the evenings"
    assert any(task["what"].startswith("Task answering") for task in content["tasks"])
    assert case_data.get(db, case["id"])["stage"] == "conference_held", "a declined plan does not move the case"
    # The family revise and the referrer agrees the second version.
    add_task(db, case, plan, coordinator, "Uncle Dai phones every evening at 7")
    plan = fresh(db, case)
    with write(db):
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator.id)
    assert decide(db, case, referrer, "agreed_with_changes", "Add the school's number") == "agreed"
    assert [row["outcome"] for row in plan_data.versions(db, plan["id"])] == ["agreed_with_changes", "declined"]


def test_a_decision_on_a_plan_that_changed_since_it_was_read_is_refused(db, case, coordinator, referrer):
    plan = ready(db, case, coordinator)
    with write(db):
        plan_data.save_details(db, plan["id"], plan["version"], {"contingency": "Nain steps in", "monitoring": "Dai",
                                                                 "review_on": "2027-02-22"}, user_id=coordinator.id)
    with pytest.raises(VersionConflict), write(db):
        agreement.decide(db, case, plan, plan["revision"], outcome="agreed", text="", user=referrer)
    assert fresh(db, case)["status"] == "draft" and plan_data.versions(db, plan["id"]) == []


def test_flagged_resources_wait_for_a_senior_manager(db, case, coordinator, referrer):
    plan = answered_plan(db, case, coordinator)
    with write(db):
        resource_id = plan_data.save_resource(db, plan["id"], {"what": "Respite weekend", "detail": "Twice a month",
                                                               "sign_off_needed": True}, user_id=coordinator.id)
        plan = fresh(db, case)
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator.id)
    assert decide(db, case, referrer, "agreed") == "awaiting_sign_off"
    plan = fresh(db, case)
    assert plan_data.versions(db, plan["id"]) == [], "not agreed until the manager signs off"
    manager = someone(db, "manager@example.org")
    resource = plan_data.resource(db, plan["id"], resource_id)
    with write(db):
        status = agreement.sign_off(db, case, plan, resource_id, resource["version"], outcome="approved",
                                    note="Within budget", user=manager)
    assert status == "agreed"
    frozen = plan_document.json.loads(plan_data.version(db, plan["id"], 1)["content"])
    assert frozen["decision"]["by"] == referrer.name
    assert frozen["resources"][0]["sign_off"] == "approved" and frozen["resources"][0]["sign_off_by"] == manager.name


def test_a_refused_resource_sends_the_plan_back(db, case, coordinator, referrer):
    plan = answered_plan(db, case, coordinator)
    with write(db):
        resource_id = plan_data.save_resource(db, plan["id"], {"what": "A car", "detail": "",
                                                               "sign_off_needed": True}, user_id=coordinator.id)
        plan = fresh(db, case)
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator.id)
    decide(db, case, referrer, "agreed")
    plan = fresh(db, case)
    with write(db):
        status = agreement.sign_off(db, case, plan, resource_id, 1, outcome="refused", note="Not funded",
                                    user=someone(db, "manager@example.org"))
    assert status == "draft" and "Not funded" in fresh(db, case)["returned_reason"]


def test_differences_between_versions_are_shown_task_by_task(db, case, coordinator, referrer):
    plan = ready(db, case, coordinator)
    keep, change = [row["id"] for row in plan_data.tasks(db, plan["id"])]
    decide(db, case, referrer, "agreed")
    plan = fresh(db, case)
    with write(db):
        agreement.record_review(db, case, plan, meeting_id=None, held_on="2027-02-20", changes="Going well",
                                outcomes={keep: ("done", "Every week"), change: ("not_done", "Car broke")},
                                new_version=True, user_id=coordinator.id)
    plan = fresh(db, case)
    assert plan["number"] == 2 and plan["status"] == "draft"
    statuses = {row["id"]: row["status"] for row in plan_data.tasks(db, plan["id"])}
    assert statuses == {keep: "done", change: "not_started"}, "the review's findings carry into the new version"
    changed = plan_data.task(db, plan["id"], change)
    with write(db):
        plan_data.save_task(db, case["id"], plan["id"], task("Dai drives them instead", changed["answers"]),
                            user_id=coordinator.id, task_id=change, version=changed["version"])
    add_task(db, case, plan, coordinator, "Nain takes them swimming")
    plan = fresh(db, case)
    with write(db):
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=coordinator.id)
    decide(db, case, referrer, "agreed")
    old, new = (plan_document.json.loads(plan_data.version(db, plan["id"], n)["content"]) for n in (1, 2))
    diff = plan_document.differences(old, new)
    kinds = sorted((row["change"], (row["new"] or row["old"])["what"]) for row in diff["tasks"])
    assert kinds == [("added", "Nain takes them swimming"), ("changed", "Dai drives them instead"),
                     ("changed", f"Task answering {item_refs(db, case)[0]}")]
    by_what = {row["new"]["what"]: row for row in diff["tasks"] if row["new"]}
    assert [part["name"] for part in by_what["Dai drives them instead"]["parts"]] == ["what"]
    assert [part["name"] for part in by_what[f"Task answering {item_refs(db, case)[0]}"]["parts"]] == ["status"]
    backwards = plan_document.differences(new, old)["tasks"]
    assert ("removed", "Nain takes them swimming") in [(row["change"], (row["old"] or {}).get("what"))
                                                      for row in backwards]


def test_an_excluded_person_cannot_be_given_a_task_or_a_copy(db, case, coordinator):
    plan = start(db, case, coordinator)
    with write(db):
        person_id = network.save(db, case["id"], {"name": "Mr X", "side": "paternal", "roles": ["pr_holder"]})
        network.exclude(db, case["id"], person_id, reason="Risk", approved_by="Manager", on="2026-11-01",
                        user_id=coordinator.id)
    with pytest.raises(network.Excluded), write(db):
        plan_data.save_task(db, case["id"], plan["id"], task("Visit", who_people=[person_id]),
                            user_id=coordinator.id)
    document = plan_document.assemble(db, case, plan)
    assert "Mr X" not in document["copies_to"]
    assert [p["excluded"] for p in document["network"]["people"] if p["name"] == "Mr X"] == [True]


def test_a_task_cannot_name_people_or_answer_items_from_another_case(db, case, coordinator):
    plan = start(db, case, coordinator)
    other = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="OTHER-1")
    stranger = network.for_case(db, other)[0]["id"]
    elsewhere = professionals.for_case(db, other)[0]["id"]
    item = baselines.items(db, other)["question"][0]["id"]
    for values in ({"who_people": [stranger]}, {"who_professionals": [elsewhere]}, {"answers": [f"item:{item}"]},
                   {"answers": ["item:abc"]}, {"answers": ["case:1"]}):
        with pytest.raises(LookupError), write(db):
            plan_data.save_task(db, case["id"], plan["id"], task("Visit", **values), user_id=coordinator.id)


def test_tasks_can_be_reordered(db, case, coordinator):
    plan = start(db, case, coordinator)
    first, second, third = (add_task(db, case, plan, coordinator, what) for what in ("One", "Two", "Three"))
    with write(db):
        assert plan_data.move_task(db, plan["id"], third, -1, user_id=coordinator.id)
        assert not plan_data.move_task(db, plan["id"], first, -1, user_id=coordinator.id)
    assert [row["what"] for row in plan_data.tasks(db, plan["id"])] == ["One", "Three", "Two"]


def test_a_stale_save_never_overwrites_a_newer_one(db, case, coordinator):
    plan = start(db, case, coordinator)
    task_id = add_task(db, case, plan, coordinator, "Original")
    with write(db):
        plan_data.save_task(db, case["id"], plan["id"], task("First editor"), user_id=coordinator.id,
                            task_id=task_id, version=1)
    with pytest.raises(VersionConflict), write(db):
        plan_data.save_task(db, case["id"], plan["id"], task("Second editor"), user_id=coordinator.id,
                            task_id=task_id, version=1)
    assert plan_data.task(db, plan["id"], task_id)["what"] == "First editor"


def test_threads_saving_at_the_same_moment_each_land_or_conflict(app, db, case, coordinator):
    plan = start(db, case, coordinator)
    task_id = add_task(db, case, plan, coordinator, "Original")
    barrier = threading.Barrier(8)
    results = []

    def save(number):
        connection = connect(app.config["DATABASE"])
        barrier.wait()
        try:
            with write(connection):
                plan_data.save_task(connection, case["id"], plan["id"], task(f"Writer {number}"),
                                    user_id=coordinator.id, task_id=task_id, version=1)
            results.append(("saved", number))
        except VersionConflict:
            results.append(("conflict", number))
        except Exception as error:  # noqa: BLE001 - anything else is the failure being tested for
            results.append(("error", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not [row for row in results if row[0] == "error"]
    saved = [number for outcome, number in results if outcome == "saved"]
    assert len(saved) == 1 and len(results) == 8
    stored = plan_data.task(db, plan["id"], task_id)
    assert stored["what"] == f"Writer {saved[0]}" and stored["version"] == 2
