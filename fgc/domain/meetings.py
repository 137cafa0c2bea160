"""Conferences and reviews: scheduling, changing, cancelling and recording that one was held.

Each action is one transaction with the case's move (when there is one) and its audit event, and
returns an :class:`~fgc.domain.outcome.Outcome`. A meeting keeps one calendar UID for life; a change
or a cancellation raises its SEQUENCE and keeps what it replaced (:mod:`fgc.data.meetings`).
"""

from flask_babel import gettext as _

from ..data import cases as case_data
from ..data import meetings as meeting_data
from ..data.cases import VersionConflict
from ..db import write
from . import audit
from .outcome import conflict, done

# The stage a kind of meeting moves the case to when scheduled and when held.
SCHEDULED_STAGE = {"conference": "conference_scheduled", "review": "review_scheduled"}
HELD_STAGE = {"conference": "conference_held", "review": "review_held"}
# Cancelling the meeting a case is waiting for takes it back a stage.
CANCELLED_STAGE = {"conference_scheduled": "preparing", "review_scheduled": "plan_agreed"}


def schedule(db, case, kind, values, *, uid_domain, user):
    """Schedule a conference or review, moving the case on. Done with the meeting's id."""
    with write(db):
        meeting_id = meeting_data.schedule(db, case["id"], kind, values, user_id=audit.user_id(user),
                                           uid_domain=uid_domain)
        case_data.move(db, case["id"], to_stage=SCHEDULED_STAGE[kind], user_id=audit.user_id(user),
                       expected_stage=case["stage"])
        audit.case_event(db, user, "case.meeting_scheduled", case["id"], {"meeting_id": meeting_id, "kind": kind})
    return done(meeting_id)


def change(db, case_id, meeting, version, values, *, reason, user):
    try:
        with write(db):
            meeting_data.change(db, case_id, meeting["id"], version, values, user_id=audit.user_id(user), reason=reason)
            audit.case_event(db, user, "case.meeting_rescheduled", case_id,
                             {"meeting_id": meeting["id"], "kind": meeting["kind"]})
    except VersionConflict:
        return conflict(meeting_data.get(db, case_id, meeting["id"]))
    return done()


def cancel(db, case, meeting, version, *, reason, user):
    """Cancel a scheduled meeting; if the case was waiting for it, the case goes back a stage."""
    back_to = CANCELLED_STAGE.get(case["stage"])
    try:
        with write(db):
            meeting_data.change(db, case["id"], meeting["id"], version, None, user_id=audit.user_id(user),
                                reason=reason,
                                cancel=True)
            if back_to and SCHEDULED_STAGE[meeting["kind"]] == case["stage"]:
                case_data.move(db, case["id"], to_stage=back_to, user_id=audit.user_id(user),
                               expected_stage=case["stage"],
                               note=_("Conference cancelled") if meeting["kind"] == "conference" else
                               _("Review cancelled"))
            audit.case_event(db, user, "case.meeting_cancelled", case["id"],
                             {"meeting_id": meeting["id"], "kind": meeting["kind"]})
    except VersionConflict:
        return conflict(meeting_data.get(db, case["id"], meeting["id"]))
    return done()


def mark_held(db, case, meeting, held_on, *, user, private_time=None):
    """The meeting was held on ``held_on``; ``private_time`` is whether the family had private family time (None:
    not said)."""
    with write(db):
        meeting_data.mark_held(db, case["id"], meeting["id"], held_on, private_time)
        case_data.move(db, case["id"], to_stage=HELD_STAGE[meeting["kind"]], user_id=audit.user_id(user),
                       expected_stage=case["stage"])
        audit.case_event(db, user, "case.meeting_held", case["id"],
                         {"meeting_id": meeting["id"], "kind": meeting["kind"]})
    return done()
