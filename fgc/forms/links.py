"""Forms for family links: making one, and the token a printed letter is made from."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField
from wtforms.validators import InputRequired, StopValidation

from ..i18n import LANGUAGES
from .base import Form, whole_number
from .fields import DateInput, choices

PIN_CHOICES = {"no": _l("No"), "yes": _l("Yes, they will also need a PIN")}


class PersonChoice(RadioField):
    """Who the link is for. Only people who may have a link are offered, but whether a posted
    person may have one is decided by the data layer (which refuses anyone excluded), so a
    tampered answer reaches it and gets its plain refusal rather than a generic message."""

    def pre_validate(self, form):
        if whole_number(self.data) is None:
            raise StopValidation(_l("Select who the link is for"))


class NewLinkForm(Form):
    person = PersonChoice(_l("Who is the link for?"), choices=[], validate_choice=False,
                          validators=[InputRequired(_l("Select who the link is for"))])
    pin = RadioField(_l("Do they need a PIN as well?"), choices=choices(PIN_CHOICES),
                     validators=[InputRequired(_l("Select whether they need a PIN as well"))])
    expires_on = DateInput(_l("The link stops working at the end of"), subject=_l("date the link stops working"),
                           not_past=True)


class LetterForm(Form):
    """The link's token travels back in the body of a POST, never in a URL. The button pressed says
    which language the letter is in (English unless it says Welsh)."""

    token = HiddenField()
    language = HiddenField()

    def letter_language(self):
        return self.language.data if self.language.data in LANGUAGES else "en"


CHANNELS = {"sms": _l("Text message"), "email": _l("Email")}
MESSAGE_LANGUAGES = {"en": _l("English"), "cy": _l("Welsh")}


class SendLinkForm(Form):
    """Send the link by text message or email. The token travels back in the POST's body, as for the letter."""

    token = HiddenField()
    channel = RadioField(_l("How should it go?"), choices=choices(CHANNELS),
                         validators=[InputRequired(_l("Select how to send the link"))])
    message_language = RadioField(_l("Which language should the message be in?"), choices=choices(MESSAGE_LANGUAGES),
                                  validators=[InputRequired(_l("Select which language the message is in"))])


class ConfirmForm(Form):
    """Revoke a link, or set it a new PIN: only the CSRF token."""
