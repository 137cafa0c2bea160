"""Telling people about a meeting: invitations, changes and cancellations, by email (with the calendar
invitation, one UID for the meeting's life and a rising SEQUENCE, so calendars update the one entry) or by text
message (date, time and place).

Who is told: everyone in the family network invited to the meeting or who has said they will come (nobody excluded
can be either), and every professional on the case with an email address in their contact details. A network
member gets an email if they have an address on record, else a text message if they have a mobile number. Each
person is told about each version of the meeting once: sending again after nothing changed sends nothing new.
"""

from flask_babel import gettext as _

from ..data import consents, network, parse
from ..data import messages as message_data
from ..data import professionals as professional_data
from ..data import users as user_data
from ..db import write
from . import audit, invites, messages
from .outcome import done, refused

TOLD = ("invited", "confirmed")
LONDON = invites.LONDON


def kind_for(meeting, told_before):
    """Which message a meeting's state calls for: a cancellation, a change (if an earlier version was sent), or an
    invitation."""
    if meeting["status"] == "cancelled":
        return "meeting_cancelled"
    return "meeting_changed" if told_before else "meeting_invitation"


def organiser(db, case, user):
    """The allocated coordinator organises the meeting, so every copy of the invitation names the same organiser."""
    coordinator = user_data.get(db, case["coordinator_id"]) if case["coordinator_id"] else None
    return coordinator["email"] if coordinator else getattr(user, "email", None)


def calendar(case, meeting, *, organiser_email, for_family):
    """The meeting's .ics as text. For professionals it names the case reference; for the family, nothing of the
    case. It never names a child."""
    conference = meeting["kind"] == "conference"
    reference = case["reference"]
    if for_family:
        summary = _("Family group conference") if conference else _("Family group review")
        opening = ""
    else:
        summary = (_("Family group conference – %(reference)s", reference=reference) if conference else
                   _("Family group review – %(reference)s", reference=reference))
        opening = (_("Family group conference for case %(reference)s.", reference=reference) if conference else
                   _("Family group review for case %(reference)s.", reference=reference))
    description = "\n\n".join(part for part in (
        opening,
        _("Address: %(address)s", address=meeting["address"]) if meeting["address"] else "",
        _("Access: %(notes)s", notes=meeting["access_notes"]) if meeting["access_notes"] else "",
        _("Interpreter: %(language)s", language=meeting["interpreter_language"])
        if meeting["interpreter_language"] else "",
        _("Joining remotely: %(details)s", details=meeting["remote_details"]) if meeting["remote_details"] else "",
    ) if part)
    return invites.meeting_invite(
        uid=meeting["uid"], sequence=meeting["sequence"], starts_at=parse(meeting["starts_at"]),
        ends_at=parse(meeting["ends_at"]), summary=summary, location=place(meeting), description=description,
        cancelled=meeting["status"] == "cancelled", organiser_email=organiser_email).decode("utf-8")


def place(meeting):
    return ", ".join(part for part in (meeting["venue"], " ".join(meeting["address"].split())) if part)


def values(meeting):
    start, end = parse(meeting["starts_at"]).astimezone(LONDON), parse(meeting["ends_at"]).astimezone(LONDON)
    return {"meeting_kind": meeting["kind"], "starts_on": start.date().isoformat(),
            "starts_at": start.strftime("%H:%M"), "ends_at": end.strftime("%H:%M"), "place": place(meeting),
            "remote": bool(meeting["remote_details"]), "sequence": meeting["sequence"]}


def recipients(db, case, meeting):
    """Who would be told, and what: dicts of name, who ("person"/"professional"), id, kind (the message the
    meeting's state calls for them), channel (None if they cannot be told) and why not."""
    earlier = message_data.told_about_meeting(db, meeting["id"])
    usable = messages.channels()
    found = []
    for person in network.for_case(db, case["id"]):
        if person["excluded"] or person["invitation"] not in TOLD:
            continue
        channel = next((option for option in ("email", "sms") if option in usable and _reachable(option, person)),
                       None)
        why = None
        if channel is None:
            why = (_("Has only a mobile number, and this service cannot send text messages")
                   if _reachable("sms", person) else _("No email address or mobile number on record"))
        found.append({"who": "person", "id": person["id"], "name": person["name"], "channel": channel, "why": why})
    for professional in professional_data.for_case(db, case["id"]):
        email = messages.professional_email(professional)
        found.append({"who": "professional", "id": professional["id"], "name": professional["name"],
                      "channel": "email" if email else None,
                      "why": None if email else _("No email address in their contact details")})
    for recipient in found:
        told = (recipient["who"], recipient["id"]) in earlier
        recipient["kind"] = kind_for(meeting, told)
        if recipient["kind"] == "meeting_cancelled" and not told:  # never told of it, so nothing to cancel
            recipient["channel"], recipient["why"] = None, _("Was never told about it")
    return found


def _reachable(channel, person):
    try:
        messages.address_for(channel, name=person["name"], phone=person["phone"], email=person["email"])
    except messages.NotQueued:
        return False
    return True


def send(db, case, meeting, *, user):
    """Queue the message the meeting's state calls for to everyone who should hear it. Done with how many were
    queued (people already told about this version are not told again)."""
    if meeting["status"] == "held":
        return refused(_("This meeting has been held: there is nothing to tell people"))
    if consents.state(db, case["id"]) == "withdrawn":
        return refused(str(messages.WITHDRAWN))
    organiser_email = organiser(db, case, user)
    queued = 0
    with write(db):
        for recipient in recipients(db, case, meeting):
            if recipient["channel"] is None:
                continue
            family = recipient["who"] == "person"
            if family:
                target = messages.to_person(db, case["id"], recipient["id"], recipient["channel"])
                language = messages.language_of(network.get(db, case["id"], recipient["id"]))
            else:
                target = messages.to_professional(db, case["id"], recipient["id"])
                language = "en"
            ics = calendar(case, meeting, organiser_email=organiser_email, for_family=family) \
                if recipient["channel"] == "email" else None
            if messages.queue(db, kind=recipient["kind"], channel=recipient["channel"], recipient=target, case_id=case["id"],
                              language=language, values=values(meeting), calendar=ics, user=user,
                              meeting_id=meeting["id"],
                              dedupe=f"meeting:{meeting['id']}:{meeting['sequence']}:{meeting['status']}:"
                                     f"{recipient['who']}:{recipient['id']}"):
                queued += 1
        audit.case_event(db, user, "case.meeting_messages_sent", case["id"],
                         {"meeting_id": meeting["id"], "kind": meeting["kind"], "queued": queued})
    return done(queued)
