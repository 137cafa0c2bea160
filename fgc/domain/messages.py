"""Messages: text messages and emails to the family network, to professionals and to staff.

**Queued with the action, sent by the worker.** :func:`queue` writes the message in the caller's transaction,
with the phone number or email address on record at that moment, and a ``message.send`` job beside it. The
worker sends it through a gateway (``fgc.gateways``): GOV.UK Notify when ``NOTIFY_API_KEY`` is set (text
messages and, unless there is a mail relay, emails), the council's mail relay when ``SMTP_URL`` is set (emails,
with calendar invitations), and, with neither, nowhere: the message is *kept* and shown on the admin Messages
page, so a new install shows exactly what it would send without sending anything.

**Never sent twice, never lost.** A gateway that times out, answers 5xx or 429 is tried again after a growing
delay (30 s, 2 min, 10 min, 30 min, then hourly), and after six tries the message is marked failed with why. Each
message has its own reference at the gateway; a send whose answer never came is looked up there by that
reference before it is tried again (GOV.UK Notify), so it is not sent a second time. A mail relay cannot be
asked: there, "sent" is the relay accepting the message (and a worker killed in the instant between the relay's
acceptance and fgc recording it would send that one email again, with the same Message-ID).

**Who may be sent what.** Nobody excluded because of risk is ever sent anything: :func:`queue` refuses, the
schema refuses, excluding someone cancels whatever was waiting for them, and the worker checks again just before
sending. Once consent is withdrawn nothing goes to the family or the professionals of the case: waiting messages
are cancelled and new ones refused. Messages to the family wait out quiet hours (21:00 to 08:00 UK time).
"""

import datetime
import re
import uuid
from zoneinfo import ZoneInfo

from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l

from ..data import consents, network, now, parse
from ..data import messages as message_data
from ..data import professionals as professional_data
from ..data import users as user_data
from ..db import write
from ..gateways import Outgoing, Refused, TryAgain
from ..gateways.notify import Notify
from ..gateways.smtp import Smtp
from ..render import messages as words
from . import audit, jobs

LONDON = ZoneInfo("Europe/London")
OPEN = message_data.OPEN
SEND_BACKOFF = (30, 120, 600, 1800, 3600)
# After sending through Notify, ask how it went: often at first, then less, and stop after four days (Notify
# itself gives up on a phone that stays off after 72 hours).
STATUS_CHECKS = ((datetime.timedelta(minutes=10), 60), (datetime.timedelta(hours=1), 300),
                 (datetime.timedelta(days=1), 1800), (datetime.timedelta(days=4), 7200))
# Which audiences each kind of message may go to, and by which channels.
KINDS = {
    "family_link": ({"family"}, ("sms", "email")),
    "meeting_invitation": ({"family", "professional"}, ("sms", "email")),
    "meeting_changed": ({"family", "professional"}, ("sms", "email")),
    "meeting_cancelled": ({"family", "professional"}, ("sms", "email")),
    "task_reminder": ({"family"}, ("sms", "email")),
    "review_reminder": ({"staff"}, ("email",)),
    "referral_waiting": ({"staff"}, ("email",)),
    "plan_acknowledged": ({"staff"}, ("email",)),
    "task_updated": ({"staff"}, ("email",)),
    "pin_locked": ({"staff"}, ("email",)),
    "sign_in_under_attack": ({"staff"}, ("email",)),
    "second_factor_reset": ({"staff"}, ("email",)),
    "recovery_code_used": ({"staff"}, ("email",)),
}
# A UK mobile (07…, +447…, 00447…) or an international number (+ and 8 to 15 digits), spaces and dashes aside.
MOBILE = re.compile(r"(?:(?:\+|00)44|0)7\d{9}|\+(?!44)\d{8,15}")
EMAIL_IN_TEXT = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+\.[A-Za-z]{2,}")

EXCLUDED = _l("This person is excluded because of risk, so they can never be sent anything")
WITHDRAWN = _l("Consent has been withdrawn, so nothing can be sent to the family or professionals on this case")
NO_PHONE = _l("There is no mobile number on record for %(name)s")
NOT_MOBILE = _l("The phone number on record for %(name)s is not a mobile number, so it cannot take text messages")
NO_EMAIL = _l("There is no email address on record for %(name)s")
BAD_EMAIL = _l("The email address on record for %(name)s is not one that can be used")
NO_CHANNEL = _l("Text messages cannot be sent: this service has no GOV.UK Notify account set up")
KEPT = "No message service is set up, so this was kept here and not sent"


class NotQueued(Exception):
    """Why a message cannot be queued, in words for the person asking (``str()`` of it)."""


# Where messages go --------------------------------------------------------------------------------------------

