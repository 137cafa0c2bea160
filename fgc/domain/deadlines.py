"""Due dates for a case, in working days, with GOV.UK tag wording.

Pure: no app, no database, no request. A :class:`Deadlines` is given the service's
:class:`Targets`, its working calendar (bank holidays and closure days) and today's date;
:func:`fgc.service.deadlines` builds one from the app's settings for the current request.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import lifecycle
from .workdays import add_months

LONDON = ZoneInfo("Europe/London")
TAGS = {"overdue": (_l("Overdue"), "govuk-tag--red"), "due soon": (_l("Due soon"), "govuk-tag--yellow"),
        "on track": (_l("On track"), "govuk-tag--blue")}
KINDS = {"baseline": _l("Baseline meeting"), "conference": _l("Conference"), "review": _l("Review")}


def today():
    """Today in the UK, whatever the server's clock zone."""
    return datetime.datetime.now(LONDON).date()


@dataclass(frozen=True)
class Targets:
    """The service's own targets (README: Configuration), in working days unless said otherwise."""

    baseline_days: int = 5
    baseline_urgent_days: int = 1
    conference_days: int = 40
    review_after_months: int = 3
    due_soon_days: int = 3

    @classmethod
    def from_config(cls, config):
        return cls(baseline_days=config["BASELINE_TARGET_DAYS"],
                   baseline_urgent_days=config["BASELINE_TARGET_URGENT_DAYS"],
                   conference_days=config["CONFERENCE_TARGET_DAYS"],
                   review_after_months=config["REVIEW_AFTER_MONTHS"], due_soon_days=config["DUE_SOON_DAYS"])


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


class Deadlines:
    """The service's deadlines as they stand on ``on``: its ``targets`` counted on its ``calendar``."""

    def __init__(self, targets, calendar, on):
        self.targets, self.calendar, self.today = targets, calendar, on

    def for_case(self, case, facts):
        """The case's deadlines: what, when due, and its status (None once met). Words are plain text.

        ``facts`` is the case's row from :func:`fgc.data.cases.facts`.
        """
        targets, cal = self.targets, self.calendar
        closed = case["stage"] == "closed"
        paused = case["stage"] in lifecycle.PAUSED
        referred = _date(case["referred_on"])
        items = []
        if referred:
            days = targets.baseline_urgent_days if case["urgent"] else targets.baseline_days
            items.append(self._item("baseline", cal.add_working_days(referred, days),
                                    done=closed or bool(facts["baseline_on"]), paused=paused))
            items.append(self._item("conference", cal.add_working_days(referred, targets.conference_days),
                                    done=closed or bool(facts["conference_held_on"]), paused=paused))
        agreed = _date(case["plan_agreed_on"])
        if agreed:
            review_done = bool(facts["review_held_on"]) and facts["review_held_on"] >= case["plan_agreed_on"]
            items.append(self._item("review", add_months(agreed, targets.review_after_months),
                                    done=closed or review_done, paused=paused))
        return items

    def next_due(self, case, facts):
        """The case's next deadline still to meet (not met, not paused): its item, or None."""
        waiting = [item for item in self.for_case(case, facts) if item["status"] not in (None, "paused")]
        return min(waiting, key=lambda item: item["due"]) if waiting else None

    def tag(self, due):
        """(status, tag text, tag class) for a deadline still to meet that falls on ``due``."""
        status = self.calendar.due_status(due, self.today, soon_days=self.targets.due_soon_days)
        text, css = TAGS[status]
        return status, str(text), css

    def may_be_overdue(self, cases_rows):
        """The rows whose kept next deadline (``next_due_on``, :mod:`fgc.domain.due_dates`) is before today: only
        they can have a deadline overdue, so only their facts need reading."""
        today = self.today.isoformat()
        return [row for row in cases_rows if row["next_due_on"] and row["next_due_on"] < today]

    def overdue(self, cases_rows, facts):
        """(case row, deadline) for every overdue deadline on open cases, most overdue first."""
        found = [(row, item) for row in cases_rows if row["stage"] != "closed"
                 for item in self.for_case(row, facts[row["id"]]) if item["status"] == "overdue"]
        return sorted(found, key=lambda pair: pair[1]["due"])

    def referral_to_conference(self, rows):
        """Working days from referral to conference: median and share within target, for ``conference_times``
        rows."""
        target = self.targets.conference_days
        days = sorted(self.calendar.working_days_between(_date(row["referred_on"]), _date(row["held_on"]))
                      for row in rows)
        if not days:
            return {"count": 0, "median": None, "within_target": None, "target": target}
        middle = len(days) // 2
        median = days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2
        within = sum(1 for value in days if value <= target)
        return {"count": len(days), "median": median, "within_target": round(100 * within / len(days)),
                "target": target}

    def _item(self, kind, due, *, done, paused=False):
        label = str(KINDS[kind])
        status = self.calendar.due_status(due, self.today, done=done, soon_days=self.targets.due_soon_days)
        if paused and status is not None:
            # A paused case is not expected to move: its deadlines wait rather than fall overdue.
            return {"kind": kind, "label": label, "due": due, "status": "paused", "tag_text": _("Paused"),
                    "tag_class": "govuk-tag--grey"}
        tag = TAGS.get(status)
        return {"kind": kind, "label": label, "due": due, "status": status, "tag_text": str(tag[0]) if tag else _("Done"),
                "tag_class": tag[1] if tag else "govuk-tag--green"}
