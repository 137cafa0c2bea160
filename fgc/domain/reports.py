"""The manager's reports: the s.31ZA offer chain, timeliness against the service's targets, practice, outcomes at
3 and 12 months, and who the service reaches. Each is a list of figures for a period (optionally one coordinator
or team), and each figure has its value for the whole period and one for each month, which the page draws as a
chart beside a table of the same numbers and offers as CSV.

Every figure says what it counts and by which date a thing falls in the period (:attr:`Figure.counts`): an offer by
the day it was made, a conference by the day it was held, a follow-up by the day it fell due, a child by the day
they were referred. The sums are here; the rows come from :mod:`fgc.data.reports`.
"""

import csv
import datetime
import functools
import io
import statistics
import threading
from dataclasses import dataclass, field

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..data import reports as report_data
from .access_records import safe_cell
from .vocabulary import DECLINED_REASONS, DISABILITY, ETHNICITIES, LEGAL_STATUSES, OUTCOME_MONTHS
from .workdays import add_months

REPORTS = {
    "offers": _l("The s.31ZA offer"),
    "timeliness": _l("Timeliness"),
    "practice": _l("Practice"),
    "outcomes": _l("Outcomes at 3 and 12 months"),
    "served": _l("Who the service reaches"),
}
SUMMARIES = {
    "offers": _l("Offers of a family group decision-making meeting before proceedings, the family’s answers, the "
                 "best-interests exceptions, and how many went on to a meeting and a plan."),
    "timeliness": _l("Days from referral to the baseline meeting and to the conference against the service’s "
                     "targets, plans agreed on the day, and reviews held on time."),
    "practice": _l("How big the family network grew, who took part, how children took part, private family time, "
                   "and the resources plans asked for."),
    "outcomes": _l("Where children were living 3 and 12 months after their first conference, and whether care "
                   "proceedings were issued."),
    "served": _l("The children referred by ethnicity, first language, disability and legal status, and how far "
                 "each group got, so that gaps show."),
}
LONGEST_YEARS = 10  # a period longer than this is refused: its monthly tables would not be read


@functools.lru_cache(maxsize=16384)
def _day(value):
    return datetime.date.fromisoformat(value[:10])


def _date(value):
    """A stored ISO date as a date (None stays None). A report reads the same days many times over: each is
    parsed once."""
    return _day(value) if value else None


@functools.lru_cache(maxsize=16384)
def month_key(day):
    return f"{day.year:04d}-{day.month:02d}"


@functools.lru_cache(maxsize=16384)
def _months_later(day, months):
    return add_months(day, months)


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: datetime.date
    end: datetime.date

    def months(self):
        """Every month the period touches, as "YYYY-MM", in order."""
        keys, day = [], self.start.replace(day=1)
        while day <= self.end:
            keys.append(month_key(day))
            day = add_months(day, 1)
        return keys

    def holds(self, day):
        return day is not None and self.start <= day <= self.end

    def widened(self, months_before):
        """The period moved back by ``months_before`` months at both ends (a month's grace at the start): the
        days whose follow-up or review, that many months later, falls in this period."""
        return Period(add_months(self.start, -months_before) - datetime.timedelta(days=3),
                      add_months(self.end, -months_before) + datetime.timedelta(days=3))


def default_period(end):
    """The twelve months to ``end`` (a report asked for with no start): from the first of the month eleven months
    before, to ``end``."""
    return Period(add_months(end.replace(day=1), -11), end)


@dataclass(frozen=True)
class Scope:
    """Everyone's cases, or one coordinator's (by id), or one team's (by name)."""

    coordinator_id: int | None = None
    team: str | None = None


@dataclass
class Figure:
    """One number for the period and one for each month. ``unit`` is "count", "percent", or for a median "days"
    (calendar days), "working_days" or "people"."""

    key: str
    label: str
    unit: str
    counts: str  # what is counted and which date puts it in the period
    total: float | None = None
    monthly: list = field(default_factory=list)  # [(month "YYYY-MM", value or None)]
    target: str = ""


