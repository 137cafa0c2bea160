"""Forms for referrals, the s.31ZA offer, consent, allocation, baseline, meetings and closure."""

from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .base import Form, strip
from .fields import DateInput, london_datetime, parse_time

SHORT = 200
LONG = 10_000

LEGAL_STATUSES = {
    "child_in_need": "Child in need",
    "child_protection": "Child protection plan",
    "pre_proceedings": "Pre-proceedings (PLO)",
    "section_20": "Section 20 accommodation",
    "looked_after": "Looked after (care order)",
    "none": "None of these",
}
RISKS = {
    "domestic_abuse": "Domestic abuse",
    "substance_use": "Substance use",
    "mental_health": "Mental health",
    "young_carer": "Young carer",
    "other": "Other",
}
CONSENT_BASES = {
    "parental_responsibility": "A person with parental responsibility",
    "council": "The council, where it shares parental responsibility",
    "gillick": "The child, who is Gillick competent",
}
OFFER_RESPONSES = {
    "accepted": "Accepted",
    "declined": "Declined",
    "withdrawn": "Accepted, then withdrawn",
    "": "No answer yet",
}
LIVING_WITH = {
    "parents": "With parents",
    "wider_family": "With wider family or friends",
    "care": "In care",
    "other": "Somewhere else, or not known",
}
PROCEEDINGS = {"no": "No", "yes": "Yes", "unknown": "Not known"}


def choices(mapping):
    return [SelectChoice(key, label) for key, label in mapping.items()]


def text(label, message=None, *, max_length=SHORT, required=True):
    """A text field that keeps what was typed and says plainly what is wrong."""
    checks = [DataRequired(message)] if required else [Optional()]
    checks.append(Length(max=max_length, message=f"{label} must be {max_length:,} characters or fewer"))
    return StringField(label, filters=[strip], validators=checks)


def long_text(label, message=None, *, required=True):
    checks = [DataRequired(message)] if required else [Optional()]
    checks.append(Length(max=LONG, message=f"{label} must be {LONG:,} characters or fewer"))
    return TextAreaField(label, filters=[strip], validators=checks)


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        # Unknown values are dropped rather than reported: they can only come from a tampered form.
        known = {choice.value for choice in self.choices}
        self.data = [value for value in (self.data or []) if value in known]


def yes_no(label, message):
    return RadioField(label, choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
                      validators=[InputRequired(message)])


class ReferralStartForm(Form):
    reference = text("Case reference", "Enter the council’s case reference", max_length=50)
    urgent = yes_no("Is this referral urgent?", "Select yes if the referral is urgent")
    urgency_reason = long_text("Why is it urgent?", required=False)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.urgent.data == "yes":
            ok &= _require(self.urgency_reason, "Enter why the referral is urgent")
        return ok


class ChildForm(Form):
    name = text("Full name", "Enter the child’s full name")
    date_of_birth = DateInput("Date of birth", subject="date of birth", not_future=True)
    gender = text("Gender", required=False, max_length=100)
    ethnicity = text("Ethnicity", required=False)
    first_language = text("First language", required=False, max_length=100)
    needs = long_text("Disability or communication needs", required=False)


class PRHolderForm(Form):
    name = text("Full name", "Enter the full name of the person with parental responsibility")
    relationship = text("Relationship to the children", "Enter their relationship to the children",
                        max_length=100)


class FamilyStatusForm(Form):
    legal_status = RadioField("Legal status", choices=choices(LEGAL_STATUSES),
                              validators=[InputRequired("Select the children’s legal status")])
    plo_date = DateInput("PLO meeting date (optional)", subject="PLO meeting date", required=False)
    court_date = DateInput("Court date (optional)", subject="court date", required=False)


class RisksForm(Form):
    current_risks = Checkboxes("Current risks", choices=choices(RISKS))
    past_risks = Checkboxes("Past risks", choices=choices(RISKS))
    risk_details = long_text("Details of the risks", required=False)

    def validate(self, extra_validators=None):
        # An optional field's own validators stop when it is empty, so the rule lives here.
        ok = super().validate(extra_validators)
        if "other" in (self.current_risks.data or []) + (self.past_risks.data or []):
            ok &= _require(self.risk_details, "Describe the other risks")
        return ok


class PurposeForm(Form):
    reason = long_text("Why is the family being referred?", "Enter why the family is being referred")
    decision_sought = long_text("What should the conference decide?", "Enter what the conference should decide")


class NeedsForm(Form):
    interpreter_language = text("Interpreter language (if one is needed)", required=False, max_length=100)
    cultural_needs = long_text("Cultural or religious needs", required=False)
    coordinator_preferences = long_text("Preferences about the coordinator", required=False)


class ReferrerForm(Form):
    referrer_name = text("Referrer’s full name", "Enter the referrer’s full name")
    referrer_organisation = text("Team or organisation", required=False)
    referrer_contact = text("Referrer’s email address or phone number", required=False)
    social_worker_id = RadioField("Council social worker named on the case", validate_choice=False,
                                  validators=[Optional()])
    manager_name = text("Referrer’s manager", "Enter the name of the manager who signed off the referral")
    manager_signed_off_on = DateInput("Date the manager signed it off", subject="sign-off date", not_future=True)

    def validate_social_worker_id(self, field):
        allowed = {choice.value for choice in field.choices}
        if field.data and field.data not in allowed:
            raise ValidationError("Select a social worker from the list")


