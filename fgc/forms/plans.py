"""Forms for writing the family plan and deciding on it.

Labels stay plain and short: the plan is the family's words, and the form adds no jargon.
"""

from wtforms import BooleanField, HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from .base import Form
from .cases import Checkboxes, choices, long_text, text
from .fields import DateInput

TASK_STATUS = {"not_started": "Not started", "in_progress": "In progress", "done": "Done"}
DECISIONS = {"agreed": "Agree the plan", "agreed_with_changes": "Agree the plan with changes",
             "declined": "Decline the plan"}
SIGN_OFF = {"approved": "Approve", "refused": "Refuse"}
WHAT_LENGTH = 2000


class TaskForm(Form):
    version = HiddenField()
    what = long_text("What will happen?", "Enter what will happen")
    who_people = Checkboxes("Family and friends")
    who_professionals = Checkboxes("Professionals")
    who_other = text("Someone else", required=False)
    by_date = DateInput("By when", subject="date", required=False)
    by_when = text("Or how often", required=False)
    checker = text("Who checks that it happens?", "Enter who checks that it happens")
    status = RadioField("How is it going?", choices=choices(TASK_STATUS), default="not_started",
                        validators=[InputRequired("Select how the task is going")])
    answers = Checkboxes("What does this task answer?")

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
            self.what.errors = [f"What will happen must be {WHAT_LENGTH:,} characters or fewer"]
            ok = False
        if not (self.who_people.data or self.who_professionals.data or self.who_other.data):
            self.who_people.errors = ["Select who does this, or enter someone else’s name"]
            ok = False
        if not self.by_date.errors and not (self.by_date.data or self.by_when.data):
            self.by_date.errors = ["Enter a date, or say how often, for example every Saturday"]
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
    contingency = long_text("What happens if the plan stops working?", required=False)
    monitoring = text("Who keeps an eye on the plan?", required=False)
    review_on = DateInput("Review date", subject="review date", not_past=True)


class ResourceForm(Form):
    version = HiddenField()
    what = text("What does the family ask the council for?", "Enter what the family asks for")
    detail = long_text("Details", required=False)
    sign_off_needed = BooleanField("A senior manager must sign this off")


class ItemDecisionForm(Form):
    decision = long_text("Decision", required=False)


class StatusForm(Form):
    """The plan's content as it was read, so a status change is on exactly that plan."""
    revision = HiddenField()


class DecisionForm(Form):
    revision = HiddenField()
    outcome = RadioField("Your decision", choices=choices(DECISIONS),
                         validators=[InputRequired("Select whether you agree the plan")])
    changes = long_text("What changes are needed?", required=False)
    reasons = long_text("Why do you decline the plan?", required=False)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.outcome.data == "agreed_with_changes" and not self.changes.data:
            self.changes.errors = ["Enter the changes that are needed"]
            ok = False
        if self.outcome.data == "declined" and not self.reasons.data:
            self.reasons.errors = ["Enter why you decline the plan"]
            ok = False
        return ok


class SignOffForm(Form):
    version = HiddenField()
    outcome = RadioField("Your decision", choices=choices(SIGN_OFF),
                         validators=[InputRequired("Select whether you approve the request")])
    note = long_text("Note", required=False)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.outcome.data == "refused" and not self.note.data:
            self.note.errors = ["Enter why the request is refused"]
            ok = False
        return ok
