"""Forms for writing the family plan and deciding on it.

Labels stay plain and short: the plan is the family's words, and the form adds no jargon.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..domain.vocabulary import TASK_STATUSES
from .base import Form
from .fields import Checkboxes, DateInput, choices, long_text, text

DECISIONS = {"agreed": _l("Agree the plan"), "agreed_with_changes": _l("Agree the plan with changes"),
             "declined": _l("Decline the plan")}
SIGN_OFF = {"approved": _l("Approve"), "refused": _l("Refuse")}
WHAT_LENGTH = 2000


class TaskForm(Form):
    version = HiddenField()
    what = long_text(_l("What will happen?"), _l("Enter what will happen"))
    who_people = Checkboxes(_l("Family and friends"))
    who_professionals = Checkboxes(_l("Professionals"))
    who_other = text(_l("Someone else"), required=False)
    by_date = DateInput(_l("By when"), subject=_l("date"), required=False)
    by_when = text(_l("Or how often"), required=False)
    checker = text(_l("Who checks that it happens?"), _l("Enter who checks that it happens"))
    status = RadioField(_l("How is it going?"), choices=choices(TASK_STATUSES), default="not_started",
                        validators=[InputRequired(_l("Select how the task is going"))])
    answers = Checkboxes(_l("What does this task answer?"))

    def __init__(self, *args, people=(), professionals=(), answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.who_people.choices = [SelectChoice(str(person["id"]), person["name"]) for person in people]
        self.who_professionals.choices = [
            SelectChoice(str(member["id"]), f"{member['name']}, {member['agency']}" if member["agency"]
                         else member["name"]) for member in professionals]
        self.answers.choices = [SelectChoice(value, label) for value, label in answers]

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if len(self.what.data or "") > WHAT_LENGTH:
            self.what.errors = [_("What will happen must be %(max)s characters or fewer", max=f"{WHAT_LENGTH:,}")]
            ok = False
        if not (self.who_people.data or self.who_professionals.data or self.who_other.data):
            self.who_people.errors = [_("Select who does this, or enter someone else’s name")]
            ok = False
        if not self.by_date.errors and not (self.by_date.data or self.by_when.data):
            self.by_date.errors = [_("Enter a date, or say how often, for example every Saturday")]
            ok = False
        return ok

    def values(self):
        return {"what": self.what.data, "who_people": [int(value) for value in self.who_people.data],
                "who_professionals": [int(value) for value in self.who_professionals.data],
                "who_other": self.who_other.data or "",
                "by_date": self.by_date.data.isoformat() if self.by_date.data else None,
                "by_when": self.by_when.data or "", "checker": self.checker.data, "status": self.status.data,
                "answers": list(self.answers.data)}


class TaskRemoveForm(Form):
    version = HiddenField()


class DetailsForm(Form):
    version = HiddenField()
    contingency = long_text(_l("What happens if the plan stops working?"), required=False)
    monitoring = text(_l("Who keeps an eye on the plan?"), required=False)
    review_on = DateInput(_l("Review date"), subject=_l("review date"), not_past=True)


class ResourceForm(Form):
    version = HiddenField()
    what = text(_l("What does the family ask the council for?"), _l("Enter what the family asks for"))
    detail = long_text(_l("Details"), required=False)
    sign_off_needed = BooleanField(_l("A senior manager must sign this off"))


class ItemDecisionForm(Form):
    decision = long_text(_l("Decision"), required=False)


class StatusForm(Form):
    """The plan's content as it was read, so a status change is on exactly that plan."""
    revision = HiddenField()


class DecisionForm(Form):
    revision = HiddenField()
    outcome = RadioField(_l("Your decision"), choices=choices(DECISIONS),
                         validators=[InputRequired(_l("Select whether you agree the plan"))])
    changes = long_text(_l("What changes are needed?"), required=False)
    reasons = long_text(_l("Why do you decline the plan?"), required=False)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.outcome.data == "agreed_with_changes" and not self.changes.data:
            self.changes.errors = [_("Enter the changes that are needed")]
            ok = False
        if self.outcome.data == "declined" and not self.reasons.data:
            self.reasons.errors = [_("Enter why you decline the plan")]
            ok = False
        return ok


class SignOffForm(Form):
    version = HiddenField()
    outcome = RadioField(_l("Your decision"), choices=choices(SIGN_OFF),
                         validators=[InputRequired(_l("Select whether you approve the request"))])
    note = long_text(_l("Note"), required=False)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.outcome.data == "refused" and not self.note.data:
            self.note.errors = [_("Enter why the request is refused")]
            ok = False
        return ok