class OfferForm(Form):
    version = HiddenField()
    offer_made = RadioField(
        "Was a family group decision-making meeting offered?",
        choices=[SelectChoice("yes", "Yes"),
                 SelectChoice("no", "No, it was not in the child’s best interests")],
        validators=[InputRequired("Select whether the meeting was offered")])
    offered_on = DateInput("Date of the offer", subject="date of the offer", required=False, not_future=True)
    in_letter = RadioField("Was the offer made in the letter before proceedings?",
                           choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")], validators=[Optional()])
    letter_date = DateInput("Date of the letter before proceedings", subject="date of the letter",
                            required=False, not_future=True)
    response = RadioField("The family’s answer", choices=choices(OFFER_RESPONSES), validators=[Optional()])
    response_on = DateInput("Date of the family’s answer", subject="date of the answer", required=False,
                            not_future=True)
    exception_reason = long_text("Why was an offer not in the child’s best interests?", required=False)
    exception_decided_by = text("Who decided?", required=False)
    exception_decided_on = DateInput("Date of the decision", subject="date of the decision", required=False,
                                     not_future=True)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.offer_made.data == "yes":
            ok &= _require(self.offered_on, "Enter the date of the offer")
            ok &= _require(self.in_letter, "Select whether the offer was in the letter before proceedings")
            if self.in_letter.data == "yes":
                ok &= _require(self.letter_date, "Enter the date of the letter before proceedings")
            if self.response.data:
                ok &= _require(self.response_on, "Enter the date of the family’s answer")
        elif self.offer_made.data == "no":
            ok &= _require(self.exception_reason, "Enter why an offer was not in the child’s best interests")
            ok &= _require(self.exception_decided_by, "Enter who decided")
            ok &= _require(self.exception_decided_on, "Enter the date of the decision")
        return ok


def _require(field, message):
    if field.errors:
        return False
    if not field.data:
        field.errors = [message]
        return False
    return True


class ConsentForm(Form):
    given_by = text("Who gave consent?", "Enter the name of the person who gave consent")
    basis = RadioField("On what basis?", choices=choices(CONSENT_BASES),
                       validators=[InputRequired("Select the basis for consent")])
    given_on = DateInput("Date consent was given", subject="date consent was given", not_future=True)
    may_share = long_text("What information may be shared?", "Enter what information may be shared")
    share_with = long_text("Who may it be shared with?", "Enter who the information may be shared with")


class WithdrawConsentForm(Form):
    withdrawn_by = text("Who withdrew consent?", "Enter the name of the person who withdrew consent")
    withdrawn_on = DateInput("Date consent was withdrawn", subject="date consent was withdrawn", not_future=True)


class AllocateForm(Form):
    coordinator_id = RadioField("Coordinator", validate_choice=False,
                                validators=[InputRequired("Select a coordinator")])

    def validate_coordinator_id(self, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Select a coordinator from the list")


class BaselineForm(Form):
    version = HiddenField()
    held_on = DateInput("Date of the baseline meeting", subject="date of the baseline meeting", not_future=True)
    attendees = long_text("Who attended?", "Enter who attended the baseline meeting")
    objective = long_text("Objective of the conference", "Enter the objective of the conference")


class BaselineItemForm(Form):
    text = long_text("Text", "Enter the text")


class MeetingForm(Form):
    version = HiddenField()
    day = DateInput("Date", subject="date of the meeting")
    start_time = text("Start time", "Enter the start time", max_length=20)
    end_time = text("End time", "Enter the end time", max_length=20)
    venue = text("Venue", "Enter the venue")
    address = long_text("Address", required=False)
    access_notes = long_text("Access notes", required=False)
    interpreter_language = text("Interpreter language (if one is needed)", required=False, max_length=100)
    remote_details = long_text("How to join remotely", required=False)
    reason = long_text("Reason for the change", required=False)

    def validate_start_time(self, field):
        if parse_time(field.data) is None:
            raise ValidationError("Enter a real start time, like 10:30 or 2pm")

    def validate_end_time(self, field):
        end, start = parse_time(field.data), parse_time(self.start_time.data)
        if end is None:
            raise ValidationError("Enter a real end time, like 12:30 or 4pm")
        if start is not None and end <= start:
            raise ValidationError("End time must be after the start time")

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok:
            # 1:30am does not exist on the morning the clocks go forward.
            for field in (self.start_time, self.end_time):
                if london_datetime(self.day.data, parse_time(field.data)) is None:
                    field.errors = [f"{field.label.text} does not exist in the UK on that day, because the clocks "
                                    "go forward. Enter a different time"]
                    ok = False
        return ok

    def moments(self):
        """Start and end as aware UK datetimes (after validation)."""
        return (london_datetime(self.day.data, parse_time(self.start_time.data)),
                london_datetime(self.day.data, parse_time(self.end_time.data)))


class CancelMeetingForm(Form):
    version = HiddenField()
    reason = long_text("Why is it cancelled?", "Enter why the meeting is cancelled")


class HeldForm(Form):
    held_on = DateInput("Date it was held", subject="date it was held", not_future=True)


class PauseForm(Form):
    note = long_text("Reason", "Enter the reason")


class CloseForm(Form):
    closed_on = DateInput("Date of closure", subject="date of closure", not_future=True)
    living_with = RadioField("Where are the children living?", choices=choices(LIVING_WITH),
                             validators=[InputRequired("Select where the children are living")])
    proceedings = RadioField("Have care proceedings been issued?", choices=choices(PROCEEDINGS),
                             validators=[InputRequired("Select whether care proceedings have been issued")])
    notes = long_text("Closing notes", required=False)


class ClosureDayForm(Form):
    day = DateInput("Date", subject="date")
    reason = text("Reason", "Enter why the service is closed", max_length=100)


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField("Search by child’s name, family member’s name or case reference", filters=[strip],
                    validators=[Length(max=200, message="Search must be 200 characters or fewer")])
