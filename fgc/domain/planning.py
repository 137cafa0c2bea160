"""Writing the family plan and deciding on it: the actions behind the plan pages.

Each action is one transaction: the change, through :mod:`fgc.data.plans` and the rules in
:mod:`fgc.domain.agreement`, and its audit event land together or not at all. Each returns an
:class:`~fgc.domain.outcome.Outcome`: done, in conflict with someone else's save (with what is
saved now, so the page can show both), or refused with a reason. A plan agreed while someone was
writing in it raises :class:`fgc.data.plans.PlanLocked`, which the plan pages answer as a whole.

``user`` is whoever acts (a signed-in user, or a user row for the command line); ``targets`` are
the service's :class:`~fgc.domain.deadlines.Targets`, for the review date a new plan starts with.
"""

import datetime

from flask_babel import gettext as _

from ..data import network, scales
from ..data import plans as plan_data
from ..data.cases import VersionConflict
from ..db import write
from . import agreement, audit, plan_document
from .deadlines import today
from .outcome import conflict, done, refused
from .workdays import add_months


def default_review_on(db, case, targets):
    """The review date a new plan starts with: ``review_after_months`` after the conference."""
    meeting = plan_document.conference(db, case["id"])
    held = datetime.date.fromisoformat(meeting["held_on"] or meeting["starts_at"][:10]) if meeting else today()
    return add_months(held, targets.review_after_months).isoformat()


def _writable(db, case, user, targets):
    """The plan to write into, started now if needed (inside the caller's transaction)."""
    return plan_data.ensure(db, case["id"], user_id=audit.user_id(user), review_on=default_review_on(db, case, targets))


# --- tasks ----------------------------------------------------------------------------------------

def save_task(db, case, values, *, user, targets, task_id=None, version=None):
    """Add a task (``task_id`` None) or change one saved at ``version``. Done with the task's id."""
    try:
        with write(db):
            plan = _writable(db, case, user, targets)
            saved = plan_data.save_task(db, case["id"], plan["id"], values, user_id=audit.user_id(user),
                                        task_id=task_id, version=version)
            audit.case_event(db, user, "plan.task_saved", case["id"], {"task_id": saved, "added": task_id is None})
    except VersionConflict:
        return conflict(plan_data.task(db, plan_data.get(db, case["id"])["id"], task_id))
    except network.Excluded:
        return refused(_("Someone you chose is excluded, so cannot be given a task"), field="who_people")
    except LookupError:
        return refused(_("Something you chose has been removed from the case since the page was opened. "
                         "Check your choices and save again"))
    return done(saved)


def move_task(db, case, plan, task_id, direction, *, user):
    """Move a task one place ``up`` or ``down``. Done with whether it moved (False: already at that end)."""
    try:
        with write(db):
            moved = plan_data.move_task(db, plan["id"], task_id, -1 if direction == "up" else 1,
                                        user_id=audit.user_id(user))
            if moved:
                audit.case_event(db, user, "plan.task_moved", case["id"], {"task_id": task_id, "direction": direction})
    except (LookupError, plan_data.PlanLocked):
        return refused(_("The plan changed while you were looking at it: check the order and try again"))
    return done(moved)


def remove_task(db, case, plan, task_id, version, *, user):
    try:
        with write(db):
            plan_data.remove_task(db, plan["id"], task_id, version, user_id=audit.user_id(user))
            audit.case_event(db, user, "plan.task_removed", case["id"], {"task_id": task_id})
    except (VersionConflict, plan_data.PlanLocked):
        return conflict(plan_data.task(db, plan["id"], task_id))
    return done()


# --- the rest of the plan, bottom lines and questions ---------------------------------------------

def save_details(db, case, values, *, user, targets, version=None):
    """The contingency plan, who monitors the plan and the review date, saved at ``version`` (None: as it is
    now, for a plan started by this save)."""
    try:
        with write(db):
            plan = _writable(db, case, user, targets)
            plan_data.save_details(db, plan["id"], plan["version"] if version is None else version, values,
                                   user_id=audit.user_id(user))
            audit.case_event(db, user, "plan.details_saved", case["id"])
    except VersionConflict:
        return conflict(plan_data.get(db, case["id"]))
    return done()


def note_item_decision(db, case, item_id, decision, *, user, targets):
    """Note what the family decided about a bottom line or question; an empty ``decision`` clears it."""
    with write(db):
        plan = _writable(db, case, user, targets)
        plan_data.note_item_decision(db, case["id"], plan["id"], item_id, decision, user_id=audit.user_id(user))
        audit.case_event(db, user, "plan.item_decision_noted", case["id"],
                         {"item_id": item_id, "cleared": not decision})
    return done()


