"""Forms for the plan's record: comparing two versions, and recording a review of the agreed plan."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..domain.vocabulary import REVIEW_OUTCOMES
from .base import Form, strip, whole_number
from .fields import DateInput, choices, long_text, yes_no

COMMENT = 1_000
DRAFT = "draft"


class CompareForm(Form):
    """Two versions to compare, sent by GET. ``to`` may also be the working copy ("draft")."""

    class Meta:
        csrf = False

    from_ = SelectField(_l("Compare version"), name="from", validate_choice=False)
    to = SelectField(_l("with"), validate_choice=False)

    def __init__(self, numbers, **kwargs):
        super().__init__(**kwargs)
        self.numbers = list(numbers)
        self.from_.choices = [SelectChoice("", _("Select a version"))] + [
            SelectChoice(str(number), _("Version %(number)s", number=number)) for number in self.numbers]
        self.to.choices = [SelectChoice("", _("Select a version"))] + [
            SelectChoice(str(number), _("Version %(number)s", number=number)) for number in self.numbers] + [
            SelectChoice(DRAFT, _("The working copy (draft)"))]

    def validate_from_(self, field):
        field.data = strip(field.data or "")[:20]
        if not field.data:
            raise ValidationError(_("Select the version to compare from"))
        if whole_number(field.data) not in self.numbers:
            raise ValidationError(_("Select a version from the list to compare from"))

    def validate_to(self, field):
        field.data = strip(field.data or "")[:20]
        if not field.data:
            raise ValidationError(_("Select the version to compare with"))
        if field.data != DRAFT and whole_number(field.data) not in self.numbers:
            raise ValidationError(_("Select a version from the list to compare with"))
        if not self.from_.errors and field.data == self.from_.data:
            raise ValidationError(_("Select two different versions to compare"))

    def chosen(self):
        """(from number, to number or "draft") once validated."""
        return int(self.from_.data), (DRAFT if self.to.data == DRAFT else int(self.to.data))


class ScaleInput(StringField):
    """One person's 0 to 10 scale at the review, blank for none; labelled by their name."""

    def pre_validate(self, form):
        value = self.data or ""
        if value and (whole_number(value, digits=2) is None or int(value) > 10):
            raise ValidationError(_("Enter a whole number from 0 to 10 for %(name)s, or leave it blank",
                                    name=self.label.text))


def scale_value(value):
    return int(value) if value else None


def review_form(tasks, scale_rows, *, ask_new_version, **kwargs):
    """The review form for an agreed version's ``tasks`` and everyone who can give a scale.

    Built for each request because its questions depend on the plan. Fields are made in the
    order the page shows them, which is also the order of the error summary.
    """
    fields = {
        "version": HiddenField(),
        "held_on": DateInput(_("Date of the review"), subject=_("date of the review"), not_future=True),
    }
    for position, task in enumerate(tasks, start=1):
        fields[f"outcome_{task['key']}"] = RadioField(
            _("How far has task %(number)s got?", number=position), choices=choices(REVIEW_OUTCOMES),
            validators=[InputRequired(_("Select how far task %(number)s has got", number=position))])
        fields[f"comment_{task['key']}"] = StringField(
            _("Comment on task %(number)s (optional)", number=position), filters=[strip], validators=[
                Optional(), Length(max=COMMENT, message=_("Comment on task %(number)s must be %(max)s characters "
                                                          "or fewer", number=position, max=f"{COMMENT:,}"))])
    fields["changes"] = long_text(_("What has changed since the plan was agreed?"),
                                  _("Enter what has changed since the plan was agreed"))
    for source, source_id, name in scale_rows:
        fields[f"score_{source}_{source_id}"] = ScaleInput(name, filters=[strip])
    if ask_new_version:
        fields["new_version"] = yes_no(_("Start a new version of the plan from this one?"),
                                       _("Select yes if a new version of the plan should be started"))
    form_class = type("ReviewForm", (Form,), fields)
    return form_class(**kwargs)
