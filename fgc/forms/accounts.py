"""Forms for signing in, passwords and staff accounts."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from ..domain import passwords
from ..domain.vocabulary import STAFF_ROLES
from .base import Form, strip



class SignInForm(Form):
    email = StringField(_l("Email address"), filters=[strip], validators=[
        DataRequired(_l("Enter your email address")),
        Length(max=320, message=_l("Email address must be 320 characters or fewer")),
    ])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password"))])


class NewPasswordMixin:
    """A new password and its confirmation, checked against the password rules."""

    related_inputs = ()

    def validate_new_password(self, field):
        advice = passwords.problem(field.data or "", related=self.related_inputs)
        if advice:
            raise ValidationError(advice)


# Made before the new-password fields so that it comes first on the change-password
# form: WTForms orders fields by when they were created, and so does the error summary.
_current_password = PasswordField(_l("Current password"), validators=[
    InputRequired(_l("Enter your current password")),
])


class SetPasswordForm(NewPasswordMixin, Form):
    new_password = PasswordField(_l("New password"), validators=[InputRequired(_l("Enter a new password"))])
    confirm_password = PasswordField(_l("Confirm new password"), validators=[
        InputRequired(_l("Confirm your new password")),
        EqualTo("new_password", _l("The passwords do not match")),
    ])


class ChangePasswordForm(SetPasswordForm):
    current_password = _current_password


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
    role = RadioField(_l("Role"), choices=[SelectChoice(role, label) for role, label in STAFF_ROLES.items()],
                      validators=[InputRequired(_l("Select a role"))])


class EditUserForm(UserForm):
    version = HiddenField()
