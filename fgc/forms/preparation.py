"""Forms for what professionals bring to the conference, and for the child's voice."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from ..domain.vocabulary import ATTENDING, ATTENDS, GATHERED
from .base import Form, strip, whole_number
from .fields import DateInput, choices, long_text, text


def scale_value(value):
    """The 0-10 scale as a number, or None when left blank."""
    return whole_number(value, digits=2) if value not in (None, "") else None


class ScaleField(StringField):
    """A 0 to 10 safety scale, typed as a number; blank means not given."""

    def pre_validate(self, form):
        value = (self.data or "").strip()
        if value and (whole_number(value, digits=2) is None or not 0 <= int(value) <= 10):
            raise ValidationError(_("%(label)s must be a whole number from 0 to 10", label=self.label.text))


class ProfessionalForm(Form):
    version = HiddenField()
    name = text(_l("Full name"), _l("Enter the professional’s full name"))
    agency = text(_l("Agency"), _l("Enter their agency, for example the school or health visiting team"))
    role = text(_l("Role"), required=False)
    contact = text(_l("Email address or phone number"), required=False)
    attends = RadioField(_l("Which part of the conference will they attend?"), choices=choices(ATTENDS),
                         validators=[InputRequired(_l("Select which part of the conference they will attend"))])
    worried = long_text(_l("What are they worried about?"), required=False)
    working_well = long_text(_l("What is working well?"), required=False)
    needs_to_happen = long_text(_l("What needs to happen?"), required=False)
    scale = ScaleField(_l("Safety scale (0 to 10)"), filters=[strip])
    scale_reason = long_text(_l("Why that score?"), required=False)
    resources = long_text(_l("Resources they can offer"), required=False)


class DangerForm(Form):
    danger = long_text(_l("Danger statement"), _l("Enter the danger statement"))
    safety_goal = long_text(_l("Safety goal"), _l("Enter the safety goal that goes with it"))


class SharedForm(Form):
    shared_on = DateInput(_l("Date it was shared with the family"), subject=_l("date it was shared"),
                          not_future=True)


class ChildViewsForm(Form):
    version = HiddenField()
    wishes = long_text(_l("Wishes and feelings"), required=False)
    gathered = RadioField(_l("How were they gathered?"), choices=choices(GATHERED),
                          validators=[InputRequired(_l("Select how the child’s views were gathered"))])
    gathered_note = long_text(_l("Note about how they were gathered"), required=False)
    advocate_name = text(_l("Advocate’s name"), required=False)
    attending = RadioField(_l("Will the child attend?"), choices=choices(ATTENDING),
                           validators=[InputRequired(_l("Select whether the child will attend"))])
    scale = ScaleField(_l("The child’s own scale (0 to 10)"), filters=[strip])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.gathered.data == "advocate" and not self.advocate_name.data:
            self.advocate_name.errors = [_("Enter the advocate’s name")]
            ok = False
        return ok
