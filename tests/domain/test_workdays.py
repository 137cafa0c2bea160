"""Working days, bank holidays, closure days and FGC deadline targets."""

from datetime import date, datetime

import pytest

from fgc.domain.workdays import WorkingCalendar, add_months, bank_holiday_title, bank_holidays

CAL = WorkingCalendar()


def test_weekends_are_not_working_days():
    assert CAL.is_working_day(date(2026, 3, 6))  # Friday
    assert not CAL.is_working_day(date(2026, 3, 7))  # Saturday
    assert not CAL.is_working_day(date(2026, 3, 8))  # Sunday
    assert CAL.is_working_day(date(2026, 3, 9))  # Monday


def test_friday_plus_one_working_day_is_monday():
    assert CAL.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_counting_from_a_weekend_starts_on_the_next_working_day():
    assert CAL.add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)
    assert CAL.add_working_days(date(2026, 3, 8), 1) == date(2026, 3, 9)


def test_zero_days_returns_the_start_unchanged():
    assert CAL.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 3, 6), -1)


def test_datetimes_are_refused_rather_than_missing_holidays():
    with pytest.raises(TypeError):
        CAL.is_working_day(datetime(2026, 12, 25, 9, 0))


def test_christmas_and_boxing_day_substitute_are_skipped():
    # 25 Dec 2026 is a Friday; Boxing Day moves to Monday 28 Dec.
    assert not CAL.is_working_day(date(2026, 12, 25))
    assert not CAL.is_working_day(date(2026, 12, 28))
    assert CAL.add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)
    assert CAL.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_new_years_day_is_skipped():
    # 1 Jan 2027 is a Friday.
    assert not CAL.is_working_day(date(2027, 1, 1))
    assert CAL.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_good_friday_and_easter_monday_are_skipped():
    assert not CAL.is_working_day(date(2026, 4, 3))
    assert not CAL.is_working_day(date(2026, 4, 6))
    assert CAL.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_closure_day_is_skipped():
    closed = WorkingCalendar(closure_days=[date(2026, 3, 9)])
    assert not closed.is_working_day(date(2026, 3, 9))
    assert closed.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)
    assert CAL.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_bundled_bank_holidays_run_to_at_least_2028():
    assert max(bank_holidays()).year >= 2028
    assert date(2028, 12, 25) in bank_holidays()


def test_baseline_and_conference_targets_from_a_referral_over_easter():
    referred = date(2026, 3, 2)  # Monday
    assert CAL.add_working_days(referred, 5) == date(2026, 3, 9)
    # Good Friday and Easter Monday push the 40th working day two days on.
    assert CAL.add_working_days(referred, 40) == date(2026, 4, 29)


def test_conference_target_from_a_referral_over_christmas():
    referred = date(2026, 11, 20)  # Friday
    assert CAL.add_working_days(referred, 5) == date(2026, 11, 27)
    assert CAL.add_working_days(referred, 40) == date(2027, 1, 20)


def test_working_days_between():
    assert CAL.working_days_between(date(2026, 3, 2), date(2026, 4, 29)) == 40
    assert CAL.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1
    assert CAL.working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1
    assert CAL.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert CAL.working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == 0


def test_due_status_overdue():
    assert CAL.due_status(date(2026, 3, 20), date(2026, 3, 23)) == "overdue"


def test_due_status_due_soon():
    assert CAL.due_status(date(2026, 3, 20), date(2026, 3, 20)) == "due soon"
    assert CAL.due_status(date(2026, 3, 20), date(2026, 3, 17)) == "due soon"


def test_due_status_on_track():
    assert CAL.due_status(date(2026, 3, 20), date(2026, 3, 16)) == "on track"
    assert CAL.due_status(date(2026, 3, 20), date(2026, 3, 16), soon_days=4) == "due soon"


def test_due_status_is_none_once_done():
    assert CAL.due_status(date(2026, 3, 20), date(2026, 3, 23), done=True) is None


def test_add_months():
    assert add_months(date(2026, 3, 15), 3) == date(2026, 6, 15)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_add_months_clamps_to_the_last_day_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 5, 31), 1) == date(2026, 6, 30)


def test_add_months_clamps_to_29_february_in_a_leap_year():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_a_day_off_says_why_it_is_off():
    calendar = WorkingCalendar([date(2026, 12, 29)])
    assert calendar.closed_because(date(2026, 12, 12)) == "weekend"
    assert calendar.closed_because(date(2026, 12, 25)) == "bank_holiday"
    assert calendar.closed_because(date(2026, 12, 29)) == "closure_day"
    assert calendar.closed_because(date(2026, 12, 15)) is None
    assert bank_holiday_title(date(2026, 12, 25)) == "Christmas Day"
    assert bank_holiday_title(date(2026, 12, 15)) is None


def test_working_days_between_agrees_with_counting_day_by_day():
    """Counted by arithmetic on weeks and the list of holidays; checked here against walking the calendar a day
    at a time, over bank holidays, closure days, weekends and spans of up to three years."""
    import random
    from datetime import timedelta

    calendar = WorkingCalendar(closure_days=[date(2026, 12, 29), date(2027, 8, 14), date(2025, 5, 5)])
    rng = random.Random(31)
    for _ in range(3000):
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 1500))
        end = start + timedelta(days=rng.choice([rng.randint(-3, 15), rng.randint(0, 1100)]))
        walked, day = 0, start
        while day < end:
            day += timedelta(days=1)
            walked += calendar.is_working_day(day)
        assert calendar.working_days_between(start, end) == walked, (start, end)
