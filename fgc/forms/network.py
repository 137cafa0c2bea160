"""Forms for the family network register."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField
from wtforms.validators import InputRequired

from ..domain.vocabulary import INVITATION, NETWORK_ROLES, SIDES
from .base import Form
from .fields import Checkboxes, DateInput, choices, long_text, text


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
