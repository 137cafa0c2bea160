"""Forms for the family network register."""

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField
from wtforms.validators import InputRequired

from ..domain.vocabulary import INVITATION, NETWORK_ROLES, SIDES
from .base import Form, strip
from .fields import SHORT, Checkboxes, DateInput, choices, long_text, text


class PersonForm(Form):
    version = HiddenField()
    name = text(_l("Full name"), _l("Enter the person’s full name"))
    side = RadioField(_l("Side of the family"), choices=choices(SIDES),
                      validators=[InputRequired(_l("Select the side of the family"))])
    roles = Checkboxes(_l("Roles"), choices=choices(NETWORK_ROLES))
    phone = text(_l("Phone"), required=False, max_length=50)
    email = text(_l("Email address"), required=False, max_length=320)
    address = long_text(_l("Address"), required=False)
    address_hidden = BooleanField(_l("Do not disclose this address"))
    language = text(_l("Language"), required=False, max_length=100)
    needs = long_text(_l("Accessibility or communication needs"), required=False)
    written_views = long_text(_l("Written views"), required=False)


class InvitationForm(Form):
    invitation = RadioField(_l("Invitation"), choices=choices(INVITATION),
                            validators=[InputRequired(_l("Select where the invitation has got to"))])
    invitation_on = DateInput(_l("Date"), subject=_l("date"), not_future=True)


class ExcludeForm(Form):
    reason = long_text(_l("Why is this person excluded?"), _l("Enter why the person is excluded"))
    approved_by = text(_l("Manager who approved the exclusion"), _l("Enter the name of the manager who approved it"))
    excluded_on = DateInput(_l("Date of the decision"), subject=_l("date of the decision"), not_future=True)


class LiftExclusionForm(Form):
    reason = long_text(_l("Why is the exclusion lifted?"), _l("Enter why the exclusion is lifted"))


# --- several people at once ---------------------------------------------------------------------------------

SEVERAL_ROWS = 5  # blank rows a new page offers
SEVERAL_MAX = 60  # rows one page accepts
_ROW_FIELD = re.compile(r"^people\[(\d{1,3})\]\[(name|side|role|relationship-\d{1,9})\]$")
NAME_MAX = SHORT  # as the one-person form allows
RELATIONSHIP_MAX = 100  # both forms: a relationship to one child


def read_several(formdata, children):
    """The rows typed into "Add several people" as [{index, name, side, role, relationships, errors}], in order.

    Fields are named ``people[N][name]``, ``[side]``, ``[role]`` and ``[relationship-<child id>]`` (MOJ "add
    another" renumbers them as rows come and go). A row left blank is dropped; each problem is kept on its row
    as {field: message} with GOV.UK wording. ``number`` counts the rows kept; ``position`` is the row's place on
    the page as sent (what its Remove button names).
    """
    found = {}
    for key in formdata:
        match = _ROW_FIELD.match(key)
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = strip(formdata.get(key, ""))
    rows = []
    for position, index in enumerate(sorted(found)[:SEVERAL_MAX], start=1):
        typed = found[index]
        row = {"name": typed.get("name", ""), "side": typed.get("side", ""), "role": typed.get("role", ""),
               "relationships": {child["id"]: typed.get(f"relationship-{child['id']}", "") for child in children}}
        if not row["name"] and not any(row["relationships"].values()) and not row["role"] and not row["side"]:
            continue
        row["number"], row["position"] = len(rows) + 1, index + 1
        row["errors"] = _row_errors(row, children, position=row["number"])
        rows.append(row)
    return rows


def _row_errors(row, children, *, position):
    errors = {}
    if not row["name"]:
        errors["name"] = _("Enter the full name of person %(number)s", number=position)
    elif len(row["name"]) > NAME_MAX:
        errors["name"] = _("The name of person %(number)s must be %(max)s characters or fewer", number=position,
                           max=NAME_MAX)
    if row["side"] not in SIDES:
        errors["side"] = _("Select the side of the family for person %(number)s", number=position)
    if row["role"] and row["role"] not in NETWORK_ROLES:
        row["role"] = ""
    for child in children:
        if len(row["relationships"][child["id"]]) > RELATIONSHIP_MAX:
            errors[f"relationship-{child['id']}"] = _(
                "The relationship of person %(number)s to %(name)s must be %(max)s characters or fewer",
                number=position, name=child["name"], max=RELATIONSHIP_MAX)
    return errors


REMINDER_CHOICES = {"sms": _l("Yes, by text message"), "email": _l("Yes, by email"), "none": _l("No reminders")}


class RemindersForm(Form):
    """Whether a family member gets a reminder before each of their tasks is due: their choice, recorded with how
    they asked."""

    reminders = RadioField(_l("Do they want a reminder before each of their tasks is due?"),
                           choices=choices(REMINDER_CHOICES),
                           validators=[InputRequired(_l("Select whether they want reminders"))])
    asked = text(_l("How did they ask?"), required=False)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.reminders.data in ("sms", "email") and not (self.asked.data or "").strip():
            self.asked.errors = [*self.asked.errors, _l("Enter how they asked for reminders, for example ‘on the "
                                                        "phone to me’")]
            return False
        return valid
