"""Forms for the plan's record: comparing two versions, and recording a review of the agreed plan."""

from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from .base import Form, strip, whole_number
from .cases import choices, long_text, yes_no
from .fields import DateInput

COMMENT = 1_000
PLAN_STATUSES = {"draft": "Draft", "ready": "Ready for agreement", "awaiting_sign_off": "Waiting for sign-off",
                 "agreed": "Agreed"}
PLAN_STATUS_CLASSES = {"draft": "govuk-tag--grey", "ready": "govuk-tag--light-blue",
                       "awaiting_sign_off": "govuk-tag--yellow", "agreed": "govuk-tag--green"}
OUTCOMES = {"agreed": "Agreed", "agreed_with_changes": "Agreed with changes", "declined": "Declined"}
OUTCOME_CLASSES = {"agreed": "govuk-tag--green", "agreed_with_changes": "govuk-tag--turquoise",
                   "declined": "govuk-tag--red"}
TASK_STATUSES = {"not_started": "Not started", "in_progress": "In progress", "done": "Done"}
REVIEW_OUTCOMES = {"done": "Done", "in_progress": "In progress", "not_done": "Not done"}
REVIEW_OUTCOME_CLASSES = {"done": "govuk-tag--green", "in_progress": "govuk-tag--yellow",
                          "not_done": "govuk-tag--red"}
DRAFT = "draft"


class CompareForm(Form):
    """Two versions to compare, sent by GET. ``to`` may also be the working copy ("draft")."""

    class Meta:
        csrf = False

    from_ = SelectField("Compare version", name="from", validate_choice=False)
    to = SelectField("with", validate_choice=False)

    def __init__(self, numbers, **kwargs):
        super().__init__(**kwargs)
        self.numbers = list(numbers)
        self.from_.choices = [SelectChoice("", "Select a version")] + [
            SelectChoice(str(number), f"Version {number}") for number in self.numbers]
        self.to.choices = [SelectChoice("", "Select a version")] + [
            SelectChoice(str(number), f"Version {number}") for number in self.numbers] + [
            SelectChoice(DRAFT, "The working copy (draft)")]

    def validate_from_(self, field):
        field.data = strip(field.data or "")[:20]
        if not field.data:
            raise ValidationError("Select the version to compare from")
        if whole_number(field.data) not in self.numbers:
            raise ValidationError("Select a version from the list to compare from")

    def validate_to(self, field):
        field.data = strip(field.data or "")[:20]
        if not field.data:
            raise ValidationError("Select the version to compare with")
        if field.data != DRAFT and whole_number(field.data) not in self.numbers:
            raise ValidationError("Select a version from the list to compare with")
        if not self.from_.errors and field.data == self.from_.data:
            raise ValidationError("Select two different versions to compare")

    def chosen(self):
        """(from number, to number or "draft") once validated."""
        return int(self.from_.data), (DRAFT if self.to.data == DRAFT else int(self.to.data))


class ScaleInput(StringField):
    """One person's 0 to 10 scale at the review, blank for none; labelled by their name."""

    def pre_validate(self, form):
        value = self.data or ""
        if value and (whole_number(value, digits=2) is None or int(value) > 10):
            raise ValidationError(f"Enter a whole number from 0 to 10 for {self.label.text}, or leave it blank")


def scale_value(value):
    return int(value) if value else None


def review_form(tasks, scale_rows, *, ask_new_version, **kwargs):
    """The review form for an agreed version's ``tasks`` and everyone who can give a scale.

    Built for each request because its questions depend on the plan. Fields are made in the
    order the page shows them, which is also the order of the error summary.
    """
    fields = {
        "version": HiddenField(),
        "held_on": DateInput("Date of the review", subject="date of the review", not_future=True),
    }
    for position, task in enumerate(tasks, start=1):
        fields[f"outcome_{task['key']}"] = RadioField(
            f"How far has task {position} got?", choices=choices(REVIEW_OUTCOMES),
            validators=[InputRequired(f"Select how far task {position} has got")])
        fields[f"comment_{task['key']}"] = StringField(
            f"Comment on task {position} (optional)", filters=[strip], validators=[
                Optional(), Length(max=COMMENT, message=f"Comment on task {position} must be {COMMENT:,} "
                                                        "characters or fewer")])
    fields["changes"] = long_text("What has changed since the plan was agreed?",
                                  "Enter what has changed since the plan was agreed")
    for source, source_id, name in scale_rows:
        fields[f"score_{source}_{source_id}"] = ScaleInput(name, filters=[strip])
    if ask_new_version:
        fields["new_version"] = yes_no("Start a new version of the plan from this one?",
                                       "Select yes if a new version of the plan should be started")
    form_class = type("ReviewForm", (Form,), fields)
    return form_class(**kwargs)
