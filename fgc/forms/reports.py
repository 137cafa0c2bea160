"""What a report is for: a period, and optionally one coordinator or one team (sent in the address, so a report can
be bookmarked, shared with a colleague and downloaded as it is shown)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, ValidationError

from ..domain.reports import LONGEST_YEARS
from .base import Form
from .fields import DateInput


class ReportForm(Form):
    class Meta:
        csrf = False

    since = DateInput(_l("From"), subject=_l("date the report starts"), required=False, not_future=True)
    until = DateInput(_l("To"), subject=_l("date the report ends"), required=False)
    coordinator = SelectField(_l("Coordinator"), choices=[], default="", validate_choice=False)
    team = SelectField(_l("Team"), choices=[], default="", validate_choice=False)

    def validate_since(self, field):
        if field.data and field.data.year < 2000:
            raise ValidationError(_l("The date the report starts must be in 2000 or later"))

    def validate_until(self, field):
        if field.data and not 2000 <= field.data.year <= 2999:
            raise ValidationError(_l("The date the report ends must be between 2000 and 2999"))
        if field.data and self.since.data:
            if field.data < self.since.data:
                raise ValidationError(_l("The date the report ends must be the same as or after the date it starts"))
            if (field.data - self.since.data).days > 366 * LONGEST_YEARS:
                raise ValidationError(_l("A report can cover up to %(years)d years", years=LONGEST_YEARS))

    def validate_coordinator(self, field):
        if (field.data or "") not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose a coordinator from the list"))

    def validate_team(self, field):
        if (field.data or "") not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose a team from the list"))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok and self.coordinator.data and self.team.data:
            self.team.errors = [_l("Choose a coordinator or a team, not both")]
            return False
        return ok
