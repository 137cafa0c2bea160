"""Family links, the coordinator's side: make a private link for someone in the network, revoke it, set a new PIN.

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
Nobody excluded, and nobody on a case whose consent is withdrawn, is ever given a link: the data layer
and the schema refuse them, and so does this.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..data import family_links as links
from ..data import network
from ..db import write
from . import audit, messages
from .outcome import done, refused

EXCLUDED = _l("This person is excluded because of risk, so they can never be sent a link")
CLOSED = _l("This link no longer works, so it cannot be sent")


def create(db, case_id, person_id, *, expires_at, pin_hash, consent_withdrawn, user):
    """A new link for one person. Done with (link id, token): the token is shown once and never stored."""
    try:
        with write(db):
            link_id, token = links.create(db, case_id, person_id, expires_at=expires_at, pin_hash=pin_hash,
                                          user_id=audit.user_id(user), consent_withdrawn=consent_withdrawn)
            audit.case_event(db, user, "family.link_created", case_id, {"link_id": link_id, "person_id": person_id,
                                                               "pin": bool(pin_hash), "expires_at": expires_at})
    except network.Excluded:
        return refused(str(EXCLUDED), field="person")
    except links.LinkRefused as reason:
        # The data layer's refusals are in plain English (so far only the words for withdrawn consent, which
        # are in the catalogue): translated here.
        return refused(_(str(reason)))
    return done((link_id, token))


def revoke(db, case_id, link, *, user):
    """Done with whether the link was open (and so is now revoked)."""
    with write(db):
        revoked = bool(links.revoke(db, case_id, link["id"], user_id=audit.user_id(user)))
        if revoked:
            audit.case_event(db, user, "family.link_revoked", case_id,
                             {"link_id": link["id"], "person_id": link["person_id"]})
    return done(revoked)


def reset_pin(db, case_id, link, pin_hash, *, user):
    """A new PIN (which also unlocks a locked one). Done with whether the link could take it."""
    with write(db):
        reset = bool(links.unlock_pin(db, case_id, link["id"], pin_hash))
        if reset:
            audit.case_event(db, user, "family.pin_reset", case_id,
                   {"link_id": link["id"], "person_id": link["person_id"], "was_locked": bool(link["pin_locked_at"]),
                    "had_pin": bool(link["pin_hash"])})
    return done(reset)


def send(db, case_id, link, *, url, expires_on, channel, language, user):
    """Queue the link to its holder by text message or email (``channel``). The PIN never goes with it. Done with
    the message's id; refused, for the channel, when there is nowhere to send it or the person may not have it."""
    if links.state(link) != "open":
        return refused(str(CLOSED))
    try:
        with write(db):
            recipient = messages.to_person(db, case_id, link["person_id"], channel)
            message_id = messages.queue(
                db, kind="family_link", channel=channel, recipient=recipient, case_id=case_id, language=language,
                values={"expires_on": expires_on.isoformat(), "has_pin": bool(link["pin_hash"]),
                        "link_id": link["id"]},
                secret={"link": url}, user=user)
    except messages.NotQueued as why:
        return refused(str(why), field="channel")
    return done(message_id)
