"""The service as this app is set up: its targets and working calendar, from the settings and closure days.

The domain's rules take these as plain values; this is where a request (or a command) gets them.
"""

from flask import current_app, has_app_context

from .data import closure_days
from .db import get_db
from .domain.deadlines import Deadlines, Targets, today
from .domain.workdays import WorkingCalendar


def calendar(db=None):
    """Working days: weekends, England and Wales bank holidays and the service's closure days left out."""
    return WorkingCalendar(closure_days.dates(db if db is not None else get_db()))


def targets():
    """The service's targets: README, Configuration (their defaults when no app is running, as in a script)."""
    return Targets.from_config(current_app.config) if has_app_context() else Targets()


def deadlines(db=None):
    """The service's deadlines as they stand today (closure days read through ``db``, by default the request's)."""
    return Deadlines(targets(), calendar(db), today())
