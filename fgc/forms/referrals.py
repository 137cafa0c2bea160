"""Forms for making a referral: its first page and each section of the task list."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional, ValidationError

from ..domain.vocabulary import DISABILITY, ETHNICITIES, LEGAL_STATUSES, RISKS
from .base import Form
from .fields import Checkboxes, DateInput, choices, long_text, require, text, yes_no


class ReferralStartForm(Form):
    reference = text(_l("Case reference"), _l("Enter the council’s case reference"), max_length=50)
    urgent = yes_no(_l("Is this referral urgent?"), _l("Select yes if the referral is urgent"))
    urgency_reason = long_text(_l("Why is it urgent?"), required=False)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.urgent.data == "yes":
            ok &= require(self.urgency_reason, _("Enter why the referral is urgent"))
        return ok


class ChildForm(Form):
    name = text(_l("Full name"), _l("Enter the child’s full name"))
    date_of_birth = DateInput(_l("Date of birth"), subject=_l("date of birth"), not_future=True)
    gender = text(_l("Gender"), required=False, max_length=100)
    ethnicity = SelectField(_l("Ethnicity"), choices=[], default="", validate_choice=False)
    first_language = text(_l("First language"), required=False, max_length=100)
    disability = RadioField(_l("Does the child have a disability?"), choices=choices(DISABILITY),
                            validators=[Optional()])
    needs = long_text(_l("Disability or communication needs"), required=False)


    def kept_choices(self, recorded):
        """The census groups to choose from, and words typed before the list on this child's record, kept as a
        choice of their own so that saving the form does not lose them."""
        self.ethnicity.choices = [SelectChoice("", _("Not recorded"))] + choices(ETHNICITIES)
        if recorded and recorded not in ETHNICITIES:
            self.ethnicity.choices.append(SelectChoice(recorded, _("As recorded before: %(words)s", words=recorded)))
        return self

    def validate_ethnicity(self, field):
        if (field.data or "") not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose the child’s ethnicity from the list"))


class PRHolderForm(Form):
    name = text(_l("Full name"), _l("Enter the full name of the person with parental responsibility"))
    relationship = text(_l("Relationship to the children"), _l("Enter their relationship to the children"),
                        max_length=100)


class ChildRemoveForm(Form):
    """Remove a child: only the CSRF token, and ``confirm=yes`` from the page that said what goes with them."""


class FamilyStatusForm(Form):
    legal_status = RadioField(_l("Legal status"), choices=choices(LEGAL_STATUSES),
                              validators=[InputRequired(_l("Select the children’s legal status"))])
    plo_date = DateInput(_l("PLO meeting date (optional)"), subject=_l("PLO meeting date"), required=False)
    court_date = DateInput(_l("Court date (optional)"), subject=_l("court date"), required=False)


class RisksForm(Form):
    current_risks = Checkboxes(_l("Current risks"), choices=choices(RISKS))
    past_risks = Checkboxes(_l("Past risks"), choices=choices(RISKS))
    risk_details = long_text(_l("Details of the risks"), required=False)

    def validate(self, extra_validators=None):
        # An optional field's own validators stop when it is empty, so the rule lives here.
        ok = super().validate(extra_validators)
        if "other" in (self.current_risks.data or []) + (self.past_risks.data or []):
            ok &= require(self.risk_details, _("Describe the other risks"))
        return ok


class PurposeForm(Form):
    reason = long_text(_l("Why is the family being referred?"), _l("Enter why the family is being referred"))
    decision_sought = long_text(_l("What should the conference decide?"),
                                _l("Enter what the conference should decide"))


class NeedsForm(Form):
    interpreter_language = text(_l("Interpreter language (if one is needed)"), required=False, max_length=100)
    cultural_needs = long_text(_l("Cultural or religious needs"), required=False)
    coordinator_preferences = long_text(_l("Preferences about the coordinator"), required=False)


class ReferrerForm(Form):
    referrer_name = text(_l("Referrer’s full name"), _l("Enter the referrer’s full name"))
    referrer_organisation = text(_l("Team or organisation"), required=False)
    referrer_contact = text(_l("Referrer’s email address or phone number"), required=False)
    social_worker_id = RadioField(_l("Council social worker named on the case"), validate_choice=False,
                                  validators=[Optional()])
    manager_name = text(_l("Referrer’s manager"), _l("Enter the name of the manager who signed off the referral"))
    manager_signed_off_on = DateInput(_l("Date the manager signed it off"), subject=_l("sign-off date"),
                                      not_future=True)

    def validate_social_worker_id(self, field):
        allowed = {choice.value for choice in field.choices}
        if field.data and field.data not in allowed:
            raise ValidationError(_("Select a social worker from the list"))
