"""Forms for signing in and for choosing a new password (from a set-password link, or one's own)."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, ValidationError

from ..domain import passwords
from .base import Form, strip


class SignInForm(Form):
    email = StringField(_l("Email address"), filters=[strip], validators=[
        DataRequired(_l("Enter your email address")),
        Length(max=320, message=_l("Email address must be 320 characters or fewer")),
    ])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password"))])


class NewPasswordMixin:
    """A new password and its confirmation, checked against the password rules. A form using it
    declares ``new_password = new_password_field()`` and ``confirm_password = confirm_password_field()``
    where it wants them: WTForms orders fields, and so the error summary, by when they were made."""

    related_inputs = ()

    def validate_new_password(self, field):
        advice = passwords.problem(field.data or "", related=self.related_inputs)
        if advice:
            raise ValidationError(advice)


def new_password_field():
    return PasswordField(_l("New password"), validators=[InputRequired(_l("Enter a new password"))])


def confirm_password_field():
    return PasswordField(_l("Confirm new password"), validators=[
        InputRequired(_l("Confirm your new password")),
        EqualTo("new_password", _l("The passwords do not match")),
    ])


class SetPasswordForm(NewPasswordMixin, Form):
    new_password = new_password_field()
    confirm_password = confirm_password_field()


def app_code_field(label=_l("Code from your authenticator app")):
    """Six digits from the person's authenticator app: at sign-in, and again before a sensitive change."""
    return StringField(label, filters=[strip], validators=[
        DataRequired(_l("Enter the 6-digit code from your authenticator app")),
        Length(max=20, message=_l("Enter the 6-digit code from your authenticator app")),
    ])


class AppCodeForm(Form):
    code = app_code_field(_l("Code"))


class ConfirmItIsYouForm(Form):
    """A code again, before a sensitive change."""
    code = app_code_field()


class RecoveryCodeForm(Form):
    code = StringField(_l("Recovery code"), filters=[strip], validators=[
        DataRequired(_l("Enter one of your recovery codes")),
        Length(max=40, message=_l("Enter one of your recovery codes")),
    ])
