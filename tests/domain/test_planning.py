"""Writing the plan through its actions: each change lands with its audit event, or comes back as a
conflict or a refusal that says why, with nothing half-saved."""

import datetime

import pytest

from fgc.data import audit as audit_data
from fgc.data import baselines, network
from fgc.data import cases as case_data
from fgc.data import plans as plan_data
from fgc.data import users as user_data
from fgc.db import write
from fgc.domain import deadlines, plan_document, planning
from fgc.domain.deadlines import Targets
from fgc.domain.workdays import add_months

from factories import make_case, user_id

TARGETS = Targets()


@pytest.fixture
def case(db):
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="PLAN-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    with write(db):
        case_data.move(db, created, to_stage="conference_held", user_id=1)
    return case_data.get(db, created)


@pytest.fixture
def coordinator(db):
    return user_data.get_by_email(db, "coordinator@example.org")


def task(what, **values):
    return {"what": what, "who_people": [], "who_professionals": [], "who_other": "Nain", "by_date": None,
            "by_when": "Every day", "checker": "Uncle Dai", "status": "not_started", "answers": [], **values}


def actions(db, case_id):
    """The plan's audit events on the case, oldest first."""
    return [row["action"] for row in reversed(audit_data.events(db)) if row["record_id"] == str(case_id)
            and row["action"].startswith("plan.")]


def test_a_saved_task_starts_the_plan_and_is_audited_with_it(db, case, coordinator):
    outcome = planning.save_task(db, case, task("Nain collects the children"), user=coordinator, targets=TARGETS)
    assert outcome.done
    plan = plan_data.get(db, case["id"])
    assert [row["what"] for row in plan_data.tasks(db, plan["id"])] == ["Nain collects the children"]
    assert plan_data.task(db, plan["id"], outcome.value)["what"] == "Nain collects the children"
    assert actions(db, case["id"]) == ["plan.task_saved"]


def test_a_save_from_a_stale_page_is_a_conflict_and_changes_nothing(db, case, coordinator):
    saved = planning.save_task(db, case, task("Nain collects the children"), user=coordinator, targets=TARGETS).value
    plan = plan_data.get(db, case["id"])
    first = plan_data.task(db, plan["id"], saved)
    planning.save_task(db, case, task("Nain collects them at three"), user=coordinator, targets=TARGETS,
                       task_id=saved, version=first["version"])
    stale = planning.save_task(db, case, task("Nain collects them at four"), user=coordinator, targets=TARGETS,
                               task_id=saved, version=first["version"])
    assert stale.conflict and stale.current["what"] == "Nain collects them at three", "what is saved now, to merge"
    assert plan_data.task(db, plan["id"], saved)["what"] == "Nain collects them at three"
    assert actions(db, case["id"]) == ["plan.task_saved", "plan.task_saved"], "nothing audited for the refused save"


def test_a_task_for_an_excluded_person_is_refused_on_the_field_that_named_them(db, case, coordinator):
    nain = next(person for person in network.for_case(db, case["id"]) if person["name"] == "Nain Jones")
    with write(db):
        network.exclude(db, case["id"], nain["id"], reason="Risk", approved_by="A Manager", on="2026-03-01",
                        user_id=coordinator["id"])
    outcome = planning.save_task(db, case, task("Nain collects the children", who_people=[nain["id"]]),
                                 user=coordinator, targets=TARGETS)
    assert (outcome.done, outcome.field) == (False, "who_people")
    assert "excluded" in outcome.problem
    plan = plan_data.get(db, case["id"])
    assert plan is None or plan_data.tasks(db, plan["id"]) == []


def test_a_task_removed_by_someone_else_comes_back_as_a_conflict_with_nothing_saved_now(db, case, coordinator):
    saved = planning.save_task(db, case, task("Nain collects the children"), user=coordinator, targets=TARGETS).value
    plan = plan_data.get(db, case["id"])
    version = plan_data.task(db, plan["id"], saved)["version"]
    assert planning.remove_task(db, case, plan, saved, version, user=coordinator).done
    again = planning.save_task(db, case, task("Nain collects them at three"), user=coordinator, targets=TARGETS,
                               task_id=saved, version=version)
    assert again.conflict and again.current is None


def test_a_plan_with_an_unanswered_question_is_refused_as_not_ready_and_says_why(db, case, coordinator):
    planning.save_task(db, case, task("Nain collects the children"), user=coordinator, targets=TARGETS)
    plan = plan_data.get(db, case["id"])
    outcome = planning.change_status(db, case, plan, plan["revision"], ready=True, user=coordinator)
    assert not outcome.done and "still needs an answer" in outcome.problem
    assert plan_data.get(db, case["id"])["status"] == "draft"
    question = f"item:{baselines.items(db, case['id'])['question'][0]['id']}"
    planning.save_task(db, case, task("Nain answers it", answers=[question]), user=coordinator, targets=TARGETS)
    plan = plan_data.get(db, case["id"])
    outcome = planning.change_status(db, case, plan, plan["revision"], ready=True, user=coordinator)
    assert (outcome.done, outcome.value) == (True, "ready")
    assert actions(db, case["id"])[-1] == "plan.status_changed"


def test_a_new_plan_is_reviewed_three_months_after_the_conference(db, case):
    conference = plan_document.conference(db, case["id"])
    held = datetime.date.fromisoformat(conference["held_on"] or conference["starts_at"][:10])
    assert planning.default_review_on(db, case, TARGETS) == add_months(held, 3).isoformat()
    assert planning.default_review_on(db, case, Targets(review_after_months=6)) == add_months(held, 6).isoformat()


def _ready_plan(db, case, coordinator):
    """A plan with every question answered, marked ready for the referrer."""
    answers = [f"item:{item['id']}" for items in baselines.items(db, case["id"]).values() for item in items]
    planning.save_task(db, case, task("Nain answers everything", answers=answers), user=coordinator, targets=TARGETS)
    plan = plan_data.get(db, case["id"])
    assert planning.change_status(db, case, plan, plan["revision"], ready=True, user=coordinator).done
    return plan_data.get(db, case["id"])


@pytest.mark.parametrize("on", [None, datetime.date(2026, 3, 2)], ids=["today", "a day in the past"])
def test_agreeing_the_plan_moves_the_case_to_plan_agreed_on_the_day_it_was_agreed(db, case, coordinator, on):
    plan = _ready_plan(db, case, coordinator)
    referrer = user_data.get_by_email(db, "social_worker@example.org")
    outcome = planning.decide(db, case, plan, plan["revision"], outcome="agreed", text="", user=referrer, on=on)
    assert (outcome.done, outcome.value) == (True, "agreed")
    moved = case_data.get(db, case["id"])
    assert moved["stage"] == "plan_agreed"
    assert moved["plan_agreed_on"] == (on or deadlines.today()).isoformat()
    assert actions(db, case["id"])[-1] == "plan.decided"
