"""Due dates for a case, in working days, with GOV.UK tag wording."""

import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import lifecycle
from ..data import closure_days
from ..db import get_db
from .workdays import WorkingCalendar, add_months

LONDON = ZoneInfo("Europe/London")
TAGS = {"overdue": (_l("Overdue"), "govuk-tag--red"), "due soon": (_l("Due soon"), "govuk-tag--yellow"),
        "on track": (_l("On track"), "govuk-tag--blue")}


def calendar():
    return WorkingCalendar(closure_days.dates(get_db()))


def today():
    """Today in the UK, whatever the server's clock zone."""
    return datetime.datetime.now(LONDON).date()


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def for_case(case, facts, *, cal=None):
    """The case's deadlines: what, when due, and its status (None once met). Words are plain text.

    ``facts`` is the case's row from :func:`fgc.data.cases.facts`.
    """
    cal = cal or calendar()
    config = current_app.config
    closed = case["stage"] == "closed"
    paused = case["stage"] in lifecycle.PAUSED
    referred = _date(case["referred_on"])
    items = []
    if referred:
        days = config["BASELINE_TARGET_URGENT_DAYS"] if case["urgent"] else config["BASELINE_TARGET_DAYS"]
        items.append(_item(_("Baseline meeting"), cal.add_working_days(referred, days),
                           done=closed or bool(facts["baseline_on"]), cal=cal, paused=paused))
        items.append(_item(_("Conference"), cal.add_working_days(referred, config["CONFERENCE_TARGET_DAYS"]),
                           done=closed or bool(facts["conference_held_on"]), cal=cal, paused=paused))
    agreed = _date(case["plan_agreed_on"])
    if agreed:
        review_done = bool(facts["review_held_on"]) and facts["review_held_on"] >= case["plan_agreed_on"]
        items.append(_item(_("Review"), add_months(agreed, config["REVIEW_AFTER_MONTHS"]),
                           done=closed or review_done, cal=cal, paused=paused))
    return items


def overdue(cases_rows, facts):
    """(case row, deadline) for every overdue deadline on open cases, most overdue first."""
    cal = calendar()
    found = [(row, item) for row in cases_rows if row["stage"] != "closed"
             for item in for_case(row, facts[row["id"]], cal=cal) if item["status"] == "overdue"]
    return sorted(found, key=lambda pair: pair[1]["due"])


def referral_to_conference(rows):
    """Working days from referral to conference: median and share within target, for ``conference_times`` rows."""
    cal = calendar()
    target = current_app.config["CONFERENCE_TARGET_DAYS"]
    days = sorted(cal.working_days_between(_date(row["referred_on"]), _date(row["held_on"])) for row in rows)
    if not days:
        return {"count": 0, "median": None, "within_target": None, "target": target}
    middle = len(days) // 2
    median = days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2
    within = sum(1 for value in days if value <= target)
    return {"count": len(days), "median": median, "within_target": round(100 * within / len(days)),
            "target": target}


def _item(label, due, *, done, cal, paused=False):
    status = cal.due_status(due, today(), done=done, soon_days=current_app.config["DUE_SOON_DAYS"])
    if paused and status is not None:
        # A paused case is not expected to move: its deadlines wait rather than fall overdue.
        return {"label": label, "due": due, "status": "paused", "tag_text": _("Paused"),
                "tag_class": "govuk-tag--grey"}
    tag = TAGS.get(status)
    return {"label": label, "due": due, "status": status, "tag_text": str(tag[0]) if tag else _("Done"),
            "tag_class": tag[1] if tag else "govuk-tag--green"}
