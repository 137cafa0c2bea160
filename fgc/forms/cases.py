"""Forms for referrals, the s.31ZA offer, consent, allocation, baseline, meetings and closure."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..domain.vocabulary import CONSENT_BASES, LEGAL_STATUSES, LIVING_WITH, OFFER_RESPONSES, PROCEEDINGS, RISKS
from .base import Form, strip
from .fields import DateInput, london_datetime, parse_time

SHORT = 200
LONG = 10_000



def choices(mapping):
    return [SelectChoice(key, label) for key, label in mapping.items()]


def text(label, message=None, *, max_length=SHORT, required=True):
    """A text field that keeps what was typed and says plainly what is wrong."""
    checks = [DataRequired(message)] if required else [Optional()]
    checks.append(Length(max=max_length, message=_l("%(label)s must be %(max)s characters or fewer",
                                                    label=label, max=f"{max_length:,}")))
    return StringField(label, filters=[strip], validators=checks)


def long_text(label, message=None, *, required=True):
    checks = [DataRequired(message)] if required else [Optional()]
    checks.append(Length(max=LONG, message=_l("%(label)s must be %(max)s characters or fewer",
                                              label=label, max=f"{LONG:,}")))
    return TextAreaField(label, filters=[strip], validators=checks)


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        # Unknown values are dropped rather than reported: they can only come from a tampered form.
        known = {choice.value for choice in self.choices}
        self.data = [value for value in (self.data or []) if value in known]


def yes_no(label, message):
    return RadioField(label, choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
                      validators=[InputRequired(message)])


class ReferralStartForm(Form):
    reference = text(_l("Case reference"), _l("Enter the council’s case reference"), max_length=50)
    urgent = yes_no(_l("Is this referral urgent?"), _l("Select yes if the referral is urgent"))
    urgency_reason = long_text(_l("Why is it urgent?"), required=False)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.urgent.data == "yes":
            ok &= _require(self.urgency_reason, _("Enter why the referral is urgent"))
        return ok


class ChildForm(Form):
    name = text(_l("Full name"), _l("Enter the child’s full name"))
    date_of_birth = DateInput(_l("Date of birth"), subject=_l("date of birth"), not_future=True)
    gender = text(_l("Gender"), required=False, max_length=100)
    ethnicity = text(_l("Ethnicity"), required=False)
    first_language = text(_l("First language"), required=False, max_length=100)
    needs = long_text(_l("Disability or communication needs"), required=False)


class PRHolderForm(Form):
    name = text(_l("Full name"), _l("Enter the full name of the person with parental responsibility"))
    relationship = text(_l("Relationship to the children"), _l("Enter their relationship to the children"),
                        max_length=100)


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
            ok &= _require(self.risk_details, _("Describe the other risks"))
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


class OfferForm(Form):
    version = HiddenField()
    offer_made = RadioField(
        _l("Was a family group decision-making meeting offered?"),
        choices=[SelectChoice("yes", _l("Yes")),
                 SelectChoice("no", _l("No, it was not in the child’s best interests"))],
        validators=[InputRequired(_l("Select whether the meeting was offered"))])
    offered_on = DateInput(_l("Date of the offer"), subject=_l("date of the offer"), required=False, not_future=True)
    in_letter = RadioField(_l("Was the offer made in the letter before proceedings?"),
                           choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
                           validators=[Optional()])
    letter_date = DateInput(_l("Date of the letter before proceedings"), subject=_l("date of the letter"),
                            required=False, not_future=True)
    response = RadioField(_l("The family’s answer"), choices=choices(OFFER_RESPONSES), validators=[Optional()])
    response_on = DateInput(_l("Date of the family’s answer"), subject=_l("date of the answer"), required=False,
                            not_future=True)
    exception_reason = long_text(_l("Why was an offer not in the child’s best interests?"), required=False)
    exception_decided_by = text(_l("Who decided?"), required=False)
    exception_decided_on = DateInput(_l("Date of the decision"), subject=_l("date of the decision"), required=False,
                                     not_future=True)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.offer_made.data == "yes":
            ok &= _require(self.offered_on, _("Enter the date of the offer"))
            ok &= _require(self.in_letter, _("Select whether the offer was in the letter before proceedings"))
            if self.in_letter.data == "yes":
                ok &= _require(self.letter_date, _("Enter the date of the letter before proceedings"))
            if self.response.data:
                ok &= _require(self.response_on, _("Enter the date of the family’s answer"))
        elif self.offer_made.data == "no":
            ok &= _require(self.exception_reason, _("Enter why an offer was not in the child’s best interests"))
            ok &= _require(self.exception_decided_by, _("Enter who decided"))
            ok &= _require(self.exception_decided_on, _("Enter the date of the decision"))
        return ok


def _require(field, message):
    if field.errors:
        return False
    if not field.data:
        field.errors = [message]
        return False
    return True


class ConsentForm(Form):
    given_by = text(_l("Who gave consent?"), _l("Enter the name of the person who gave consent"))
    basis = RadioField(_l("On what basis?"), choices=choices(CONSENT_BASES),
                       validators=[InputRequired(_l("Select the basis for consent"))])
    given_on = DateInput(_l("Date consent was given"), subject=_l("date consent was given"), not_future=True)
    may_share = long_text(_l("What information may be shared?"), _l("Enter what information may be shared"))
    share_with = long_text(_l("Who may it be shared with?"), _l("Enter who the information may be shared with"))


class WithdrawConsentForm(Form):
    withdrawn_by = text(_l("Who withdrew consent?"), _l("Enter the name of the person who withdrew consent"))
    withdrawn_on = DateInput(_l("Date consent was withdrawn"), subject=_l("date consent was withdrawn"),
                             not_future=True)


class AllocateForm(Form):
    coordinator_id = RadioField(_l("Coordinator"), validate_choice=False,
                                validators=[InputRequired(_l("Select a coordinator"))])

    def validate_coordinator_id(self, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_("Select a coordinator from the list"))


class BaselineForm(Form):
    version = HiddenField()
    held_on = DateInput(_l("Date of the baseline meeting"), subject=_l("date of the baseline meeting"),
                        not_future=True)
    attendees = long_text(_l("Who attended?"), _l("Enter who attended the baseline meeting"))
    objective = long_text(_l("Objective of the conference"), _l("Enter the objective of the conference"))


class BaselineItemForm(Form):
    text = long_text(_l("Text"), _l("Enter the text"))


class MeetingForm(Form):
    version = HiddenField()
    day = DateInput(_l("Date"), subject=_l("date of the meeting"))
    start_time = text(_l("Start time"), _l("Enter the start time"), max_length=20)
    end_time = text(_l("End time"), _l("Enter the end time"), max_length=20)
    venue = text(_l("Venue"), _l("Enter the venue"))
    address = long_text(_l("Address"), required=False)
    access_notes = long_text(_l("Access notes"), required=False)
    interpreter_language = text(_l("Interpreter language (if one is needed)"), required=False, max_length=100)
    remote_details = long_text(_l("How to join remotely"), required=False)
    reason = long_text(_l("Reason for the change"), required=False)

    def validate_start_time(self, field):
        if parse_time(field.data) is None:
            raise ValidationError(_("Enter a real start time, like 10:30 or 2pm"))

    def validate_end_time(self, field):
        end, start = parse_time(field.data), parse_time(self.start_time.data)
        if end is None:
            raise ValidationError(_("Enter a real end time, like 12:30 or 4pm"))
        if start is not None and end <= start:
            raise ValidationError(_("End time must be after the start time"))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok:
            # 1:30am does not exist on the morning the clocks go forward.
            for field in (self.start_time, self.end_time):
                if london_datetime(self.day.data, parse_time(field.data)) is None:
                    field.errors = [_("%(label)s does not exist in the UK on that day, because the clocks go "
                                      "forward. Enter a different time", label=field.label.text)]
                    ok = False
        return ok

    def moments(self):
        """Start and end as aware UK datetimes (after validation)."""
        return (london_datetime(self.day.data, parse_time(self.start_time.data)),
                london_datetime(self.day.data, parse_time(self.end_time.data)))


class CancelMeetingForm(Form):
    version = HiddenField()
    reason = long_text(_l("Why is it cancelled?"), _l("Enter why the meeting is cancelled"))


class HeldForm(Form):
    held_on = DateInput(_l("Date it was held"), subject=_l("date it was held"), not_future=True)


class PauseForm(Form):
    note = long_text(_l("Reason"), _l("Enter the reason"))


class CloseForm(Form):
    closed_on = DateInput(_l("Date of closure"), subject=_l("date of closure"), not_future=True)
    living_with = RadioField(_l("Where are the children living?"), choices=choices(LIVING_WITH),
                             validators=[InputRequired(_l("Select where the children are living"))])
    proceedings = RadioField(_l("Have care proceedings been issued?"), choices=choices(PROCEEDINGS),
                             validators=[InputRequired(_l("Select whether care proceedings have been issued"))])
    notes = long_text(_l("Closing notes"), required=False)


class ClosureDayForm(Form):
    day = DateInput(_l("Date"), subject=_l("date"))
    reason = text(_l("Reason"), _l("Enter why the service is closed"), max_length=100)


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search by child’s name, family member’s name or case reference"), filters=[strip],
                    validators=[Length(max=200, message=_l("Search must be 200 characters or fewer"))])