@dataclass
class Breakdown:
    """A table of groups (who the service reaches, why families declined): one row per group, in order."""

    key: str
    label: str
    columns: list  # [(key, heading, unit)]
    rows: list  # [{"group": label, key: value, ...}]
    chart_column: str  # the column drawn as bars


@dataclass
class Report:
    key: str
    title: str
    period: Period
    figures: list
    breakdowns: list = field(default_factory=list)


# --- sums -------------------------------------------------------------------------------------


def _median(values):
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def _by_month(period, items):
    """{month: [value, ...]} for (day, value) items whose day is in the period."""
    months = {key: [] for key in period.months()}
    start, end = period.start, period.end
    for day, value in items:
        if day is not None and start <= day <= end:
            months[month_key(day)].append(value)
    return months


def count(period, key, label, counts, days):
    """How many of ``days`` (one per thing counted) fall in the period, and in each month."""
    months = _by_month(period, [(day, 1) for day in days])
    return Figure(key, label, "count", counts, total=sum(len(values) for values in months.values()),
                  monthly=[(month, len(values)) for month, values in months.items()])


def median(period, key, label, counts, items, unit="days", target=""):
    """The median of the values of (day, value) ``items`` falling in the period, and in each month."""
    months = _by_month(period, items)
    return Figure(key, label, unit, counts, target=target,
                  total=_median([value for values in months.values() for value in values]),
                  monthly=[(month, _median(values)) for month, values in months.items()])


def share(period, key, label, counts, items, target=""):
    """The percentage of (day, yes or no) ``items`` in the period that are yes, and in each month."""
    months = _by_month(period, items)
    every = [value for values in months.values() for value in values]
    return Figure(key, label, "percent", counts, target=target, total=_percent(sum(every), len(every)),
                  monthly=[(month, _percent(sum(values), len(values))) for month, values in months.items()])


def _days(start, end):
    start, end = _date(start), _date(end)
    return (end - start).days if start and end and end >= start else None


# --- the reports ------------------------------------------------------------------------------


def offers(db, period, scope, **_context):
    """The s.31ZA chain, for the offers made in the period (and the exceptions decided in it): each step counted
    by the month the offer was made, however much later the step came."""
    rows = report_data.offers_made(db, period, scope)
    made = _l("offers made in the period, by the day the offer was made")

    def when(test):
        return [_date(row["offered_on"]) for row in rows if test(row)]

    figures = [
        count(period, "offers_made", _("Offers made"), made, when(lambda row: True)),
        count(period, "in_letter", _("Offers made in the letter before proceedings"), made,
              when(lambda row: row["in_letter"])),
        count(period, "accepted", _("Accepted"), made, when(lambda row: row["response"] in ("accepted", "withdrawn"))),
        count(period, "withdrawn", _("Accepted, then withdrawn"), made,
              when(lambda row: row["response"] == "withdrawn")),
        count(period, "declined", _("Declined"), made, when(lambda row: row["response"] == "declined")),
        count(period, "no_answer", _("No answer yet"), made, when(lambda row: not row["response"])),
        count(period, "exceptions", _("Not offered: not in the child’s best interests"),
              _l("exceptions decided in the period, by the day of the decision"),
              [_date(row["exception_decided_on"]) for row in report_data.exceptions(db, period, scope)]),
        count(period, "meetings_held", _("Went on to a conference"), made, when(lambda row: row["conference_on"])),
        count(period, "plans_agreed", _("Went on to an agreed plan"), made, when(lambda row: row["plan_agreed_on"])),
        median(period, "offer_to_answer", _("Days from the offer to the family’s answer (median)"), made,
               [(_date(row["offered_on"]), _days(row["offered_on"], row["response_on"])) for row in rows
                if row["response_on"]]),
        median(period, "answer_to_conference", _("Days from accepting to the conference (median)"), made,
               [(_date(row["offered_on"]), _days(row["response_on"], row["conference_on"])) for row in rows
                if row["response"] in ("accepted", "withdrawn") and row["conference_on"]]),
        median(period, "conference_to_plan", _("Days from the conference to the agreed plan (median)"), made,
               [(_date(row["offered_on"]), _days(row["conference_on"], row["plan_agreed_on"])) for row in rows
                if row["conference_on"] and row["plan_agreed_on"]]),
    ]
    declined = [row for row in rows if row["response"] == "declined"]
    reasons = [{"group": str(label), "families": sum(1 for row in declined if row["declined_reason"] == code)}
               for code, label in DECLINED_REASONS.items()]
    reasons.append({"group": _("No reason recorded"),
                    "families": sum(1 for row in declined if row["declined_reason"] not in DECLINED_REASONS)})
    return Report("offers", str(REPORTS["offers"]), period, figures, [Breakdown(
        "declined_reasons", _("Why families declined"), [("families", _("Families"), "count")], reasons, "families")])


