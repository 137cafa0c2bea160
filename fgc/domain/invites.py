"""Calendar invites (.ics) for conferences and reviews.

Each meeting keeps one UID for its whole life; the caller raises SEQUENCE on
every reschedule and on cancellation so calendar clients update the existing
entry instead of adding a second one.
"""

import datetime
import re
import unicodedata
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

PRODID = "-//fgc//Family Group Conferences//EN"
LONDON = ZoneInfo("Europe/London")


def _aware(moment, name):
    # A naive time is ambiguous across the BST change, so refuse it rather than guess.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment


def _text(value):
    # icalendar turns a lone CR into a newline too; normalising first means what we store is what comes back.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def meeting_invite(*, uid, sequence, starts_at, ends_at, summary, location="", description="",
                   cancelled=False, organiser_email=None, stamp=None):
    """One meeting as an iTIP REQUEST (or CANCEL) calendar, as bytes ready to send."""
    if not uid:
        raise ValueError("uid is required")
    if sequence < 0:
        raise ValueError("sequence must be 0 or more")
    start = _aware(starts_at, "starts_at").astimezone(LONDON)
    end = _aware(ends_at, "ends_at").astimezone(LONDON)
    if end <= start:
        raise ValueError("ends_at must be after starts_at")
    stamp = datetime.datetime.now(datetime.UTC) if stamp is None else stamp
    stamp = _aware(stamp, "stamp").astimezone(datetime.UTC)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")

    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", _text(summary))
    if location:
        event.add("location", _text(location))
    if description:
        event.add("description", _text(description))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organiser_email:
        # icalendar refuses CR/LF in a CAL-ADDRESS, so a hostile address cannot inject lines.
        event.add("organizer", f"mailto:{organiser_email}")
    cal.add_component(event)

    # The default span (1970-2038) makes a 3 KB VTIMEZONE and stops at 2038;
    # a couple of years around the meeting is all a client needs.
    cal.add_missing_timezones(first_date=datetime.date(start.year, 1, 1),
                              last_date=datetime.date(end.year + 2, 1, 1))
    return cal.to_ical()


def _slug(text):
    # Decompose so Welsh ŵ/ŷ/â keep their base letter, then drop anything outside [a-z0-9].
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def invite_filename(reference, kind):
    """A safe ASCII filename such as ``fgc-conference-fgc-2026-0042.ics``."""
    kind_slug = _slug(kind)
    if not kind_slug:
        raise ValueError("kind is required")
    reference_slug = _slug(str(reference))[:60].strip("-") or "case"
    return f"fgc-{kind_slug}-{reference_slug}.ics"