# --- resources asked of the council ---------------------------------------------------------------

def save_resource(db, case, values, *, user, targets, resource_id=None, version=None):
    """Add a request for a resource (``resource_id`` None) or change one. Done with its id."""
    try:
        with write(db):
            plan = _writable(db, case, user, targets)
            saved = plan_data.save_resource(db, plan["id"], values, user_id=audit.user_id(user),
                                            resource_id=resource_id, version=version)
            audit.case_event(db, user, "plan.resource_saved", case["id"],
                             {"resource_id": saved, "added": resource_id is None})
    except VersionConflict:
        return conflict(plan_data.resource(db, plan_data.get(db, case["id"])["id"], resource_id))
    return done(saved)


def remove_resource(db, case, plan, resource_id, *, user):
    with write(db):
        plan_data.remove_resource(db, plan["id"], resource_id, user_id=audit.user_id(user))
        audit.case_event(db, user, "plan.resource_removed", case["id"], {"resource_id": resource_id})
    return done()


def sign_off(db, case, plan, resource_id, version, *, outcome, note, user, on=None):
    """A senior manager approves or refuses a resource. Done with the plan's status afterwards (the last
    approval can agree the plan ``on`` that day: see :func:`decide`)."""
    try:
        with write(db):
            status = agreement.sign_off(db, case, plan, resource_id, version, outcome=outcome, note=note,
                                        user=user, on=on)
            audit.case_event(db, user, "plan.resource_signed_off", case["id"],
                             {"resource_id": resource_id, "outcome": outcome})
    except VersionConflict:
        return conflict(plan_data.resource(db, plan["id"], resource_id))
    return done(status)


# --- ready for agreement, and the referrer's decision ---------------------------------------------

def change_status(db, case, plan, revision, *, ready, user):
    """Mark the plan ready for the referrer (``ready``), or back to a draft. Done with the new status."""
    try:
        with write(db):
            if ready:
                agreement.mark_ready(db, case, plan, revision, user_id=audit.user_id(user))
            else:
                agreement.back_to_draft(db, plan, revision, user_id=audit.user_id(user))
            status = plan_data.get(db, case["id"])["status"]
            audit.case_event(db, user, "plan.status_changed", case["id"], {"to": status})
    except agreement.NotReady as reason:
        return refused(str(reason))
    except VersionConflict:
        return conflict(plan_data.get(db, case["id"]))
    return done(status)


def decide(db, case, plan, revision, *, outcome, text, user, on=None):
    """The referrer agrees, agrees with changes or declines. Done with the plan's status afterwards. A first
    agreement moves the case to plan agreed ``on`` that day: today, unless the past is being recorded."""
    try:
        with write(db):
            status = agreement.decide(db, case, plan, revision, outcome=outcome, text=text, user=user, on=on)
            audit.case_event(db, user, "plan.decided", case["id"], {"outcome": outcome, "version": plan["number"]})
    except VersionConflict:
        return conflict(plan_data.get(db, case["id"]))
    except agreement.NotReady as reason:
        return refused(str(reason))
    return done(status)


# --- the review -----------------------------------------------------------------------------------

def record_review(db, case, meeting, agreed_number, *, held_on, changes, outcomes, scores, new_version, user):
    """A review of the agreed plan: how each task went, what has changed, everyone's scales, and optionally
    a new version started from it. Refused if the plan was agreed again since ``agreed_number`` was read.
    Done with the number of the plan version being written after it."""
    try:
        with write(db):
            current = plan_data.get(db, case["id"])
            if plan_data.latest_agreed(db, current["id"])["number"] != agreed_number:
                raise agreement.NotReady(_("The plan was agreed again while you were recording this review. "
                                           "Nothing has been saved: check the tasks below, then save again"))
            review_id = agreement.record_review(db, case, current, meeting_id=meeting["id"], held_on=held_on,
                                                changes=changes, outcomes=outcomes, new_version=new_version,
                                                user_id=audit.user_id(user))
            scales.save(db, case["id"], meeting["id"], scores, user_id=audit.user_id(user))
            audit.case_event(db, user, "plan.review_recorded", case["id"],
                             {"review_id": review_id, "number": agreed_number,
                                                             "meeting_id": meeting["id"], "new_version": new_version})
    except agreement.NotReady as reason:
        return refused(str(reason))
    return done(current["number"])
