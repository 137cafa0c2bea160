"""Forms for signing in, passwords and staff accounts."""

from wtforms import HiddenField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from .. import passwords
from ..config import ROLES
from .base import Form, strip

ROLE_LABELS = {
    "admin": "Admin",
    "manager": "Manager",
    "coordinator": "Coordinator",
    "social_worker": "Social worker",
}
ROLE_HINTS = {
    "admin": "Manages accounts and service settings",
    "manager": "Allocates referrals and sees timeliness, outcomes and the audit trail",
    "coordinator": "Runs conferences and writes up family plans",
    "social_worker": "Refers families, agrees plans and downloads them for the case file",
}


class SignInForm(Form):
    email = StringField("Email address", filters=[strip], validators=[
        DataRequired("Enter your email address"),
        Length(max=320, message="Email address must be 320 characters or fewer"),
    ])
    password = PasswordField("Password", validators=[InputRequired("Enter your password")])


class NewPasswordMixin:
    """A new password and its confirmation, checked against the password rules."""

    related_inputs = ()

    def validate_new_password(self, field):
        advice = passwords.problem(field.data or "", related=self.related_inputs)
        if advice:
            raise ValidationError(advice)


# Made before the new-password fields so that it comes first on the change-password
# form: WTForms orders fields by when they were created, and so does the error summary.
_current_password = PasswordField("Current password", validators=[
    InputRequired("Enter your current password"),
])


class SetPasswordForm(NewPasswordMixin, Form):
    new_password = PasswordField("New password", validators=[InputRequired("Enter a new password")])
    confirm_password = PasswordField("Confirm new password", validators=[
        InputRequired("Confirm your new password"),
        EqualTo("new_password", "The passwords do not match"),
    ])


class ChangePasswordForm(SetPasswordForm):
    current_password = _current_password


class UserForm(Form):
    name = StringField("Full name", filters=[strip], validators=[
        DataRequired("Enter the person's full name"),
        Length(max=200, message="Full name must be 200 characters or fewer"),
    ])
    email = StringField("Email address", filters=[strip], validators=[
        DataRequired("Enter an email address"),
        Length(max=320, message="Email address must be 320 characters or fewer"),
        Email("Enter an email address in the correct format, like name@example.org",
              check_deliverability=False),
    ])
    role = RadioField("Role", choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES],
                      validators=[InputRequired("Select a role")])


class EditUserForm(UserForm):
    version = HiddenField()
