"""When a plan counts as agreed: the bottom-line check, the referrer's decision, senior sign-off
of resources, and the frozen versions that result.

Functions here run inside the caller's write transaction and take the plan's ``revision``
as the user saw it, so every decision is on the plan exactly as it was read.
"""

from flask_babel import gettext as _
from flask_babel import ngettext

from ..data import cases as case_data
from ..data import iso, now
from ..data import plans as plan_data
from . import audit, filing
from .deadlines import today
from .plan_document import assemble, canonical, digest, pending_sign_off, unanswered

# A decision needs the conference to have happened; these are the stages after it.
DECIDING_STAGES = ("conference_held", "plan_agreed", "review_scheduled", "review_held")
# Words for display only (the plan PDF's labels): frozen documents and the audit trail keep the codes.


class NotReady(Exception):
    """The plan is not in a state where this step can happen; the message says why."""


def mark_ready(db, case, plan, revision, *, user_id):
    """Mark the plan ready for the referrer, if every bottom line and question is answered."""
    if plan["status"] != "draft":
        raise NotReady(_("The plan is not a draft"))
    missing = unanswered(assemble(db, case, plan))
    if missing:
        raise NotReady(ngettext("%(num)d bottom line or question still needs an answer",
                                "%(num)d bottom lines or questions still need an answer", len(missing)))
    plan_data.set_status(db, plan["id"], revision, "ready", user_id=user_id)


def back_to_draft(db, plan, revision, *, user_id):
    if plan["status"] not in ("ready", "awaiting_sign_off"):
        raise NotReady(_("The plan is already a draft"))
    plan_data.set_status(db, plan["id"], revision, "draft", user_id=user_id)


def decide(db, case, plan, revision, *, outcome, text, user, on=None):
    """Record the referrer's decision. Returns the plan's status afterwards.

    Declining freezes the declined text and opens the next version for the family to
    revise. Agreeing freezes the agreed version, unless resources still wait for a senior
    manager, in which case the decision waits with them. A first agreement moves the case to plan agreed
    ``on`` that day (today unless the past is being recorded, as the demo does).
    """
    if case["stage"] not in DECIDING_STAGES:
        raise NotReady(_("Record that the conference was held before deciding on the plan"))
    if plan["status"] != "ready":
        raise NotReady(_("The plan has not been marked ready for agreement"))
    decision = {"outcome": outcome, "text": text, "by": audit.user_name(user), "by_id": audit.user_id(user), "at": iso(now())}
    if outcome == "declined":
        plan_data.set_status(db, plan["id"], revision, "draft", user_id=audit.user_id(user))
        _freeze(db, case, plan, decision)
        plan_data.start_next(db, plan["id"], user_id=audit.user_id(user), returned_reason=text)
        return "draft"
    if pending_sign_off(assemble(db, case, plan)):
        plan_data.set_status(db, plan["id"], revision, "awaiting_sign_off", user_id=audit.user_id(user),
                             pending_decision=decision)
        return "awaiting_sign_off"
    plan_data.set_status(db, plan["id"], revision, "agreed", user_id=audit.user_id(user))
    _agree(db, case, plan, decision, on)
    return "agreed"


def sign_off(db, case, plan, resource_id, version, *, outcome, note, user, on=None):
    """A senior manager signs off (or refuses) a resource request. Returns the plan's status afterwards.

    The last approval completes an agreement that was waiting for it; a refusal sends the
    plan back to draft, because the family's plan relied on that resource.
    """
    plan_data.sign_off(db, plan["id"], resource_id, version, outcome, note, user_id=audit.user_id(user))
    plan = plan_data.get(db, case["id"])
    if plan["status"] != "awaiting_sign_off":
        return plan["status"]
    if outcome == "refused":
        plan_data.set_status(db, plan["id"], plan["revision"], "draft", user_id=audit.user_id(user),
                             returned_reason=_("A senior manager refused a resource: %(note)s", note=note))
        return "draft"
    if pending_sign_off(assemble(db, case, plan)):
        return "awaiting_sign_off"
    decision = plan["pending_decision"]
    plan_data.set_status(db, plan["id"], plan["revision"], "agreed", user_id=audit.user_id(user))
    _agree(db, case, plan, decision, on)
    return "agreed"


def _freeze(db, case, plan, decision):
    document = assemble(db, case, plan, decision=decision)
    text = canonical(document)
    return plan_data.freeze(db, plan["id"], plan["number"], decision["outcome"], text, digest(text),
                            decided_by=decision["by_id"], decided_at=decision["at"])


def _agree(db, case, plan, decision, on):
    _freeze(db, case, plan, decision)
    # Printed for the case file straight away, so it is ready before anyone asks for it.
    filing.queue_version(db, case["id"], plan_data.version(db, plan["id"], plan["number"]), user_id=decision["by_id"])
    current = case_data.get(db, case["id"])
    if current["stage"] == "conference_held":
        case_data.move(db, case["id"], to_stage="plan_agreed", user_id=decision["by_id"],
                       expected_stage="conference_held", plan_agreed_on=(on or today()).isoformat())


def verify(db, plan_id, number):
    """Recompute a frozen version's hash: (intact?, stored hash, recomputed hash)."""
    row = plan_data.version(db, plan_id, number)
    if row is None:
        raise LookupError(number)
    recomputed = digest(row["content"])
    return recomputed == row["sha256"], row["sha256"], recomputed


REVIEW_TO_STATUS = {"done": "done", "in_progress": "in_progress", "not_done": "not_started"}


def record_review(db, case, plan, *, meeting_id, held_on, changes, outcomes, new_version, user_id):
    """Record a review of the latest agreed version; optionally open the next version from it.

    ``outcomes`` is {task key: (outcome, comment)}. A new version starts from the agreed
    plan with each task's status set from what the review found.
    """
    agreed = plan_data.latest_agreed(db, plan["id"])
    if agreed is None:
        raise NotReady(_("There is no agreed plan to review yet"))
    review_id = plan_data.add_review(db, plan["id"], agreed["id"], meeting_id=meeting_id, held_on=held_on,
                                     changes=changes, outcomes=outcomes, user_id=user_id)
    if new_version:
        if plan["status"] != "agreed":
            raise NotReady(_("A new version of the plan is already being written"))
        plan_data.start_next(db, plan["id"], user_id=user_id,
                             statuses={key: REVIEW_TO_STATUS[outcome] for key, (outcome, _comment) in outcomes.items()})
        plan_data.mark_review_started_version(db, review_id)
    return review_id
