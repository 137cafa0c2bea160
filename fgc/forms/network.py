"""Forms for the family network register."""

from wtforms import BooleanField, HiddenField, RadioField
from wtforms.validators import InputRequired

from .base import Form
from .cases import Checkboxes, choices, long_text, text
from .fields import DateInput

SIDES = {"maternal": "Mother’s side", "paternal": "Father’s side", "both": "Both sides", "neither": "Neither"}
ROLES = {
    "pr_holder": "Holds parental responsibility",
    "parent": "Parent",
    "relative": "Relative",
    "friend": "Friend or community member",
    "support": "Support person",
    "advocate": "Advocate for the child",
    "interpreter": "Interpreter",
}
INVITATION = {"not_contacted": "Not yet contacted", "contacted": "Contacted", "invited": "Invited",
              "confirmed": "Confirmed", "declined": "Declined"}
ATTENDANCE = {"in_person": "In person", "remote": "Remotely", "written_views": "Sent written views",
              "did_not_attend": "Did not attend"}


class PersonForm(Form):
    version = HiddenField()
    name = text("Full name", "Enter the person’s full name")
    side = RadioField("Side of the family", choices=choices(SIDES),
                      validators=[InputRequired("Select the side of the family")])
    roles = Checkboxes("Roles", choices=choices(ROLES))
    phone = text("Phone", required=False, max_length=50)
    email = text("Email address", required=False, max_length=320)
    address = long_text("Address", required=False)
    address_hidden = BooleanField("Do not disclose this address")
    language = text("Language", required=False, max_length=100)
    needs = long_text("Accessibility or communication needs", required=False)
    written_views = long_text("Written views", required=False)


class InvitationForm(Form):
    invitation = RadioField("Invitation", choices=choices(INVITATION),
                            validators=[InputRequired("Select where the invitation has got to")])
    invitation_on = DateInput("Date", subject="date", not_future=True)


class ExcludeForm(Form):
    reason = long_text("Why is this person excluded?", "Enter why the person is excluded")
    approved_by = text("Manager who approved the exclusion", "Enter the name of the manager who approved it")
    excluded_on = DateInput("Date of the decision", subject="date of the decision", not_future=True)


class LiftExclusionForm(Form):
    reason = long_text("Why is the exclusion lifted?", "Enter why the exclusion is lifted")
