"""Forms for conferences and reviews: scheduling and rescheduling, cancelling, recording that one was held."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField
from wtforms.validators import ValidationError

from .base import Form
from .fields import DateInput, london_datetime, long_text, parse_time, text, yes_no


class MeetingForm(Form):
    version = HiddenField()
    day = DateInput(_l("Date"), subject=_l("date of the meeting"))
    start_time = text(_l("Start time"), _l("Enter the start time"), max_length=20)
    end_time = text(_l("End time"), _l("Enter the end time"), max_length=20)
    venue = text(_l("Venue"), _l("Enter the venue"))
    address = long_text(_l("Address"), required=False)
    access_notes = long_text(_l("Access notes"), required=False)
    interpreter_language = text(_l("Interpreter language (if one is needed)"), required=False, max_length=100)
    remote_details = long_text(_l("How to join remotely"), required=False)
    reason = long_text(_l("Reason for the change"), required=False)

    def validate_start_time(self, field):
        if parse_time(field.data) is None:
            raise ValidationError(_("Enter a real start time, like 10:30 or 2pm"))

    def validate_end_time(self, field):
        end, start = parse_time(field.data), parse_time(self.start_time.data)
        if end is None:
            raise ValidationError(_("Enter a real end time, like 12:30 or 4pm"))
        if start is not None and end <= start:
            raise ValidationError(_("End time must be after the start time"))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok:
            # 1:30am does not exist on the morning the clocks go forward.
            for field in (self.start_time, self.end_time):
                if london_datetime(self.day.data, parse_time(field.data)) is None:
                    field.errors = [_("%(label)s does not exist in the UK on that day, because the clocks go "
                                      "forward. Enter a different time", label=field.label.text)]
                    ok = False
        return ok

    def moments(self):
        """Start and end as aware UK datetimes (after validation)."""
        return (london_datetime(self.day.data, parse_time(self.start_time.data)),
                london_datetime(self.day.data, parse_time(self.end_time.data)))


class CancelMeetingForm(Form):
    version = HiddenField()
    reason = long_text(_l("Why is it cancelled?"), _l("Enter why the meeting is cancelled"))


class HeldForm(Form):
    held_on = DateInput(_l("Date it was held"), subject=_l("date it was held"), not_future=True)
    private_time = yes_no(_l("Did the family have private family time?"),
                          _l("Select yes if the family had private family time"))


class TellForm(Form):
    """Tell people about a meeting: only the CSRF token."""
