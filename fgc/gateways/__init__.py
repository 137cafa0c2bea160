"""Gateways: how a message leaves the machine. GOV.UK Notify (text messages and emails) and a council's SMTP mail
relay (emails, with calendar invitations). They know nothing of cases: they take an :class:`Outgoing` and say
how it went, or raise :class:`TryAgain` (worth trying later: a timeout, a 5xx, a 429) or :class:`Refused`
(trying again cannot mend it: a number that is not a mobile, an address the relay will never take).

Which gateway carries which channel is ``fgc.domain.messages``' choice, from the configuration.
"""

from dataclasses import dataclass, field


class TryAgain(Exception):
    """The gateway could not take the message now; it may later."""


class Refused(Exception):
    """The gateway will never take this message as it is."""


@dataclass(frozen=True)
class Outgoing:
    channel: str  # "sms" or "email"
    address: str  # a phone number or an email address
    kind: str  # what the message is (family_link, meeting_invitation, …): picks the Notify template
    language: str  # "en" or "cy"
    reference: str  # the message's own name, unique: Notify's reference, the email's Message-ID
    subject: str  # emails only
    body: str  # the words, as fgc writes them (SMTP); Notify writes its own from its template
    personalisation: dict = field(default_factory=dict)  # what Notify's template fills in
    calendar: str | None = None  # an .ics to go with an email
    calendar_method: str = "REQUEST"  # or CANCEL


@dataclass(frozen=True)
class Handed:
    """The gateway has the message: its id there (Notify's notification id, the email's Message-ID)."""
    gateway: str
    gateway_id: str | None
