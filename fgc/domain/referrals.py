"""Making a referral: a draft from its first page, each section of it, the children and the people with
parental responsibility, then sending it to the FGC service.

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
"""

from flask_babel import gettext as _

from ..data import cases as case_data
from ..db import write
from . import alerts, audit
from .deadlines import today
from .outcome import conflict, done, refused


def start(db, *, reference, urgent, urgency_reason, user):
    """A draft referral, seen only by its author until it is sent. Done with the new case's id."""
    try:
        with write(db):
            case_id = case_data.create_draft(db, created_by=audit.user_id(user), reference=reference, urgent=urgent,
                                             urgency_reason=urgency_reason, referrer_name=audit.user_name(user))
            audit.case_event(db, user, "case.draft_started", case_id, {"reference": reference})
    except case_data.DuplicateReference:
        return refused(_("A case with this reference already exists"), field="reference")
    return done(case_id)


def save_section(db, case, section, values, version, *, user):
    """Save one section's answers at ``version``, and count the section done."""
    values = dict(values)
    if section not in case["sections_done"]:
        values["sections_done"] = case["sections_done"] + [section]
    try:
        with write(db):
            case_data.update(db, case["id"], version, **values)
            audit.case_event(db, user, "case.referral_updated", case["id"],
                   {"section": section, "fields": sorted(key for key in values if key != "sections_done")})
    except case_data.DuplicateReference:
        return refused(_("A case with this reference already exists"), field="reference")
    except case_data.VersionConflict:
        return conflict(case_data.get(db, case["id"]))
    return done()


def save_child(db, case_id, values, *, user, child_id=None):
    """Add a child (``child_id`` None) or change one. Done with the child's id."""
    with write(db):
        saved = case_data.save_child(db, case_id, values, child_id)
        audit.case_event(db, user, "case.child_saved", case_id, {"child_id": saved, "added": child_id is None})
    return done(saved)


def remove_child(db, case_id, child_id, *, user, confirmed=False):
    """Remove a child added by mistake. Anything recorded about them since (relationships, their views, their
    scales) goes with them, so that is refused unless ``confirmed``. Done with whether there was such a child."""
    with write(db):
        record = case_data.child_record(db, case_id, child_id)
        if record is None:
            return done(False)
        if any(record.values()) and not confirmed:
            return refused(_("Confirm that what is recorded about this child is removed too"))
        case_data.remove_child(db, case_id, child_id)
        audit.case_event(db, user, "case.child_removed", case_id, {"child_id": child_id, **record})
    return done(True)


def add_pr_holder(db, case_id, *, name, relationship, user):
    with write(db):
        holder_id = case_data.add_pr_holder(db, case_id, name=name, relationship=relationship)
        audit.case_event(db, user, "case.pr_holder_added", case_id, {"pr_holder_id": holder_id})
    return done(holder_id)


def remove_pr_holder(db, case_id, holder_id, *, user):
    """Done with whether there was such a person to remove."""
    with write(db):
        removed = bool(case_data.remove_pr_holder(db, case_id, holder_id))
        if removed:
            audit.case_event(db, user, "case.pr_holder_removed", case_id, {"pr_holder_id": holder_id})
    return done(removed)


def submit(db, case_id, *, user, on=None):
    """Send the referral to the FGC service: the case is referred ``on`` that day (today, unless the past
    is being recorded)."""
    with write(db):
        case_data.move(db, case_id, to_stage="referred", user_id=audit.user_id(user), expected_stage="draft",
                       referred_on=(on or today()).isoformat())
        audit.case_event(db, user, "case.referred", case_id)
        alerts.referral_waiting(db, case_id)
    return done()