def _notify(config):
    if not config.get("NOTIFY_API_KEY"):
        return None
    return Notify(config["NOTIFY_API_KEY"], base_url=config.get("NOTIFY_BASE_URL") or None,
                  templates=config.get("NOTIFY_TEMPLATES") or {}, timeout=config["MESSAGE_TIMEOUT"])


def _smtp(config):
    if not config.get("SMTP_URL"):
        return None
    return Smtp(config["SMTP_URL"], sender=config["MAIL_FROM"], timeout=config["MESSAGE_TIMEOUT"],
                ca_file=config.get("SMTP_CA_FILE") or None)


def gateway(config, channel):
    """The gateway for ``channel``: a Notify or Smtp, None when nothing is set up (keep the message here), or
    False when this channel cannot be sent at all (text messages with only a mail relay)."""
    notify, smtp = _notify(config), _smtp(config)
    if notify is None and smtp is None:
        return None
    if channel == "email":
        return smtp or notify
    return notify or False


def channels(config=None):
    """The channels this service can use now: ("sms", "email"), or ("email",) with only a mail relay."""
    config = config or current_app.config
    return tuple(channel for channel in ("sms", "email") if gateway(config, channel) is not False)


def sending_mode(config=None):
    """"notify", "smtp", "notify+smtp", or "kept" (nothing leaves the machine)."""
    config = config or current_app.config
    mode = "+".join(name for name, key in (("notify", "NOTIFY_API_KEY"), ("smtp", "SMTP_URL")) if config.get(key))
    return mode or "kept"


def missing_templates(config=None):
    """The (kind, channel, language) that would go through GOV.UK Notify but have no template set: each such
    message would fail. Empty when Notify is not used."""
    config = config or current_app.config
    notify = _notify(config)
    if notify is None:
        return []
    wanted = [(kind, channel, language) for kind, (audiences, kind_channels) in KINDS.items()
              for channel in kind_channels if getattr(gateway(config, channel), "name", None) == "notify"
              for language in (("en",) if audiences == {"staff"} else ("en", "cy"))]
    return notify.missing_templates(wanted)


# Quiet hours ---------------------------------------------------------------------------------------------------

def quiet_until(at, audience, hours=None):
    """When a message to ``audience`` may go, if ``at`` is in quiet hours (``MESSAGE_QUIET_HOURS``, by default
    (21, 8): from 21:00 to 08:00 UK time); else None. Only families are kept waiting."""
    hours = current_app.config["MESSAGE_QUIET_HOURS"] if hours is None else hours
    if audience != "family" or not hours:
        return None
    start, end = datetime.time(hours[0]), datetime.time(hours[1])
    local = at.astimezone(LONDON)
    quiet = (local.time() >= start or local.time() < end) if start > end else start <= local.time() < end
    if not quiet:
        return None
    day = local.date() + datetime.timedelta(days=1) if local.time() >= end else local.date()
    return datetime.datetime.combine(day, end, LONDON)


# Addresses -------------------------------------------------------------------------------------------------------

def mobile(text):
    """``text`` as a mobile number to send to (digits, with + where given), or None if it is not one."""
    compact = re.sub(r"[\s\-().]", "", text or "")
    return compact if MOBILE.fullmatch(compact) else None


def email_address(text):
    """``text`` as an email address to send to, or None."""
    text = (text or "").strip()
    if not text or len(text) > 254:
        return None
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def professional_email(professional):
    """The email address in a professional's free-text contact details, if there is one."""
    found = EMAIL_IN_TEXT.search(professional.get("contact") or "")
    return email_address(found.group(0)) if found else None


def address_for(channel, *, name, phone="", email=""):
    """The address to send to by ``channel``; raises NotQueued saying what is missing."""
    if channel == "sms":
        if not (phone or "").strip():
            raise NotQueued(str(NO_PHONE) % {"name": name})
        found = mobile(phone)
        if found is None:
            raise NotQueued(str(NOT_MOBILE) % {"name": name})
        return found
    if not (email or "").strip():
        raise NotQueued(str(NO_EMAIL) % {"name": name})
    found = email_address(email)
    if found is None:
        raise NotQueued(str(BAD_EMAIL) % {"name": name})
    return found


def language_of(person):
    """The language to write to a network member in: Welsh if their language on record says so."""
    said = (person.get("language") or "").strip().lower()
    return "cy" if said.startswith(("welsh", "cymraeg", "cy")) else "en"


def case_url(case_id):
    """A link to the case for staff: from the request, else from PUBLIC_URL; '' if neither is known."""
    if has_request_context():
        return url_for("cases.view", case_id=case_id, _external=True)
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    return f"{base}/cases/{case_id}" if base else ""


# Queueing --------------------------------------------------------------------------------------------------------

