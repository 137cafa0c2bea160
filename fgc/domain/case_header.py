"""What every case page starts with: the case's stage as steps, its next deadline, and what a coordinator must
not miss. The header is read-only: the page showing it has already recorded the read of the case."""

import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..data import cases as case_data
from ..data import consents, network
from . import lifecycle
from .vocabulary import LEGAL_STATUSES, RISKS, STAGES

# The case's journey as a coordinator tells it: (step, its label, the stages that are that step).
STEPS = (
    ("referral", _l("Referral"), ("referred",)),
    ("allocation", _l("Allocated"), ("allocated",)),
    ("baseline", _l("Baseline"), ("baseline_held",)),
    ("preparation", _l("Preparation"), ("preparing", "conference_scheduled")),
    ("conference", _l("Conference"), ("conference_held",)),
    ("plan", _l("Plan agreed"), ("plan_agreed",)),
    ("review", _l("Review"), ("review_scheduled", "review_held")),
    ("closed", _l("Closed"), ("closed",)),
)
# Legal statuses that mean the council may be heading to court, so a coordinator must see them.
SERIOUS_LEGAL = ("pre_proceedings", "section_20", "looked_after", "child_protection")


def steps(stage, resume_stage=None):
    """Each step as {key, label, state}: "complete", "current" or "to do". A paused case shows where it stopped."""
    here = resume_stage if stage in lifecycle.PAUSED and resume_stage else stage
    current = next((index for index, (_key, _label, stages) in enumerate(STEPS) if here in stages), -1)
    out = []
    for index, (key, label, _stages) in enumerate(STEPS):
        state = "complete" if index < current or (here == "closed" and index == current) else \
            "current" if index == current else "to do"
        out.append({"key": key, "label": str(label), "state": state, "number": index + 1})
    return out


def _day(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def flags(case, *, consent_state, excluded):
    """What a coordinator must not miss, most serious first: each {kind, text, detail, colour}."""
    found = []
    if case["stage"] in lifecycle.PAUSED:
        found.append({"kind": "paused", "text": str(STAGES[case["stage"]]), "colour": "grey",
                      "detail": _("Paused at ‘%(stage)s’", stage=STAGES[case["resume_stage"]])
                      if case["resume_stage"] else ""})
    if consent_state == "withdrawn":
        found.append({"kind": "consent", "text": _("Consent withdrawn"), "colour": "red", "detail": ""})
    if case["urgent"]:
        found.append({"kind": "urgent", "text": _("Urgent"), "colour": "red", "detail": case["urgency_reason"]})
    if case["legal_status"] in LEGAL_STATUSES and case["legal_status"] != "none":
        dates = []
        if case["plo_date"]:
            dates.append(("plo", _day(case["plo_date"])))
        if case["court_date"]:
            dates.append(("court", _day(case["court_date"])))
        found.append({"kind": "legal", "text": str(LEGAL_STATUSES[case["legal_status"]]),
                      "colour": "purple" if case["legal_status"] in SERIOUS_LEGAL else "grey",
                      "detail": "", "dates": dates})
    for risk in case["current_risks"]:
        if risk in RISKS:
            found.append({"kind": "risk", "text": str(RISKS[risk]), "colour": "bright-purple", "detail": ""})
    if excluded:
        found.append({"kind": "excluded", "colour": "black", "detail": "",
                      "text": ngettext("%(num)d person excluded", "%(num)d people excluded", excluded)})
    return found


def age(born, on):
    """Whole years old on ``on`` (None when the date of birth is not known or is in the future)."""
    born = _day(born)
    if born is None or born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def header(db, case, deadlines):
    """Everything the case header shows, read through ``db``; ``deadlines`` gives the next one and its tag."""
    _people, excluded = network.counts(db, case["id"])
    facts = case_data.facts(db, [case["id"]])[case["id"]]
    return {
        "case": case,
        "children": [{**child, "age": age(child["date_of_birth"], deadlines.today)}
                     for child in case_data.children(db, case["id"])],
        "steps": steps(case["stage"], case["resume_stage"]),
        "stage": str(STAGES.get(case["stage"], case["stage"])),
        "next_due": deadlines.next_due(case, facts),
        "next_meeting_at": facts["next_meeting_at"],
        "flags": flags(case, consent_state=consents.state(db, case["id"]),
                       excluded=excluded),
    }
