"""Conferences and reviews: scheduling, rescheduling with history, cancelling, recording, and invites."""

import datetime

import pytest
from icalendar import Calendar

from fgc.data import cases as case_data
from fgc.data import meetings

from conftest import check_page, text
from factories import agree_plan, make_case, user_id

NEXT_MONTH = datetime.date.today() + datetime.timedelta(days=30)


def meeting_form(day=NEXT_MONTH, start="10am", end="1pm", venue="Family centre", **extra):
    return {"day-day": str(day.day), "day-month": str(day.month), "day-year": str(day.year),
            "start_time": start, "end_time": end, "venue": venue, **extra}


def prepared_case(db):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="M-1",
                     coordinator_id=user_id(db, "coordinator@example.org"), extras=False, stage=None)


def ready_for_conference(client, db):
    case_id = prepared_case(db)
    client.submit(f"/cases/{case_id}/baseline", {"held_on-day": "1", "held_on-month": "11", "held_on-year": "2026",
                                                 "attendees": "Us", "objective": "Plan"})
    return case_id


def invite(client, case_id, meeting_id):
    response = client.get(f"/cases/{case_id}/meetings/{meeting_id}/invite.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    event = next(iter(Calendar.from_ical(response.data).walk("VEVENT")))
    return Calendar.from_ical(response.data), event


def test_schedule_reschedule_and_cancel_keep_one_invite(client, sign_in, db):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    response = client.submit(f"/cases/{case_id}/meetings/new/conference",
                             meeting_form(interpreter_language="Polish", remote_details="Video link"))
    assert response.status_code == 302
    assert case_data.get(db, case_id)["stage"] == "conference_scheduled"
    meeting = meetings.for_case(db, case_id)[0]

    calendar, event = invite(client, case_id, meeting["id"])
    uid = str(event["UID"])
    assert str(calendar["METHOD"]) == "REQUEST" and int(event["SEQUENCE"]) == 0
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute, str(start.tzinfo)) == (NEXT_MONTH, 10, 0, "Europe/London")
    assert "M-1" in str(event["SUMMARY"]) and "Test Child" not in response_text(client, case_id, meeting["id"])

    later = NEXT_MONTH + datetime.timedelta(days=7)
    page = check_page(client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/change",
                                    meeting_form(day=later, start="2pm", end="4pm", version=str(meeting["version"]))))
    assert "Enter the reason for the change" in text(page)
    response = client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/change",
                             meeting_form(day=later, start="2pm", end="4pm", version=str(meeting["version"]),
                                          reason="Grandmother can only come then"))
    assert response.status_code == 302
    _, event = invite(client, case_id, meeting["id"])
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART").date() == later and event.decoded("DTSTART").hour == 14
    history = text(client.page(f"/cases/{case_id}/meetings/{meeting['id']}/change"))
    assert "Earlier dates" in history and "Grandmother can only come then" in history

    meeting = meetings.for_case(db, case_id)[0]
    client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/cancel", {"reason": "Family asked to wait",
                                                                        "version": str(meeting["version"])})
    calendar, event = invite(client, case_id, meeting["id"])
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 2
    assert case_data.get(db, case_id)["stage"] == "preparing", "cancelling the conference steps back"
    assert len(meetings.history(db, meeting["id"])) == 2


def response_text(client, case_id, meeting_id):
    return client.get(f"/cases/{case_id}/meetings/{meeting_id}/invite.ics").get_data(as_text=True)


def test_a_stale_reschedule_does_not_overwrite(client, sign_in, db):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    client.submit(f"/cases/{case_id}/meetings/new/conference", meeting_form())
    meeting = meetings.for_case(db, case_id)[0]
    stale = str(meeting["version"])
    client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/change",
                  meeting_form(venue="Library", version=stale, reason="Room booked"))
    page = check_page(client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/change",
                                    meeting_form(venue="Town hall", version=stale, reason="Bigger room")))
    assert "Someone else changed this meeting" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("#venue")["value"] == "Town hall"
    assert meetings.for_case(db, case_id)[0]["venue"] == "Library"


