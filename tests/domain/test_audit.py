"""Writing to the audit trail: an event lands in the transaction of the change it records, or not at all, and
says who acted, whether a signed-in user, a user row or the command line."""

from types import SimpleNamespace

import pytest

from fgc.data import audit as audit_data
from fgc.data import users as user_data
from fgc.db import write
from fgc.domain import audit


def test_an_event_in_a_change_that_fails_is_not_kept(db):
    with pytest.raises(RuntimeError), write(db):
        audit.case_event(db, None, "case.referred", 7)
        raise RuntimeError("the change failed")
    assert audit_data.for_record(db, "case", 7) == []
    audit.case_event(db, None, "case.referred", 7, {"note": "kept"})
    assert [(row["action"], row["detail"]) for row in audit_data.for_record(db, "case", 7)] == [
        ("case.referred", {"note": "kept"})]


def test_the_command_line_is_recorded_as_such(db):
    audit.record("demo.seeded", detail={"cases": 1}, db=db)
    event = audit_data.events(db, action="demo.seeded")[0]
    assert (event["user_id"], event["actor"], event["ip"]) == (None, "anonymous", "cli")


@pytest.mark.parametrize("as_object", [False, True], ids=["user row", "signed-in user"])
def test_who_acted_is_the_same_from_a_user_row_or_a_signed_in_user(db, as_object):
    row = user_data.get_by_email(db, "coordinator@example.org")
    user = SimpleNamespace(**row) if as_object else row
    assert (audit.user_id(user), audit.user_name(user)) == (row["id"], "Test Coordinator")
    audit.case_event(db, user, "case.allocated", 3)
    event = audit_data.for_record(db, "case", 3)[0]
    assert (event["user_id"], event["actor"]) == (row["id"], "coordinator@example.org")