def timeliness(db, period, scope, *, deadlines, **_context):
    """Against the service's targets (working days, on its calendar): referral to baseline, urgent and not, by the
    day the baseline was held; referral to conference and plans agreed on the day, by the day of the first
    conference; reviews held on time, by the day the review was due."""
    targets, calendar = deadlines.targets, deadlines.calendar

    def working(start, end):
        return calendar.working_days_between(_date(start), _date(end)) if _date(end) >= _date(start) else 0

    baselines = report_data.baselines_held(db, period, scope)
    conferences = report_data.conferences_held(db, period, scope)
    by_baseline = _l("baseline meetings held in the period, by the day it was held")
    by_conference = _l("first conferences held in the period, by the day it was held")
    figures = []
    for urgent, days, code, words in ((0, targets.baseline_days, "not_urgent", _("not urgent")),
                                      (1, targets.baseline_urgent_days, "urgent", _("urgent"))):
        chosen = [(_date(row["held_on"]), working(row["referred_on"], row["held_on"])) for row in baselines
                  if row["urgent"] == urgent]
        target = _("Target: %(days)d working days", days=days)
        figures += [
            median(period, f"baseline_days_{code}", _("Working days from referral to baseline, %(which)s (median)",
                                                       which=words), by_baseline, chosen, "working_days", target),
            share(period, f"baseline_in_target_{code}", _("Baselines within target, %(which)s", which=words),
                  by_baseline, [(day, value <= days) for day, value in chosen], target)]
    conference_days = [(_date(row["held_on"]), working(row["referred_on"], row["held_on"])) for row in conferences]
    target = _("Target: %(days)d working days", days=targets.conference_days)
    figures += [
        median(period, "conference_days", _("Working days from referral to conference (median)"), by_conference,
               conference_days, "working_days", target),
        share(period, "conference_in_target", _("Conferences within target"), by_conference,
              [(day, value <= targets.conference_days) for day, value in conference_days], target),
        share(period, "plan_on_the_day", _("Plans agreed on the day of the conference"), by_conference,
              [(_date(row["held_on"]), row["plan_agreed_on"] == row["held_on"]) for row in conferences]),
    ]
    months = targets.review_after_months
    due = []
    for row in report_data.plans_agreed(db, period.widened(months), scope):
        on = _months_later(_date(row["plan_agreed_on"]), months)
        if period.holds(on) and on <= deadlines.today:
            due.append((on, _date(row["review_on"])))
    by_review = _l("reviews due in the period (%(months)d months after the plan was agreed), by the day it was due",
                   months=months)
    figures += [
        count(period, "reviews_due", _("Reviews due"), by_review, [on for on, _held in due]),
        share(period, "reviews_on_time", _("Reviews held on time"), by_review,
              [(on, held is not None and held <= on) for on, held in due]),
        count(period, "reviews_not_held", _("Reviews not held yet"), by_review,
              [on for on, held in due if held is None]),
    ]
    return Report("timeliness", str(REPORTS["timeliness"]), period, figures)


PARTICIPATION = {"in_person": _l("Came to the conference"), "views": _l("Gave their views"),
                 "advocate": _l("Through an advocate"), "none": _l("Did not take part")}


def participation(row):
    """How a child took part: came (for all or part), else views through an advocate, else their own views."""
    if row["attending"] in ("yes", "part"):
        return "in_person"
    if row["gathered"] == "advocate":
        return "advocate"
    if row["gathered"] in ("direct", "letter_or_drawing"):
        return "views"
    return "none"