def _check_may_send(db, case_id, audience, *, person_id=None):
    if audience == "staff" or case_id is None:
        return
    if person_id is not None:
        try:
            network.may_receive(db, case_id, person_id)
        except network.Excluded:
            raise NotQueued(str(EXCLUDED)) from None
    if consents.state(db, case_id) == "withdrawn":
        raise NotQueued(str(WITHDRAWN))


def to_person(db, case_id, person_id, channel):
    """(audience, recipient ids, address) for a network member; raises NotQueued."""
    person = network.get(db, case_id, person_id)
    if person is None:
        raise LookupError(person_id)
    _check_may_send(db, case_id, "family", person_id=person_id)
    address = address_for(channel, name=person["name"], phone=person["phone"], email=person["email"])
    return "family", {"person_id": person_id}, address


def to_professional(db, case_id, professional_id):
    professional = professional_data.get(db, case_id, professional_id)
    if professional is None:
        raise LookupError(professional_id)
    _check_may_send(db, case_id, "professional")
    address = professional_email(professional)
    if address is None:
        raise NotQueued(str(NO_EMAIL) % {"name": professional["name"]})
    return "professional", {"professional_id": professional_id}, address


def to_user(db, user_id):
    user = user_data.get(db, user_id)
    if user is None or not user["active"]:
        raise NotQueued("no such active user")
    address = email_address(user["email"])
    if address is None:
        raise NotQueued(str(BAD_EMAIL) % {"name": user["name"]})
    return "staff", {"user_id": user_id}, address


def queue(db, *, kind, channel, recipient, case_id, values, language="en", user=None, secret=None, calendar=None,
          dedupe=None, meeting_id=None):
    """Queue one message, in ``db``'s write transaction (the caller's, if one is open), and the job that sends it.

    ``recipient`` is what :func:`to_person`, :func:`to_professional` or :func:`to_user` returned. ``values`` are
    what the words are made from (kept with the message); ``secret`` values go in it too but are emptied once it
    is sent. Returns the message's id, or None when ``dedupe`` says this message was queued before.
    """
    audience, ids, address = recipient
    audiences, kinds_channels = KINDS[kind]
    if audience not in audiences or channel not in kinds_channels:
        raise ValueError(f"{kind} is not sent to {audience} by {channel}")
    if gateway(current_app.config, channel) is False:
        raise NotQueued(str(NO_CHANNEL))
    at = now()
    send_after = quiet_until(at, audience) or at
    values = dict(values, service=current_app.config["SERVICE_NAME"])
    with write(db):
        _check_may_send(db, case_id, audience, person_id=ids.get("person_id"))
        message_id = message_data.add(
            db, case_id=case_id, kind=kind, audience=audience, channel=channel, address=address, language=language,
            personalisation=values, secret=secret, calendar=calendar, reference=f"fgc-{uuid.uuid4()}",
            dedupe=dedupe, send_after=send_after, queued_by=audit.user_id(user), at=at, meeting_id=meeting_id, **ids)
        if message_id is None:
            return None
        jobs.enqueue(db, "message.send", {"message_id": message_id}, key=f"message:{message_id}", case_id=case_id,
                     user_id=audit.user_id(user), delay=send_after - at)
        _audit(db, "message.queued", message_data.get(db, message_id), user=user,
               extra={"send_after": send_after.isoformat()} if send_after > at else None)
    return message_id


def cancel_for_case(db, case_id, *, reason, user=None):
    """Stop everything waiting to go to a case's family and professionals (consent withdrawn; case closed)."""
    with write(db):
        for message_id in message_data.cancel_for_case(db, case_id, reason=reason, at=now()):
            _audit(db, "message.cancelled", message_data.get(db, message_id), user=user, extra={"why": reason})


def _audit(db, action, message, *, user=None, extra=None):
    """One audit event about a message: who it was to (by id), how, which kind. Never the address or the words."""
    detail = {"message_id": message["id"], "kind": message["kind"], "channel": message["channel"],
              "status": message["status"]}
    for key in ("person_id", "professional_id", "user_id"):
        if message[key] is not None:
            detail[key] = message[key]
    detail.update(extra or {})
    actor = None if user is not None else "fgc worker"
    if message["case_id"] is not None:
        audit.record(action, record_type="case", record_id=message["case_id"], detail=detail, user=user,
                     actor=actor, db=db)
    else:
        audit.record(action, record_type="message", record_id=message["id"], detail=detail, user=user, actor=actor,
                     db=db)


# What a message says ---------------------------------------------------------------------------------------------

def shown(message):
    """(subject, body) as the message said, for staff: a secret already emptied (a family link) shows masked."""
    values = dict(message["personalisation"])
    for key in (message["secret"] or {}):
        values[key] = words.MASK
    values.setdefault("link", words.MASK)
    return words.compose(message["kind"], message["language"], values)


