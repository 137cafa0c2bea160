"""Forms for a case once referred: the s.31ZA offer, consent, allocation, the baseline, pausing, closure and search."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..domain.vocabulary import CONSENT_BASES, DECLINED_REASONS, OFFER_RESPONSES
from .base import Form, strip
from .fields import DateInput, choices, long_text, require, text


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
    declined_reason = RadioField(_l("Why did the family decline?"), choices=choices(DECLINED_REASONS),
                                 validators=[Optional()])
    exception_reason = long_text(_l("Why was an offer not in the child’s best interests?"), required=False)
    exception_decided_by = text(_l("Who decided?"), required=False)
    exception_decided_on = DateInput(_l("Date of the decision"), subject=_l("date of the decision"), required=False,
                                     not_future=True)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.offer_made.data == "yes":
            ok &= require(self.offered_on, _("Enter the date of the offer"))
            ok &= require(self.in_letter, _("Select whether the offer was in the letter before proceedings"))
            if self.in_letter.data == "yes":
                ok &= require(self.letter_date, _("Enter the date of the letter before proceedings"))
            if self.response.data:
                ok &= require(self.response_on, _("Enter the date of the family’s answer"))
            if self.response.data == "declined":
                ok &= require(self.declined_reason, _("Select why the family declined"))
        elif self.offer_made.data == "no":
            ok &= require(self.exception_reason, _("Enter why an offer was not in the child’s best interests"))
            ok &= require(self.exception_decided_by, _("Enter who decided"))
            ok &= require(self.exception_decided_on, _("Enter the date of the decision"))
        return ok

    def values(self):
        """The offer record as saved: an offer's details, or the best-interests exception, never both."""
        made = self.offer_made.data == "yes"
        values = {
            "offered_on": self.offered_on.data if made else None,
            "in_letter_before_proceedings": (1 if self.in_letter.data == "yes" else 0) if made else None,
            "letter_date": self.letter_date.data if made and self.in_letter.data == "yes" else None,
            "response": (self.response.data or None) if made else None,
            "response_on": self.response_on.data if made and self.response.data else None,
            "declined_reason": (self.declined_reason.data or "") if made and self.response.data == "declined" else "",
            "exception_reason": "" if made else self.exception_reason.data,
            "exception_decided_by": "" if made else self.exception_decided_by.data,
            "exception_decided_on": None if made else self.exception_decided_on.data,
        }
        return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in values.items()}


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








class PauseForm(Form):
    note = long_text(_l("Reason"), _l("Enter the reason"))


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search by child’s name, family member’s name or case reference"), filters=[strip],
                    validators=[Length(max=200, message=_l("Search must be 200 characters or fewer"))])