def practice(db, period, scope, **_context):
    """For each case's first conference held in the period, by the day it was held."""
    rows = report_data.conferences_held(db, period, scope)
    children = report_data.children_at_conferences(db, period, scope)
    counts = _l("first conferences held in the period, by the day it was held")
    child_counts = _l("children of the cases whose first conference was held in the period, by its day")

    def per(column):
        return [(_date(row["held_on"]), row[column]) for row in rows]

    figures = [
        count(period, "conferences", _("Conferences held"), counts, [_date(row["held_on"]) for row in rows]),
        median(period, "network_at_referral", _("People named at referral (median)"), counts,
               per("named_at_referral"), "people"),
        median(period, "network_at_conference", _("People in the family network at the conference (median)"),
               counts, per("network"), "people"),
        median(period, "family_took_part", _("Family members who took part (median)"), counts,
               per("family_took_part"), "people"),
        count(period, "family_written_views", _("Family members who sent written views"), counts,
              [_date(row["held_on"]) for row in rows for _n in range(row["family_written_views"])]),
        count(period, "children", _("Children"), child_counts, [_date(row["held_on"]) for row in children]),
    ]
    for how, label in PARTICIPATION.items():
        figures.append(count(period, f"children_{how}", _("Children: %(how)s", how=label), child_counts,
                             [_date(row["held_on"]) for row in children if participation(row) == how]))
    figures += [
        share(period, "children_took_part", _("Children who took part in some way"), child_counts,
              [(_date(row["held_on"]), participation(row) != "none") for row in children]),
        share(period, "private_time", _("Conferences with private family time"),
              _l("first conferences held in the period where it was recorded, by the day it was held"),
              [(_date(row["held_on"]), bool(row["private_time"])) for row in rows if row["private_time"] is not None]),
        count(period, "resources_requested", _("Resources the plans asked for"), counts,
              [_date(row["held_on"]) for row in rows for _n in range(row["resources_requested"])]),
        count(period, "resources_agreed", _("Resources agreed"), counts,
              [_date(row["held_on"]) for row in rows for _n in range(row["resources_agreed"])]),
    ]
    return Report("practice", str(REPORTS["practice"]), period, figures)


def living(row, prefix):
    """Where a child lived at a follow-up, as the reports group it: "parents", "family" (wider family or friends,
    not looked after), "care" (looked after, including foster care with family or friends), "other", or None when
    not recorded."""
    where, how = row[f"{prefix}_living_with"], row[f"{prefix}_arrangement"]
    if where is None:
        return None
    if where == "wider_family":
        return "care" if how == "kinship_foster" else "family"
    return where


def outcomes(db, period, scope, *, deadlines, **_context):
    """For each child, 3 and 12 months after their case's first conference: counted by the day the follow-up fell
    due, when that is in the period and not after today."""
    figures = []
    for point, prefix in (("three_months", "three"), ("twelve_months", "twelve")):
        months = OUTCOME_MONTHS[point]
        due = []
        for row in report_data.children_followed_up(db, period.widened(months), scope):
            on = _months_later(_date(row["held_on"]), months)
            if period.holds(on) and on <= deadlines.today:
                due.append((on, row))
        counts = _l("children whose follow-up %(months)d months after the first conference fell due in the period, "
                    "by that day", months=months)
        recorded = [(on, row, where) for on, row in due if (where := living(row, prefix))]
        words = _("%(months)d months", months=months)
        figures += [
            count(period, f"{prefix}_due", _("%(when)s: follow-ups due", when=words), counts, [on for on, _r in due]),
            count(period, f"{prefix}_recorded", _("%(when)s: outcomes recorded", when=words), counts,
                  [on for on, _r, _where in recorded]),
            share(period, f"{prefix}_with_family", _("%(when)s: living with parents or family (of those recorded)",
                                                     when=words), counts,
                  [(on, where in ("parents", "family")) for on, _r, where in recorded]),
            share(period, f"{prefix}_with_parents", _("%(when)s: living with parents (of those recorded)",
                                                      when=words), counts,
                  [(on, where == "parents") for on, _r, where in recorded]),
            share(period, f"{prefix}_in_care", _("%(when)s: in care (of those recorded)", when=words), counts,
                  [(on, where == "care") for on, _r, where in recorded]),
            share(period, f"{prefix}_proceedings", _("%(when)s: care proceedings issued (of those recorded)",
                                                     when=words), counts,
                  [(on, row[f"{prefix}_proceedings"] == "yes") for on, row, _where in recorded]),
        ]
    return Report("outcomes", str(REPORTS["outcomes"]), period, figures)


