"""Scaling over time: the same scores as a chart (SVG) and as a table, so the two always agree."""

from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from ..data import parse
from ..render import scale_chart
from ..templating import long_date

LONDON = ZoneInfo("Europe/London")


def occasion(meeting):
    """'Conference 3 March 2026' or 'Review 2 June 2026': a meeting's kind and day, as the chart labels it."""
    day = long_date(parse(meeting["starts_at"]).astimezone(LONDON))
    if meeting["kind"] == "review":
        return _("Review %(date)s", date=day)
    return _("Conference %(date)s", date=day)


def series(rows, *, professionals, children):
    """Occasions (meetings with scores, oldest first), and one line per source: the family's
    average, each professional and each child. ``rows`` come from ``fgc.data.scales.for_case``."""
    order = list(dict.fromkeys(row["meeting_id"] for row in rows))
    meeting = {row["meeting_id"]: row for row in rows}
    occasions = [occasion(meeting[m]) for m in order]
    scores = {(row["meeting_id"], row["source"], row["source_id"]): row["score"] for row in rows}

    def family_average(meeting_id):
        values = [row["score"] for row in rows if row["meeting_id"] == meeting_id and row["source"] == "family"]
        return round(sum(values) / len(values), 1) if values else None

    lines = [{"label": _("Family (average)"), "values": [family_average(m) for m in order]}]
    lines += [{"label": _("%(name)s (%(agency)s)", name=row["name"], agency=row["agency"]),
               "values": [scores.get((m, "professional", row["id"])) for m in order]} for row in professionals]
    lines += [{"label": _("%(name)s (child)", name=child["name"]),
               "values": [scores.get((m, "child", child["id"])) for m in order]} for child in children]
    return occasions, [line for line in lines if any(value is not None for value in line["values"])]


def chart(reference, occasions, lines):
    return scale_chart.draw(
        [{"label": line["label"], "points": list(zip(occasions, line["values"], strict=True))} for line in lines],
        title=_("Safety scales over time for %(reference)s", reference=reference),
        description=_("Scores from 0 (not safe) to 10 (safe enough to close) at each conference and review. "
                      "The table below the chart gives every score."), id_prefix="scales")
