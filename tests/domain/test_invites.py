"""Calendar invites: parsed back with icalendar, as a calendar client would."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from fgc.domain.invites import invite_filename, meeting_invite

STAMP = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def invite(**overrides):
    fields = {
        "uid": "conference-42@fgc.example",
        "sequence": 0,
        "starts_at": datetime(2026, 7, 15, 9, 0, tzinfo=UTC),
        "ends_at": datetime(2026, 7, 15, 11, 0, tzinfo=UTC),
        "summary": "Family Group Conference",
        "location": "Civic Centre, Room 2",
        "description": "Bring the plan.",
        "organiser_email": "coordinator@council.example",
        "stamp": STAMP,
    }
    return meeting_invite(**(fields | overrides))


def parse(data):
    cal = Calendar.from_ical(data)
    [event] = cal.walk("VEVENT")
    return cal, event


def test_request_has_the_calendar_and_event_properties():
    cal, event = parse(invite())
    assert str(cal["PRODID"]) == "-//fgc//Family Group Conferences//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == "conference-42@fgc.example"
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Family Group Conference"
    assert str(event["LOCATION"]) == "Civic Centre, Room 2"
    assert str(event["DESCRIPTION"]) == "Bring the plan."
    assert str(event["ORGANIZER"]) == "mailto:coordinator@council.example"
    assert event["DTSTAMP"].dt == datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_summer_start_is_bst_wall_clock_in_europe_london():
    data = invite()
    _, event = parse(data)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 7, 15, 10, 0)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=1)
    assert event["DTEND"].dt.replace(tzinfo=None) == datetime(2026, 7, 15, 12, 0)
    assert b"DTSTART;TZID=Europe/London:20260715T100000\r\n" in data


def test_winter_start_is_gmt_wall_clock_in_europe_london():
    data = invite(starts_at=datetime(2026, 1, 14, 10, 0, tzinfo=UTC),
                  ends_at=datetime(2026, 1, 14, 12, 0, tzinfo=UTC))
    _, event = parse(data)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 1, 14, 10, 0)
    assert event["DTSTART"].dt.utcoffset() == timedelta(0)
    assert b"DTSTART;TZID=Europe/London:20260114T100000\r\n" in data


def test_other_time_zones_are_converted_to_london():
    paris = ZoneInfo("Europe/Paris")
    _, event = parse(invite(starts_at=datetime(2026, 7, 15, 11, 0, tzinfo=paris),
                            ends_at=datetime(2026, 7, 15, 13, 0, tzinfo=paris)))
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 7, 15, 10, 0)


def test_the_london_vtimezone_is_included():
    cal, _ = parse(invite())
    assert [tz.tz_name for tz in cal.timezones] == ["Europe/London"]
    assert cal.get_missing_tzids() == set()


def test_reschedule_keeps_the_uid_and_raises_the_sequence():
    _, first = parse(invite(sequence=0))
    _, moved = parse(invite(sequence=1, starts_at=datetime(2026, 7, 22, 9, 0, tzinfo=UTC),
                            ends_at=datetime(2026, 7, 22, 11, 0, tzinfo=UTC)))
    assert str(moved["UID"]) == str(first["UID"]) == "conference-42@fgc.example"
    assert moved["SEQUENCE"] == 1
    assert moved["SEQUENCE"] > first["SEQUENCE"]
    assert moved["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 7, 22, 10, 0)


def test_cancellation_has_method_cancel_and_status_cancelled():
    cal, event = parse(invite(sequence=2, cancelled=True))
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "conference-42@fgc.example"
    assert event["SEQUENCE"] == 2


def test_hostile_text_round_trips():
    summary = "FGC: Jones, Ffion; Llŷr & Siân — \"review\" 🙂\nsecond line\\backslash"
    location = "Canolfan Ddinesig, Ystafell 2; Caerdydd\nמרכז הקהילה شارع"
    description = "Line one,\nline two; ŵ ŷ â ê î ô û\n" + "long text " * 40
    data = invite(summary=summary, location=location, description=description)
    _, event = parse(data)
    assert str(event["SUMMARY"]) == summary
    assert str(event["LOCATION"]) == location
    assert str(event["DESCRIPTION"]) == description
    assert b"SUMMARY:FGC: Jones\\, Ffion\\; " in data


def test_newlines_in_text_cannot_inject_properties():
    cal, event = parse(invite(summary="Meeting\r\nMETHOD:CANCEL\rSTATUS:CANCELLED"))
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Meeting\nMETHOD:CANCEL\nSTATUS:CANCELLED"


def test_organiser_email_with_a_newline_is_refused():
    with pytest.raises(ValueError):
        invite(organiser_email="a@council.example\r\nATTENDEE:mailto:x@evil.example")


def test_lines_end_in_crlf_and_are_folded_to_75_octets():
    data = invite(description="Llŷr 🙂 " * 60)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert b"\r\n " in data


def test_organiser_location_and_description_are_optional():
    _, event = parse(invite(location="", description="", organiser_email=None))
    assert "ORGANIZER" not in event
    assert "LOCATION" not in event
    assert "DESCRIPTION" not in event


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        invite(starts_at=datetime(2026, 7, 15, 10, 0))


def test_end_before_start_is_refused():
    with pytest.raises(ValueError):
        invite(ends_at=datetime(2026, 7, 15, 8, 0, tzinfo=UTC))


def test_stamp_defaults_to_now_in_utc():
    before = datetime.now(UTC).replace(microsecond=0)
    _, event = parse(invite(stamp=None))
    assert event["DTSTAMP"].dt >= before
    assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)


def test_filename_is_safe_ascii():
    assert invite_filename("FGC/2026/0042", "conference") == "fgc-conference-fgc-2026-0042.ics"
    assert invite_filename("  Llŷr ap Siôn / Ŵyn  ", "review") == "fgc-review-llyr-ap-sion-wyn.ics"
    assert invite_filename("../../etc/passwd", "conference") == "fgc-conference-etc-passwd.ics"
    assert invite_filename("שלום", "conference") == "fgc-conference-case.ics"
    assert invite_filename(42, "review") == "fgc-review-42.ics"