@pytest.mark.parametrize("form, messages", [
    (meeting_form(start="25:00", end="noonish"),
     ["Enter a real start time, like 10:30 or 2pm", "Enter a real end time, like 12:30 or 4pm"]),
    (meeting_form(start="3pm", end="1pm"), ["End time must be after the start time"]),
    ({**meeting_form(), "day-day": "31", "day-month": "2"}, ["Date of the meeting must be a real date"]),
    (meeting_form(day=datetime.date(2027, 3, 28), start="1:30am", end="2:15am"),
     ["Start time does not exist in the UK on that day, because the clocks go forward"]),
], ids=["not-times", "end-before-start", "no-such-date", "clocks-go-forward"])
def test_times_are_checked(client, sign_in, db, form, messages):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    page = check_page(client.submit(f"/cases/{case_id}/meetings/new/conference", form))
    summary = text(page.select_one(".govuk-error-summary"))
    for message in messages:
        assert message in summary
    assert meetings.for_case(db, case_id) == []


def test_recording_held_then_plan_then_reviews(client, sign_in, db):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    client.submit(f"/cases/{case_id}/meetings/new/conference", meeting_form(day=datetime.date.today()))
    meeting = meetings.for_case(db, case_id)[0]
    client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/held",
                  {"held_on-day": str(datetime.date.today().day), "held_on-month": str(datetime.date.today().month),
                   "held_on-year": str(datetime.date.today().year), "private_time": "yes"})
    assert case_data.get(db, case_id)["stage"] == "conference_held"
    assert meetings.get(db, case_id, meeting["id"])["private_time"] == 1
    assert client.get(f"/cases/{case_id}/meetings/{meeting['id']}/invite.ics").status_code == 404
    today = datetime.date.today()
    agree_plan(db, case_id)
    case = case_data.get(db, case_id)
    assert case["stage"] == "plan_agreed" and case["plan_agreed_on"] == today.isoformat()
    assert "Review" in text(client.page(f"/cases/{case_id}").select_one("#deadlines").find_next("table"))
    for number in range(2):
        client.submit(f"/cases/{case_id}/meetings/new/review", meeting_form(day=today))
        review = [m for m in meetings.for_case(db, case_id) if m["kind"] == "review" and m["status"] == "scheduled"][0]
        client.submit(f"/cases/{case_id}/meetings/{review['id']}/held",
                      {"held_on-day": str(today.day), "held_on-month": str(today.month), "held_on-year": str(today.year),
                       "private_time": "no"})
        assert case_data.get(db, case_id)["stage"] == "review_held", number
    assert len([m for m in meetings.for_case(db, case_id) if m["kind"] == "review"]) == 2


def test_hostile_meeting_details_are_shown_as_text(client, sign_in, db):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    venue = "<b>Canolfan</b> Gymunedol Llanfairpwllgwyngyll 🏠 \u202eמרכז"
    client.submit(f"/cases/{case_id}/meetings/new/conference",
                  meeting_form(venue=venue, address="1 Stryd Fawr\n<script>x</script>", access_notes="x" * 10_000))
    html = client.get(f"/cases/{case_id}/meetings").get_data(as_text=True)
    assert "<b>Canolfan</b>" not in html and "&lt;b&gt;Canolfan&lt;/b&gt;" in html
    meeting = meetings.for_case(db, case_id)[0]
    _, event = invite(client, case_id, meeting["id"])
    assert venue in str(event["LOCATION"])


def test_times_are_stored_in_utc_and_shown_in_uk_time(client, sign_in, db):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    summer = datetime.date(2027, 7, 1)
    client.submit(f"/cases/{case_id}/meetings/new/conference", meeting_form(day=summer, start="10am", end="1pm"))
    meeting = meetings.for_case(db, case_id)[0]
    assert meeting["starts_at"].startswith("2027-07-01T09:00:00") and meeting["starts_at"].endswith("+00:00")
    assert "1 July 2027 at 10:00am to 1:00pm" in text(client.page(f"/cases/{case_id}/meetings"))


