"""The service as this app is set up: its targets and working calendar, from the settings and closure days.

The domain's rules take these as plain values; this is where a request (or a command) gets them.
"""

from flask import current_app

from .data import closure_days
from .db import get_db
from .domain.deadlines import Deadlines, Targets, today
from .domain.workdays import WorkingCalendar


def calendar():
    """Working days: weekends, England and Wales bank holidays and the service's closure days left out."""
    return WorkingCalendar(closure_days.dates(get_db()))


def targets():
    """The service's targets: README, Configuration."""
    return Targets.from_config(current_app.config)


def deadlines():
    """The service's deadlines as they stand today."""
    return Deadlines(targets(), calendar(), today())
