"""Working-day arithmetic for FGC deadlines in England and Wales.

Bank holidays come from the data bundled with ``govuk-bank-holidays``, so
nothing here touches the network. That data currently runs to the end of
2028; for later dates only weekends and the service's own closure days are
excluded, so deadlines after 2028 may land on a bank holiday until the
package is upgraded.
"""

import bisect
import calendar
import datetime
import functools

from govuk_bank_holidays.bank_holidays import BankHolidays


@functools.lru_cache(maxsize=1)
def _bank_holiday_titles():
    """{day: its name} for England and Wales bank holidays, loaded once per process."""
    holidays = BankHolidays(use_cached_holidays=True)
    return {h["date"]: h["title"] for h in holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)}


@functools.lru_cache(maxsize=1)
def bank_holidays():
    """England and Wales bank holidays."""
    return frozenset(_bank_holiday_titles())


def bank_holiday_title(day):
    """The bank holiday's name ("Christmas Day"), or None if ``day`` is not one."""
    return _bank_holiday_titles().get(_as_date(day))


def _as_date(day):
    # A datetime never equals a date, so it would silently slip past the holiday set.
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}")
    return day


class WorkingCalendar:
    """Weekends, bank holidays and the service's closure days are not working days."""

    def __init__(self, closure_days=()):
        self.closure_days = frozenset(_as_date(d) for d in closure_days)
        # Dashboards ask the same question for many cases referred on the same day.
        self._added = {}
        # Every weekday that is not a working day, in order: counting working days is then arithmetic on
        # weeks and two binary searches, however far apart the dates (a year's conferences at once).
        self._closed_weekdays = sorted(day for day in bank_holidays() | self.closure_days if day.weekday() < 5)

    def is_working_day(self, day):
        return self.closed_because(day) is None

    def closed_because(self, day):
        """Why ``day`` is not a working day: "weekend", "bank_holiday" or "closure_day"; None if it is one."""
        day = _as_date(day)
        if day.weekday() >= 5:
            return "weekend"
        if day in bank_holidays():
            return "bank_holiday"
        return "closure_day" if day in self.closure_days else None

    def add_working_days(self, start, days):
        """The date ``days`` working days after ``start``; ``start`` itself is not counted."""
        day = _as_date(start)
        if days < 0:
            raise ValueError("days must be 0 or more")
        key = (day, days)
        if key not in self._added:
            remaining = days
            while remaining:
                day += datetime.timedelta(days=1)
                if self.is_working_day(day):
                    remaining -= 1
            self._added[key] = day
        return self._added[key]

    def working_days_between(self, start, end):
        """How many working days fall after ``start`` up to and including ``end``."""
        start, end = _as_date(start), _as_date(end)
        if end <= start:
            return 0
        weeks, extra = divmod((end - start).days, 7)
        weekdays = weeks * 5 + sum((start.weekday() + step) % 7 < 5 for step in range(1, extra + 1))
        closed = self._closed_weekdays
        return weekdays - (bisect.bisect_right(closed, end) - bisect.bisect_right(closed, start))

    def due_status(self, due, today, *, done=False, soon_days=3):
        """"overdue", "due soon" or "on track" for a deadline; None once it is done."""
        if done:
            return None
        due, today = _as_date(due), _as_date(today)
        if today > due:
            return "overdue"
        if self.working_days_between(today, due) <= soon_days:
            return "due soon"
        return "on track"


def add_months(day, months):
    """Calendar months later, kept within the month: 31 Jan + 1 month is the last day of Feb."""
    day = _as_date(day)
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
