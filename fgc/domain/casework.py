"""A case once referred: the s.31ZA offer, consent and its withdrawal, allocation, the baseline meeting and
moves between stages. The actions behind the case pages.

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
Which moves are allowed is :mod:`fgc.domain.lifecycle`'s to say; the case's stage is checked again when
it moves (``expected_stage``), so two people moving a case at once cannot both succeed.
"""

from flask_babel import gettext as _

from ..data import baselines, consents, offers
from ..data import cases as case_data
from ..data import meetings as meeting_data
from ..data.cases import VersionConflict
from ..db import write
from . import audit, lifecycle, messages
from .deadlines import today
from .outcome import conflict, done


def record_offer(db, case_id, values, version, *, user):
    """The s.31ZA offer record: an offer and the family's answer, or the best-interests exception."""
    try:
        with write(db):
            offers.save(db, case_id, version, values)
            audit.case_event(db, user, "case.offer_recorded", case_id,
                   {"offer_made": not values["exception_reason"], "response": values["response"]})
    except VersionConflict:
        return conflict(offers.get(db, case_id))
    return done()


def record_consent(db, case_id, *, given_by, basis, given_on, may_share, share_with, user):
    with write(db):
        consent_id = consents.add(db, case_id, given_by=given_by, basis=basis, given_on=given_on,
                                  may_share=may_share, share_with=share_with, recorded_by=audit.user_id(user))
        audit.case_event(db, user, "case.consent_recorded", case_id, {"consent_id": consent_id, "basis": basis})
    return done(consent_id)


def withdraw_consent(db, case, consent_id, *, withdrawn_by, withdrawn_on, user):
    """Record a withdrawal. When no consent is left standing, work stops: the case moves to the withdrawn
    side state (never treated as the family not cooperating). Done with whether the case was paused."""
    with write(db):
        consents.withdraw(db, case["id"], consent_id, withdrawn_by=withdrawn_by, withdrawn_on=withdrawn_on)
        paused = consents.state(db, case["id"]) == "withdrawn" and lifecycle.allowed(case["stage"], "withdrawn")
        if paused:
            case_data.move(db, case["id"], to_stage="withdrawn", user_id=audit.user_id(user),
                           expected_stage=case["stage"], note=_("Consent withdrawn"), resume_stage=case["stage"])
        audit.case_event(db, user, "case.consent_withdrawn", case["id"],
                         {"consent_id": consent_id, "case_paused": paused})
        if consents.state(db, case["id"]) == "withdrawn":
            # Nothing more goes to the family or the professionals: what was waiting is stopped now.
            messages.cancel_for_case(db, case["id"], reason=str(messages.WITHDRAWN), user=user)
    return done(paused)


def allocate(db, case, coordinator_id, *, user, on=None):
    """Give the case to a coordinator: the first time moves it to allocated ``on`` that day (today, unless the
    past is being recorded), later ones reallocate it."""
    first = case["stage"] == "referred"
    with write(db):
        if first:
            case_data.move(db, case["id"], to_stage="allocated", user_id=audit.user_id(user),
                           expected_stage=case["stage"],
                           coordinator_id=coordinator_id, allocated_on=(on or today()).isoformat())
        else:
            case_data.update(db, case["id"], case["version"], coordinator_id=coordinator_id)
        audit.case_event(db, user, "case.allocated", case["id"],
                         {"coordinator_id": coordinator_id, "reallocated": not first})
    return done()


def record_baseline(db, case, version, *, held_on, attendees, objective, user):
    """The baseline meeting's note; recording it the first time moves the case to baseline held."""
    first = baselines.get(db, case["id"]) is None
    try:
        with write(db):
            baselines.save(db, case["id"], version, held_on=held_on, attendees=attendees, objective=objective,
                           recorded_by=audit.user_id(user))
            if first:
                case_data.move(db, case["id"], to_stage="baseline_held", user_id=audit.user_id(user),
                               expected_stage=case["stage"])
            audit.case_event(db, user, "case.baseline_recorded", case["id"], {"first": first})
    except VersionConflict:
        return conflict(baselines.get(db, case["id"]))
    return done()


def add_baseline_item(db, case_id, kind, text, *, user):
    """A question for the family, a bottom line or a resource offered. Done with its id."""
    with write(db):
        item_id = baselines.add_item(db, case_id, kind, text)
        audit.case_event(db, user, "case.baseline_item_added", case_id, {"kind": kind, "item_id": item_id})
    return done(item_id)


def remove_baseline_item(db, case_id, item_id, *, user):
    """Done with whether there was such an item to remove."""
    with write(db):
        removed = bool(baselines.remove_item(db, case_id, item_id))
        if removed:
            audit.case_event(db, user, "case.baseline_item_removed", case_id, {"item_id": item_id})
    return done(removed)


def _cancel_reason(stage):
    """Why the scheduled meetings were cancelled, kept with each meeting."""
    return {"closed": _("Case closed"), "declined_by_family": _("Case declined by family")}[stage]


def move(db, case, stage, *, user, note="", **fields):
    """Move the case to ``stage`` (a pause keeps the stage to resume to). Closing it, or the family declining,
    cancels its scheduled meetings. Done with how many meetings were cancelled."""
    resume_stage = case["stage"] if stage in lifecycle.PAUSED else None
    with write(db):
        case_data.move(db, case["id"], to_stage=stage, user_id=audit.user_id(user), expected_stage=case["stage"],
                       note=note, resume_stage=resume_stage, **fields)
        cancelled = 0
        if stage in ("closed", "declined_by_family"):
            # Nobody should keep a date in their calendar for a meeting that will not happen.
            cancelled = meeting_data.cancel_scheduled(db, case["id"], user_id=audit.user_id(user),
                                                      reason=_cancel_reason(stage))
        audit.case_event(db, user, "case.stage_changed", case["id"],
               {"from": case["stage"], "to": stage, "meetings_cancelled": cancelled})
    return done(cancelled)
