"""The access records' search: what to ask the audit trail (sent in the address, so a search can be bookmarked and
paged)."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from ..domain.access_records import ACTION_GROUPS
from .base import Form, strip
from .fields import DateInput

SUBJECT = re.compile(r"(person|child):(\d{1,12})")


class AccessRecordsForm(Form):
    class Meta:
        csrf = False

    reference = StringField(_l("Case reference"), filters=[strip], validators=[
        Length(max=40, message=_l("Case reference must be 40 characters or fewer"))])
    name = StringField(_l("Name of a network member or child"), filters=[strip], validators=[
        Length(max=200, message=_l("Name must be 200 characters or fewer"))])
    subject = StringField()
    user = SelectField(_l("Who did it"), choices=[], default="", validate_choice=False)
    action = SelectField(_l("What they did"), choices=[SelectChoice("", _l("Anything"))]
                         + [SelectChoice(key, label) for key, label in ACTION_GROUPS.items()], default="",
                         validate_choice=False)
    since = DateInput(_l("From"), subject=_l("date to search from"), required=False, not_future=True)
    until = DateInput(_l("To"), subject=_l("date to search to"), required=False)

    def validate_user(self, field):
        if (field.data or "") not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose who did it from the list"))

    def validate_action(self, field):
        if (field.data or "") not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose what they did from the list"))

    def validate_subject(self, field):
        if field.data and not SUBJECT.fullmatch(field.data):
            raise ValidationError(_l("Choose a network member or child from the list"))

    def validate_since(self, field):
        if field.data and field.data.year < 2000:
            raise ValidationError(_l("The date to search from must be in 2000 or later"))

    def validate_until(self, field):
        if field.data and not 2000 <= field.data.year <= 2999:
            raise ValidationError(_l("The date to search to must be between 2000 and 2999"))
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The date to search to must be the same as or after the date to search from"))

    @property
    def chosen_subject(self):
        found = SUBJECT.fullmatch(self.subject.data or "")
        return (found[1], int(found[2])) if found else None

    @property
    def chosen_user(self):
        return int(self.user.data) if self.user.data else None
