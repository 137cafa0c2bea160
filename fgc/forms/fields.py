"""The fields every form shares: text of a bounded length, choices from the vocabulary, checkboxes,
yes or no, and our own GOV.UK date input and time of day."""

import datetime
import re
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from .base import strip

LONDON = ZoneInfo("Europe/London")


def london_datetime(day, time):
    """The UK wall-clock ``time`` on ``day`` as an aware datetime; None if the clocks skip it."""
    moment = datetime.datetime.combine(day, time, LONDON)
    round_trip = moment.astimezone(datetime.timezone.utc).astimezone(LONDON)
    return moment if round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None) else None


class DateInput(Field):
    """A GOV.UK date input: three boxes named ``<name>-day``, ``-month`` and ``-year``.

    What was typed is kept in ``parts`` so the page can show it again; ``data`` is a
    ``datetime.date`` or None. Messages follow the GOV.UK date input pattern, built
    from ``subject`` ("date of birth").
    """

    PARTS = ("day", "month", "year")
    # The boxes' names as they are said inside a message: "must include a day and month".
    # Translators: the three boxes of a date, in lower case, as used inside "Date of birth must include a day".
    PART_WORDS = {"day": _l("day"), "month": _l("month"), "year": _l("year")}

    def __init__(self, label=None, validators=None, *, subject, required=True, not_future=False,
                 not_past=False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.subject = subject
        self.required = required
        self.not_future = not_future
        self.not_past = not_past
        self.parts = {part: "" for part in self.PARTS}
        self.error_parts = ()

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = data if isinstance(data, datetime.date) else _parse_iso(data)
        if self.data:
            self.parts = {"day": str(self.data.day), "month": str(self.data.month), "year": str(self.data.year)}
        if formdata is not None and any(f"{self.name}-{part}" in formdata for part in self.PARTS):
            self.parts = {part: str(formdata.get(f"{self.name}-{part}", ""))[:20].strip() for part in self.PARTS}
            self.data = None

    def pre_validate(self, form):
        subject = self.subject[0].upper() + self.subject[1:]
        missing = [part for part in self.PARTS if not self.parts[part]]
        if len(missing) == 3:
            self.data = None
            if self.required:
                self._fail(_("Enter the %(subject)s", subject=self.subject), self.PARTS)
            return
        if len(missing) == 1:
            self._fail(_("%(subject)s must include a %(part)s", subject=subject, part=self.PART_WORDS[missing[0]]),
                       missing)
        if missing:
            self._fail(_("%(subject)s must include a %(first)s and %(second)s", subject=subject,
                         first=self.PART_WORDS[missing[0]], second=self.PART_WORDS[missing[1]]), missing)
        if not all(self.parts[part].isdigit() for part in self.PARTS):
            self._fail(_("%(subject)s must be a real date", subject=subject),
                       [part for part in self.PARTS if not self.parts[part].isdigit()])
        if len(self.parts["year"]) != 4:
            self._fail(_("Year must include 4 numbers"), ["year"])
        try:
            day = datetime.date(int(self.parts["year"]), int(self.parts["month"]), int(self.parts["day"]))
        except (ValueError, OverflowError):
            self._fail(_("%(subject)s must be a real date", subject=subject), self.PARTS)
        today = datetime.datetime.now(LONDON).date()
        if self.not_future and day > today:
            self._fail(_("%(subject)s must be today or in the past", subject=subject), self.PARTS)
        if self.not_past and day < today:
            self._fail(_("%(subject)s must be today or in the future", subject=subject), self.PARTS)
        self.data = day

    def _fail(self, message, parts):
        self.error_parts = tuple(parts)
        self.data = None
        raise StopValidation(message)

    def _value(self):
        return self.parts


def _parse_iso(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)


def parse_time(text):
    """'10:30', '2pm', '2.15pm', '14:00' → a ``datetime.time``; None if it is not a real time."""
    match = _TIME.match(text or "")
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


SHORT = 200


LONG = 10_000


def choices(mapping):
    return [SelectChoice(key, label) for key, label in mapping.items()]


def text(label, message=None, *, max_length=SHORT, required=True):
    """A text field that keeps what was typed and says plainly what is wrong."""
    checks = [DataRequired(message)] if required else [Optional()]
    checks.append(Length(max=max_length, message=_l("%(label)s must be %(max)s characters or fewer",
                                                    label=label, max=f"{max_length:,}")))
    return StringField(label, filters=[strip], validators=checks)


def long_text(label, message=None, *, required=True):
    checks = [DataRequired(message)] if required else [Optional()]
    checks.append(Length(max=LONG, message=_l("%(label)s must be %(max)s characters or fewer",
                                              label=label, max=f"{LONG:,}")))
    return TextAreaField(label, filters=[strip], validators=checks)


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        # Unknown values are dropped rather than reported: they can only come from a tampered form.
        known = {choice.value for choice in self.choices}
        self.data = [value for value in (self.data or []) if value in known]


def yes_no(label, message):
    return RadioField(label, choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
                      validators=[InputRequired(message)])


def require(field, message):
    """For a question that is needed only given another answer: mark ``field`` with ``message`` if empty."""
    if field.errors:
        return False
    if not field.data:
        field.errors = [message]
        return False
    return True
