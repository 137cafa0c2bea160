"""Forms for what professionals bring to the conference, and for the child's voice."""

from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from .base import Form, strip, whole_number
from .cases import choices, long_text, text
from .fields import DateInput

ATTENDS = {"information_sharing": "Only the information-sharing part", "all": "All of the conference"}
GATHERED = {"direct": "From the child directly", "advocate": "Through an advocate",
            "letter_or_drawing": "From a letter or drawing"}
ATTENDING = {"yes": "Yes", "part": "For part of it", "no": "No", "undecided": "Not decided yet"}


def scale_value(value):
    """The 0-10 scale as a number, or None when left blank."""
    return whole_number(value, digits=2) if value not in (None, "") else None


class ScaleField(StringField):
    """A 0 to 10 safety scale, typed as a number; blank means not given."""

    def pre_validate(self, form):
        value = (self.data or "").strip()
        if value and (whole_number(value, digits=2) is None or not 0 <= int(value) <= 10):
            raise ValidationError(f"{self.label.text} must be a whole number from 0 to 10")


class ProfessionalForm(Form):
    version = HiddenField()
    name = text("Full name", "Enter the professional’s full name")
    agency = text("Agency", "Enter their agency, for example the school or health visiting team")
    role = text("Role", required=False)
    contact = text("Email address or phone number", required=False)
    attends = RadioField("Which part of the conference will they attend?", choices=choices(ATTENDS),
                         validators=[InputRequired("Select which part of the conference they will attend")])
    worried = long_text("What are they worried about?", required=False)
    working_well = long_text("What is working well?", required=False)
    needs_to_happen = long_text("What needs to happen?", required=False)
    scale = ScaleField("Safety scale (0 to 10)", filters=[strip])
    scale_reason = long_text("Why that score?", required=False)
    resources = long_text("Resources they can offer", required=False)


class DangerForm(Form):
    danger = long_text("Danger statement", "Enter the danger statement")
    safety_goal = long_text("Safety goal", "Enter the safety goal that goes with it")


class SharedForm(Form):
    shared_on = DateInput("Date it was shared with the family", subject="date it was shared", not_future=True)


class ChildViewsForm(Form):
    version = HiddenField()
    wishes = long_text("Wishes and feelings", required=False)
    gathered = RadioField("How were they gathered?", choices=choices(GATHERED),
                          validators=[InputRequired("Select how the child’s views were gathered")])
    gathered_note = long_text("Note about how they were gathered", required=False)
    advocate_name = text("Advocate’s name", required=False)
    attending = RadioField("Will the child attend?", choices=choices(ATTENDING),
                           validators=[InputRequired("Select whether the child will attend")])
    scale = ScaleField("The child’s own scale (0 to 10)", filters=[strip])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.gathered.data == "advocate" and not self.advocate_name.data:
            self.advocate_name.errors = ["Enter the advocate’s name"]
            ok = False
        return ok
