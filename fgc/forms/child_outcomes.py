"""A child's outcome, asked about each child at closure and for one child at each follow-up: where they live (and
how, with wider family), whether care proceedings were issued, and the legal order.

The questions name the child, so each form is made for its children when it is shown (:func:`closure_form`,
:func:`follow_up_form`). Fields about a child are named with a prefix (``child12_living_with``) on the closure
form, where several children are asked about at once.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField
from wtforms.validators import InputRequired, Optional

from ..domain.vocabulary import ARRANGEMENTS, LEGAL_ORDERS, LIVING_WITH, PROCEEDINGS
from .base import Form
from .fields import DateInput, choices, long_text, require

QUESTIONS = ("living_with", "arrangement", "proceedings", "legal_order")


def _questions(name, prefix):
    """The four questions about the child called ``name``, as fields named with ``prefix``."""
    return {
        f"{prefix}living_with": RadioField(
            _l("Where does %(name)s live?", name=name), choices=choices(LIVING_WITH),
            validators=[InputRequired(_l("Select where %(name)s lives", name=name))]),
        f"{prefix}arrangement": RadioField(
            _l("If %(name)s lives with wider family or friends, on what footing?", name=name),
            choices=choices(ARRANGEMENTS), validators=[Optional()]),
        f"{prefix}proceedings": RadioField(
            _l("Have care proceedings been issued for %(name)s?", name=name), choices=choices(PROCEEDINGS),
            validators=[InputRequired(_l("Select whether care proceedings have been issued for %(name)s",
                                         name=name))]),
        f"{prefix}legal_order": RadioField(
            _l("What legal order is there for %(name)s?", name=name), choices=choices(LEGAL_ORDERS),
            validators=[InputRequired(_l("Select the legal order for %(name)s, or ‘No order’", name=name))]),
    }


class _OutcomeForm(Form):
    prefixes = ("",)

    def answers(self, prefix=""):
        """One child's answers as the values kept: how they live with family only when they do."""
        values = {key: getattr(self, prefix + key).data or "" for key in QUESTIONS}
        if values["living_with"] != "wider_family":
            values["arrangement"] = ""
        return values

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for prefix in self.prefixes:
            if getattr(self, prefix + "living_with").data == "wider_family":
                ok &= require(getattr(self, prefix + "arrangement"),
                              _("Select on what footing the child lives with wider family or friends"))
        return ok


class FollowUpForm(_OutcomeForm):
    version = HiddenField()
    known_on = DateInput(_l("When was this found out?"), subject=_l("date it was found out"), not_future=True)
    notes = long_text(_l("Notes"), required=False)

    def values(self):
        return {**self.answers(), "known_on": self.known_on.data.isoformat(), "notes": self.notes.data or ""}


class _ClosureForm(_OutcomeForm):
    closed_on = DateInput(_l("Date of closure"), subject=_l("date of closure"), not_future=True)
    notes = long_text(_l("Closing notes"), required=False)

    def outcomes(self):
        """{child id: that child's answers}."""
        return {child_id: self.answers(prefix) for child_id, prefix in self.children}


def prefix(child_id):
    return f"child{child_id}_"


def child_label(child, number):
    """What the questions call a child: their name, or "Child 2" when the name has gone (a disposed case)."""
    return child["name"] or _("Child %(num)d", num=number)


def follow_up_form(child, number=1):
    """The form for one child's outcome at one point."""
    return type("ChildFollowUpForm", (FollowUpForm,), _questions(child_label(child, number), ""))


def closure_form(children):
    """The closing form for a case with ``children``: the date, notes and each child's outcome at closure."""
    fields = {}
    for number, child in enumerate(children, start=1):
        fields.update(_questions(child_label(child, number), prefix(child["id"])))
    return type("CaseClosureForm", (_ClosureForm,), {
        **fields, "children": [(child["id"], prefix(child["id"])) for child in children],
        "prefixes": tuple(prefix(child["id"]) for child in children)})