def outgoing(message):
    """The message as a gateway takes it."""
    values = dict(message["personalisation"], **(message["secret"] or {}))
    subject, body = words.compose(message["kind"], message["language"], values)
    return Outgoing(channel=message["channel"], address=message["address"], kind=message["kind"],
                    language=message["language"], reference=message["reference"], subject=subject, body=body,
                    personalisation=words.personalisation(message["kind"], message["language"], values),
                    calendar=message["calendar"],
                    calendar_method="CANCEL" if message["kind"] == "meeting_cancelled" else "REQUEST")


# Sending (the worker) --------------------------------------------------------------------------------------------

def _refusal(db, message):
    """Why a waiting message must not go after all (someone excluded, consent withdrawn since), or None."""
    try:
        _check_may_send(db, message["case_id"], message["audience"], person_id=message["person_id"])
    except NotQueued as why:
        return str(why)
    return None


def _gave_up(db, job, why):
    message = message_data.get(db, job["payload"].get("message_id"))
    if message is not None and message_data.finish(db, message["id"], status="failed", reason=why, at=now()):
        _audit(db, "message.failed", message_data.get(db, message["id"]), extra={"why": why[:300]})


@jobs.kind("message.send", attempts=len(SEND_BACKOFF) + 1, backoff=SEND_BACKOFF, on_failure=_gave_up)
def _send(db, job):
    message = message_data.get(db, job["payload"]["message_id"])
    if message is None or message["status"] not in OPEN:
        return  # sent, cancelled or failed already: a job run twice does nothing the second time
    refusal = _refusal(db, message)
    if refusal:
        with write(db):
            if message_data.finish(db, message["id"], status="cancelled", reason=refusal, at=now()):
                _audit(db, "message.cancelled", message_data.get(db, message["id"]), extra={"why": refusal})
        return
    wait = quiet_until(now(), message["audience"])
    if wait is not None:  # tried again into the night: wait for the morning, without using up a try
        with write(db):
            message_data.delay(db, message["id"], until=wait, reason="", at=now())
        raise jobs.Later(wait)
    with write(db):
        message_data.sending(db, message["id"], at=now())
    message = message_data.get(db, message["id"])
    route = gateway(current_app.config, message["channel"])
    if route is None:
        _handed(db, message, status="kept", gateway_name="kept", gateway_id=None, reason=KEPT)
        return
    if route is False:
        raise jobs.Permanent(str(NO_CHANNEL))
    try:
        found = route.find(message["reference"]) if message["attempts"] > 1 and hasattr(route, "find") else None
        handed_id = found or route.send(outgoing(message)).gateway_id
    except TryAgain as error:
        with write(db):
            message_data.delay(db, message["id"], until=now(), reason=str(error)[:500], at=now())
            _audit(db, "message.retrying", message_data.get(db, message["id"]), extra={"why": str(error)[:300]})
        raise
    except Refused as error:
        raise jobs.Permanent(str(error)) from error
    _handed(db, message, status="sent", gateway_name=route.name, gateway_id=handed_id, reason="")


def _handed(db, message, *, status, gateway_name, gateway_id, reason):
    with write(db):
        message_data.sent(db, message["id"], status=status, gateway=gateway_name, gateway_id=gateway_id,
                          reason=reason, at=now())
        _audit(db, f"message.{status}", message_data.get(db, message["id"]))
        if gateway_name == "notify":
            jobs.enqueue(db, "message.status", {"message_id": message["id"]}, key=f"message-status:{message['id']}",
                         case_id=message["case_id"], delay=datetime.timedelta(seconds=STATUS_CHECKS[0][1]))


@jobs.kind("message.status", attempts=5, backoff=(60, 300, 900, 3600))
def _check_status(db, job):
    """Ask GOV.UK Notify whether a message it took has been delivered."""
    message = message_data.get(db, job["payload"]["message_id"])
    notify = _notify(current_app.config)
    if message is None or message["status"] != "sent" or message["gateway"] != "notify" or notify is None:
        return
    state, why = notify.status(message["gateway_id"])
    if state == "waiting":
        age = now() - parse(message["sent_at"])
        for within, seconds in STATUS_CHECKS:
            if age < within:
                raise jobs.Later(now() + datetime.timedelta(seconds=seconds))
        return  # four days without an answer: it stays "sent"
    status = "delivered" if state == "delivered" else "failed"
    with write(db):
        if message_data.finish(db, message["id"], status=status, reason=why, at=now(), only_from=("sent",)):
            _audit(db, f"message.{status}", message_data.get(db, message["id"]), extra={"why": why} if why else None)