def test_rescheduling_is_refused_while_consent_is_withdrawn(client, sign_in, db):
    from fgc.data import consents
    from fgc.db import write

    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    client.submit(f"/cases/{case_id}/meetings/new/conference", meeting_form())
    with write(db):
        consent_id = consents.add(db, case_id, given_by="Mair", basis="parental_responsibility",
                                  given_on="2026-11-01", may_share="All", share_with="Family", recorded_by=1)
        consents.withdraw(db, case_id, consent_id, withdrawn_by="Mair", withdrawn_on="2026-11-02")
    meeting = meetings.for_case(db, case_id)[0]
    assert client.get(f"/cases/{case_id}/meetings/{meeting['id']}/change").status_code == 302
    assert client.get(f"/cases/{case_id}/meetings/{meeting['id']}/invite.ics").status_code == 302
    assert "Consent has been withdrawn" in text(client.page(f"/cases/{case_id}"))


def test_closing_a_case_cancels_its_meetings(client, sign_in, db):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    client.submit(f"/cases/{case_id}/meetings/new/conference", meeting_form())
    client.submit(f"/cases/{case_id}/move/on_hold", {"note": "Family in crisis"})
    today = datetime.date.today()
    child = case_data.children(db, case_id)[0]["id"]
    client.submit(f"/cases/{case_id}/move/closed", {"closed_on-day": str(today.day), "closed_on-month": str(today.month),
                                                    "closed_on-year": str(today.year), f"child{child}_living_with": "parents",
                                                    f"child{child}_proceedings": "no",
                                                    f"child{child}_legal_order": "none"})
    meeting = meetings.for_case(db, case_id)[0]
    assert case_data.get(db, case_id)["stage"] == "closed" and meeting["status"] == "cancelled"
    calendar, event = invite(client, case_id, meeting["id"])
    assert str(calendar["METHOD"]) == "CANCEL"
    # A closed case can no longer be changed.
    assert client.get(f"/cases/{case_id}/meetings/new/review").status_code == 403


def test_a_meeting_cannot_be_held_before_the_referral(client, sign_in, db):
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    client.submit(f"/cases/{case_id}/meetings/new/conference", meeting_form())
    meeting = meetings.for_case(db, case_id)[0]
    page = check_page(client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/held",
                                    {"held_on-day": "1", "held_on-month": "1", "held_on-year": "1990",
                                     "private_time": "yes"}))
    assert "Date it was held must be on or after the date of the referral" in text(page)
    assert case_data.get(db, case_id)["stage"] == "conference_scheduled"


def _off_days():
    """The next weekend day, weekday bank holiday and working day a month or more away, from the bundled data."""
    from fgc.domain.workdays import WorkingCalendar, bank_holidays

    days = [NEXT_MONTH + datetime.timedelta(days=offset) for offset in range(400)]
    weekend = next(day for day in days if day.weekday() >= 5)
    holiday = next(day for day in sorted(bank_holidays()) if day > NEXT_MONTH and day.weekday() < 5)
    working = next(day for day in days if WorkingCalendar().is_working_day(day))
    return weekend, holiday, working


def banners(page):
    return " ".join(text(banner) for banner in page.select(".govuk-notification-banner"))


def test_a_meeting_on_a_day_off_is_booked_with_a_warning_that_says_why(client, sign_in, db):
    from fgc.data import closure_days
    from fgc.db import write
    from fgc.domain.workdays import bank_holiday_title

    weekend, holiday, working = _off_days()
    with write(db):
        closure_days.add(db, working, "Staff training", user_id(db, "admin@example.org"))
    sign_in("coordinator")
    case_id = ready_for_conference(client, db)
    response = client.submit(f"/cases/{case_id}/meetings/new/conference", meeting_form(day=holiday))
    assert response.status_code == 302, "warned, not refused"
    banner = banners(client.page(response.location))
    assert f"is a bank holiday ({bank_holiday_title(holiday)})" in banner and str(holiday.year) in banner
    meeting = meetings.for_case(db, case_id)[0]
    for day, words in ((weekend, "is a weekend day"), (working, "is a day the service is closed")):
        response = client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/change",
                                 meeting_form(day=day, version=str(meetings.get(db, case_id, meeting["id"])["version"]),
                                              reason="The family asked"))
        assert response.status_code == 302
        assert words in banners(client.page(response.location)), day
    with write(db):
        closure_days.remove(db, working.isoformat())
    client.submit(f"/cases/{case_id}/meetings/{meeting['id']}/change",
                  meeting_form(day=working, version=str(meetings.get(db, case_id, meeting["id"])["version"]),
                               reason="Back to a working day"))
    assert "day the service is closed" not in text(client.page(f"/cases/{case_id}"))
