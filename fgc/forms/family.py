"""Forms on the family pages. Labels and messages are translated (Welsh and English)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..i18n import LANGUAGES
from .base import Form, strip

NOTE_LENGTH = 500


class ActionForm(Form):
    """A button with nothing to fill in: only the CSRF token."""


class TaskUpdateForm(Form):
    done = BooleanField(_l("I have done this"))
    note = TextAreaField(_l("Anything to add? (optional)"), filters=[strip],
                         validators=[Optional(), Length(max=NOTE_LENGTH,
                                                        message=_l("Keep your note to 500 characters or fewer"))])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok and not self.done.data and not self.note.data:
            self.note.errors = [_l("Tick the box, or write a note")]
            ok = False
        return ok


class PinForm(Form):
    pin = StringField(_l("PIN"), filters=[strip], validators=[InputRequired(_l("Enter your PIN"))])

    def validate_pin(self, field):
        value = (field.data or "").replace(" ", "")
        if not (value.isascii() and value.isdigit() and len(value) == 6):
            raise ValidationError(_l("Your PIN is 6 numbers, like 123456"))
        field.data = value


class LanguageForm(Form):
    language = HiddenField(validators=[InputRequired()])

    def validate_language(self, field):
        if field.data not in LANGUAGES:
            raise ValidationError(_l("Choose English or Cymraeg"))
