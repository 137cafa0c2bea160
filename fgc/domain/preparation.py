"""Preparing for the conference: what each professional brings, danger statements and safety goals, what the
family has been given before the day, each child's views, and everyone's 0-10 scales at a meeting.

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
"""

from ..data import child_views, professionals, scales
from ..data.cases import VersionConflict
from ..db import write
from . import audit
from .outcome import conflict, done


def save_professional(db, case_id, values, *, user, professional_id=None, version=None):
    """Add a professional (``professional_id`` None) or change what they bring. Done with their id."""
    try:
        with write(db):
            saved = professionals.save(db, case_id, values, professional_id=professional_id, version=version)
            audit.case_event(db, user, "case.professional_saved", case_id,
                   {"professional_id": saved, "added": professional_id is None})
    except VersionConflict:
        return conflict(professionals.get(db, case_id, professional_id))
    return done(saved)


def add_danger(db, case_id, professional_id, danger, safety_goal, *, user):
    with write(db):
        professionals.add_danger(db, professional_id, danger, safety_goal)
        audit.case_event(db, user, "case.danger_statement_added", case_id, {"professional_id": professional_id})
    return done()


def remove_danger(db, case_id, professional_id, danger_id, *, user):
    """Done with whether there was such a statement to remove."""
    with write(db):
        removed = bool(professionals.remove_danger(db, professional_id, danger_id))
        if removed:
            audit.case_event(db, user, "case.danger_statement_removed", case_id,
                   {"professional_id": professional_id, "danger_id": danger_id})
    return done(removed)


def mark_shared(db, case_id, professional_id, shared_on, *, user):
    """The family has been given this professional's information: no new news on the day."""
    with write(db):
        professionals.mark_shared(db, case_id, professional_id, shared_on)
        audit.case_event(db, user, "case.professional_shared", case_id, {"professional_id": professional_id})
    return done()


def save_child_views(db, case_id, child_id, values, version, *, user):
    try:
        with write(db):
            child_views.save(db, child_id, values, version)
            audit.case_event(db, user, "case.child_views_saved", case_id, {"child_id": child_id})
    except VersionConflict:
        return conflict(child_views.get(db, child_id))
    return done()


def record_scales(db, case_id, meeting_id, scores, *, user):
    """Everyone's 0-10 scale at one meeting: ``scores`` maps (source, source id) to a number or None."""
    with write(db):
        scales.save(db, case_id, meeting_id, scores, user_id=audit.user_id(user))
        audit.case_event(db, user, "case.scales_recorded", case_id, {"meeting_id": meeting_id})
    return done()