def _normalised(value):
    """Words typed for a group, compared without case or extra spaces."""
    return " ".join((value or "").split()).casefold()


def _group_rows(rows, column, labels):
    """One row of the 'who the service reaches' table per group of ``column``'s values: ``labels`` gives the order
    and words of the known codes; other values are grouped as typed, without regard to case or spaces (shown as
    first spelled), then "Not recorded"."""
    groups, spelled = {}, {}
    for row in rows:
        key = row[column] or ""
        if key not in labels:
            key = _normalised(key)
            if key:
                spelled.setdefault(key, " ".join(row[column].split()))
        groups.setdefault(key, []).append(row)
    order = [key for key in labels if key in groups]
    order += sorted((key for key in groups if key and key not in labels), key=lambda key: spelled[key].casefold())
    order += [""] if "" in groups else []
    total = len(rows)
    found = []
    for key in order:
        members = groups[key]
        reached = [row for row in members if row["conference_on"]]
        recorded = [row for row in members if row["_twelve"]]
        found.append({
            "group": str(labels[key]) if key in labels else spelled.get(key) or _("Not recorded"),
            "children": len(members), "share": _percent(len(members), total),
            "conference": len(reached), "conference_share": _percent(len(reached), len(members)),
            "plan_share": _percent(sum(1 for row in members if row["plan_agreed_on"]), len(members)),
            "recorded_12": len(recorded),
            "with_family_12": _percent(sum(1 for row in recorded if row["_twelve"] in ("parents", "family")),
                                       len(recorded)),
        })
    return found


def served(db, period, scope, **_context):
    """The children of the cases referred in the period, by the day of the referral, and the same children by
    ethnicity, first language, disability and legal status, each group with how far it got."""
    rows = [dict(row, _twelve=living(row, "twelve")) for row in report_data.children_referred(db, period, scope)]
    counts = _l("children of the cases referred in the period, by the day of the referral")
    figures = [
        count(period, "children_referred", _("Children referred"), counts, [_date(row["referred_on"]) for row in rows]),
        share(period, "children_reached_conference", _("Children whose family had a conference (so far)"), counts,
              [(_date(row["referred_on"]), bool(row["conference_on"])) for row in rows]),
    ]
    columns = [("children", _("Children"), "count"), ("share", _("Share of children"), "percent"),
               ("conference", _("Had a conference"), "count"),
               ("conference_share", _("Had a conference (share)"), "percent"),
               ("plan_share", _("Agreed a plan (share)"), "percent"),
               ("recorded_12", _("Outcome at 12 months recorded"), "count"),
               ("with_family_12", _("With parents or family at 12 months (share of recorded)"), "percent")]
    breakdowns = [
        Breakdown("ethnicity", _("By ethnicity"), columns, _group_rows(rows, "ethnicity", ETHNICITIES), "children"),
        Breakdown("first_language", _("By first language"), columns, _group_rows(rows, "first_language", {}),
                  "children"),
        Breakdown("disability", _("By disability"), columns, _group_rows(rows, "disability", DISABILITY),
                  "children"),
        Breakdown("legal_status", _("By legal status at referral"), columns,
                  _group_rows(rows, "legal_status", LEGAL_STATUSES), "children"),
    ]
    return Report("served", str(REPORTS["served"]), period, figures, breakdowns)


BUILDERS = {"offers": offers, "timeliness": timeliness, "practice": practice, "outcomes": outcomes,
            "served": served}


_BUILT = {}  # {what a report depends on: the report}, newest last
_BUILT_LOCK = threading.Lock()  # the web server's threads share it
_KEEP = 64


