"""Each open case keeps its next deadline on its row, in step with every change, so lists can filter and sort by it."""

import datetime

import pytest
from factories import make_case, someone, user_id

from fgc import service
from fgc.data import cases as case_data
from fgc.db import write
from fgc.domain import accounts, casework, due_dates
from fgc.domain.deadlines import today


def stored(db, case_id):
    row = case_data.get(db, case_id)
    return row["next_due_on"], row["next_due_kind"]


def recomputed(db, case_id):
    item = service.deadlines(db).next_due(case_data.get(db, case_id), case_data.facts(db, [case_id])[case_id])
    return (item["due"].isoformat(), item["kind"]) if item else (None, "")


@pytest.fixture
def case_id(app, db):
    with app.test_request_context():
        case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="DUE-1",
                            coordinator_id=user_id(db, "coordinator@example.org"), extras=False,
                            referred_on=today().isoformat())
        due_dates.refresh_all(db)
        yield case_id


def test_a_refresh_stores_the_earliest_deadline_still_to_meet(db, case_id):
    assert stored(db, case_id) == recomputed(db, case_id)
    assert stored(db, case_id)[1] == "baseline"


def test_recording_the_baseline_moves_the_next_deadline_on_to_the_conference(db, case_id):
    coordinator = someone(db, "coordinator@example.org")
    assert casework.record_baseline(db, case_data.get(db, case_id), None, held_on=today().isoformat(),
                                    attendees="A, B", objective="Safety", user=coordinator).done
    assert stored(db, case_id)[1] == "conference"
    assert stored(db, case_id) == recomputed(db, case_id)


@pytest.mark.parametrize("stage", ["on_hold", "closed"])
def test_a_paused_or_closed_case_has_no_next_deadline(db, case_id, stage):
    coordinator = someone(db, "coordinator@example.org")
    fields = {"closed_on": today().isoformat()} if stage == "closed" else {}
    assert casework.move(db, case_data.get(db, case_id), stage, user=coordinator, **fields).done
    assert stored(db, case_id) == (None, "")


def test_a_closure_day_moves_every_open_case_on(db, case_id):
    before = datetime.date.fromisoformat(stored(db, case_id)[0])
    admin = someone(db, "admin@example.org")
    assert accounts.add_closure_day(db, before, "Staff training", by=admin).done
    after = datetime.date.fromisoformat(stored(db, case_id)[0])
    assert after > before and stored(db, case_id) == recomputed(db, case_id)
    assert accounts.remove_closure_day(db, before, by=admin).done
    assert stored(db, case_id)[0] == before.isoformat()


def test_a_change_that_fails_leaves_the_stored_deadline_as_it_was(db, case_id):
    was = stored(db, case_id)
    with pytest.raises(RuntimeError), write(db):
        case_data.update(db, case_id, case_data.get(db, case_id)["version"], urgent=1)
        raise RuntimeError("the action failed half way")
    assert stored(db, case_id) == was
