"""The signed-in person's own account: changing their password."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import InputRequired

from .auth import NewPasswordMixin, confirm_password_field, new_password_field
from .base import Form


class ChangePasswordForm(NewPasswordMixin, Form):
    current_password = PasswordField(_l("Current password"), validators=[
        InputRequired(_l("Enter your current password")),
    ])
    new_password = new_password_field()
    confirm_password = confirm_password_field()