def build(db, key, period, scope, deadlines):
    """The report called ``key`` for ``period`` and ``scope``, its sums made with the service's ``deadlines``.

    A report at tens of thousands of cases takes a few hundred milliseconds to work out, and a manager looks at the
    same one several times (each report, then its downloads). So each is kept, in this process, until anything it
    depends on changes: what it counts (the database's report version, moved on by triggers with every change),
    the day, the service's targets and closure days, the words' language, and the database file itself.
    """
    found = (report_data.version(db), key, period, scope, deadlines.today, deadlines.targets,
             deadlines.calendar.closure_days, str(get_locale()))
    with _BUILT_LOCK:
        report = _BUILT.pop(found, None)
    if report is None:
        report = BUILDERS[key](db, period, scope, deadlines=deadlines)
    with _BUILT_LOCK:
        _BUILT[found] = report
        while len(_BUILT) > _KEEP:
            _BUILT.pop(next(iter(_BUILT)))
    return report


# --- months and tables, as shown and downloaded -----------------------------------------------


def month_label(key, *, short=False):
    """"Jan" or "January 2026" for the month "2026-01", in the reader's language."""
    day = datetime.date(int(key[:4]), int(key[5:7]), 1)
    return format_date(day, "MMM" if short else "MMMM y")


def value_text(value, unit):
    """A figure's value as the tables and CSV show it: "–" for nothing to count, a percentage with its sign."""
    if value is None:
        return "–"
    if isinstance(value, float):
        value = round(value, 1)
        value = int(value) if value == int(value) else value
    return f"{value}%" if unit == "percent" else str(value)


def tables(report):
    """Every table the report page shows, by key: (title, headings, rows). The summary of all figures, each
    figure by month, every figure by month together, and each breakdown."""
    found = {"summary": (_("Summary"), [_("Figure"), _("Value"), _("Target"), _("What is counted")],
                         [[figure.label, value_text(figure.total, figure.unit), figure.target, str(figure.counts)]
                          for figure in report.figures])}
    months = [month for month, _value in report.figures[0].monthly] if report.figures else []
    found["months"] = (_("Every figure by month"), [_("Month")] + [figure.label for figure in report.figures],
                       [[month_label(month)] + [value_text(figure.monthly[index][1], figure.unit)
                                                for figure in report.figures] for index, month in enumerate(months)])
    for figure in report.figures:
        found[figure.key] = (figure.label, [_("Month"), figure.label],
                             [[month_label(month), value_text(value, figure.unit)] for month, value in figure.monthly])
    for breakdown in report.breakdowns:
        columns = breakdown.columns
        found[breakdown.key] = (breakdown.label, [_("Group")] + [heading for _key, heading, _unit in columns],
                                [[row["group"]] + [value_text(row[key], unit) for key, _heading, unit in columns]
                                 for row in breakdown.rows])
    return found


def csv_text(headings, rows):
    """A table as CSV, every cell written so a spreadsheet shows it as text and never runs it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [headings, *rows]:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def chart_description(figure):
    """What a figure's chart shows, in words, for the chart's <desc>."""
    shown = [(month, value) for month, value in figure.monthly if value is not None]
    if not figure.monthly:
        return figure.label
    span = _("%(label)s by month, %(first)s to %(last)s.", label=figure.label,
             first=month_label(figure.monthly[0][0]), last=month_label(figure.monthly[-1][0]))
    if not shown:
        return span + " " + _("Nothing to count in any month.")
    month, value = max(shown, key=lambda pair: pair[1])
    return span + " " + _("Highest: %(value)s in %(month)s. For the whole period: %(total)s.",
                          value=value_text(value, figure.unit), month=month_label(month),
                          total=value_text(figure.total, figure.unit))


def breakdown_description(breakdown):
    """What a breakdown's chart shows, in words."""
    heading = next(heading for key, heading, _unit in breakdown.columns if key == breakdown.chart_column)
    return _("%(label)s: %(heading)s for each of %(num)d groups; the table beside it has every number.",
             label=breakdown.label, heading=heading, num=len(breakdown.rows))
