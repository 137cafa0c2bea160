"""Forms for the admin pages: staff accounts and the service's closure days."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length

from ..domain.vocabulary import STAFF_ROLES
from .base import Form, strip
from .fields import DateInput, text


class UserForm(Form):
    name = StringField(_l("Full name"), filters=[strip], validators=[
        DataRequired(_l("Enter the person's full name")),
        Length(max=200, message=_l("Full name must be 200 characters or fewer")),
    ])
    email = StringField(_l("Email address"), filters=[strip], validators=[
        DataRequired(_l("Enter an email address")),
        Length(max=320, message=_l("Email address must be 320 characters or fewer")),
        Email(_l("Enter an email address in the correct format, like name@example.org"),
              check_deliverability=False),
    ])
    team = StringField(_l("Team (optional)"), filters=[strip], validators=[
        Length(max=100, message=_l("Team must be 100 characters or fewer"))])
    role = RadioField(_l("Role"), choices=[SelectChoice(role, label) for role, label in STAFF_ROLES.items()],
                      validators=[InputRequired(_l("Select a role"))])
    # Checked by the action, which knows whether the change needs it (fgc.domain.accounts).
    code = StringField(_l("Code from your authenticator app"), filters=[strip], validators=[
        Length(max=20, message=_l("Enter the 6-digit code from your authenticator app"))])


class EditUserForm(UserForm):
    version = HiddenField()
    dpo = BooleanField(_l("Data protection officer"))


class ClosureDayForm(Form):
    day = DateInput(_l("Date"), subject=_l("date"))
    reason = text(_l("Reason"), _l("Enter why the service is closed"), max_length=100)
