"""The stages a case moves through, and which moves are allowed.

Main path:
    referred → allocated → baseline held → preparing → conference scheduled →
    conference held → plan agreed → review scheduled → review held → closed
A case may hold several reviews (review held → review scheduled). The side states
on hold, withdrawn (consent withdrawn) and declined by family pause a case; resuming
returns it to the stage it left. Pure functions: no database, no Flask (only gettext, for the words).
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import vocabulary

MAIN_PATH = ("referred", "allocated", "baseline_held", "preparing", "conference_scheduled",
             "conference_held", "plan_agreed", "review_scheduled", "review_held", "closed")
PAUSED = ("on_hold", "withdrawn", "declined_by_family")
OPEN = tuple(stage for stage in MAIN_PATH if stage != "closed") + PAUSED
# Stages where a family could still say no before a conference has been held.
BEFORE_CONFERENCE = ("referred", "allocated", "baseline_held", "preparing", "conference_scheduled")

FORWARD = {
    "draft": {"referred"},
    "referred": {"allocated"},
    "allocated": {"baseline_held"},
    "baseline_held": {"preparing", "conference_scheduled"},
    "preparing": {"conference_scheduled"},
    # Cancelling a scheduled meeting steps the case back; that happens with the cancellation.
    "conference_scheduled": {"conference_held"},
    "conference_held": {"plan_agreed", "closed"},
    "plan_agreed": {"review_scheduled", "closed"},
    "review_scheduled": {"review_held"},
    "review_held": {"review_scheduled", "closed"},
}

# Why a move is refused, keyed by the target stage: the first thing that has to happen first.
_NEEDS = {
    "referred": _l("Complete every section of the referral before submitting it"),
    "allocated": _l("Only a new referral can be allocated to a coordinator"),
    "baseline_held": _l("Allocate a coordinator before recording the baseline meeting"),
    "preparing": _l("Record the baseline meeting before starting preparation"),
    "conference_scheduled": _l("Record the baseline meeting before scheduling the conference"),
    "conference_held": _l("Schedule the conference before recording that it was held"),
    "plan_agreed": _l("Record that the conference was held before recording the plan as agreed"),
    "review_scheduled": _l("Record the plan as agreed before scheduling a review"),
    "review_held": _l("Schedule the review before recording that it was held"),
    "closed": _l("Hold the conference, or record why the work stopped, before closing the case"),
}


def label(stage):
    """The stage in words, as plain text (safe for flash, the database and files): translated now."""
    return str(vocabulary.STAGES[stage]) if stage in vocabulary.STAGES else stage


def refusal(current, target, *, resume_stage=None, consent_withdrawn=False):
    """Why the case cannot move from ``current`` to ``target``, or None if it can (plain text)."""
    if current == "closed":
        return _("This case is closed")
    if current == target:
        return _("The case is already at ‘%(stage)s’", stage=label(target))
    if target in ("on_hold", "withdrawn"):
        return None if current in MAIN_PATH else \
            _("A case that is %(stage)s cannot be paused", stage=label(current).lower())
    if target == "declined_by_family":
        return None if current in BEFORE_CONFERENCE else \
            _("A family can only decline before the conference is held")
    if current in PAUSED:
        if target == "closed":
            return None
        if target != resume_stage:
            return _("Resume the case before moving it on: it returns to ‘%(stage)s’", stage=label(resume_stage))
        if consent_withdrawn:
            return _("Record the family's consent again before resuming work on this case")
        return None
    if target in FORWARD.get(current, set()):
        if consent_withdrawn and target in ("conference_scheduled", "review_scheduled"):
            return _("Consent has been withdrawn: no meetings can be arranged")
        return None
    if target in _NEEDS:
        return str(_NEEDS[target])
    return _("A case cannot move from ‘%(current)s’ to ‘%(target)s’", current=label(current), target=label(target))


def allowed(current, target, **state):
    return refusal(current, target, **state) is None


def next_steps(current, *, resume_stage=None):
    """Stages the case can move to next, in path order."""
    if current in PAUSED:
        return [resume_stage, "closed"] if resume_stage else ["closed"]
    order = list(MAIN_PATH) + list(PAUSED)
    targets = FORWARD.get(current, set())
    return [stage for stage in order if stage in targets]
