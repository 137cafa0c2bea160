"""Signing in and out, choosing a password, and the server-side sessions behind the cookie.

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
Every sign-in attempt is counted against the throttle before its password is checked, and forgiven
if the password is right, so parallel guesses cannot outrun the count; the slow password check runs
outside any transaction. Changing or setting a password ends every other session of that person.
"""

import re

from flask_babel import gettext as _

from ..data import password_tokens
from ..data import sessions as session_data
from ..data import users as user_data
from ..db import write
from . import audit, passwords, throttle
from .outcome import Outcome, done

THROTTLED = "throttled"


def _throttled():
    return Outcome(value=THROTTLED, problem=str(throttle.MESSAGE))


def audit_name(typed_email, user):
    """Who to name in the audit trail for an attempt: never echo input that may be a password."""
    if user:
        return user["email"]
    looks_like_email = re.fullmatch(r"[^@\s]{1,64}@[^@\s]{1,252}\.[^@\s.]{2,63}", typed_email or "")
    return typed_email if looks_like_email else "unrecognised sign-in name"


def sign_in(db, email, password, *, ip, user_agent):
    """Check a sign-in. Done with (user row, token of a new session); or refused, throttled or not."""
    user = user_data.get_by_email(db, email)
    record = {"record_type": "user" if user else None, "record_id": user["id"] if user else None,
              "user": user, "actor": audit_name(email, user), "db": db}
    with write(db):
        attempt, first_refusal = throttle.reserve(email)
        if attempt is None and first_refusal:
            audit.record("sign_in.throttled", **record)
    if attempt is None:
        return _throttled()
    hash_ = user["password_hash"] if user and user["active"] else None
    if not passwords.verify(hash_, password):
        audit.record("sign_in.failed", **record)
        return Outcome(problem=_("Enter a correct email address and password"), field="email")
    with write(db):
        throttle.forgive(attempt, email)
        user_data.record_sign_in(db, user["id"])
        if passwords.needs_rehash(hash_):
            user_data.set_password_hash(db, user["id"], passwords.hash_password(password))
        token = session_data.start(db, user["id"], ip=ip, user_agent=user_agent)
        audit.record("sign_in.succeeded", **record)
    return done((user, token))


def sign_out(db, user):
    """End every session of the person signing out."""
    with write(db):
        ended = session_data.end_all_for_user(db, user["id"], "signed out")
        audit.record("sign_out", user=user, record_type="user", record_id=user["id"], db=db,
                     detail={"sessions_ended": ended})
    return done(ended)


def change_password(db, user_id, current_password, new_password, *, ip, user_agent):
    """A signed-in person's new password: the current one is checked against the throttle first. Every
    session ends, and this browser carries on in a new one. Done with (user row, token of that session)."""
    user = user_data.get(db, user_id)
    with write(db):
        attempt, first_refusal = throttle.reserve(user["email"])
        if attempt is None and first_refusal:
            audit.record("user.password_change_throttled", record_type="user", record_id=user["id"], db=db)
    if attempt is None:
        return _throttled()
    if not passwords.verify(user["password_hash"], current_password):
        audit.record("user.password_change_failed", record_type="user", record_id=user["id"], db=db)
        return Outcome(problem=_("Your current password is not correct"), field="current_password")
    new_hash = passwords.hash_password(new_password)
    with write(db):
        throttle.forgive(attempt, user["email"])
        user_data.set_password_hash(db, user["id"], new_hash)
        ended = session_data.end_all_for_user(db, user["id"], "password changed")
        token = session_data.start(db, user["id"], ip=ip, user_agent=user_agent)
        audit.record("user.password_changed", user=user, record_type="user", record_id=user["id"], db=db,
                     detail={"sessions_ended": ended})
    return done((user, token))


def set_password(db, link, new_password):
    """A password chosen through a one-time set-password link. Done with whether the link still worked."""
    new_hash = passwords.hash_password(new_password)
    with write(db):
        if not password_tokens.use(db, link["id"]):
            return done(False)
        user_data.set_password_hash(db, link["user_id"], new_hash)
        password_tokens.retire_all_for_user(db, link["user_id"])
        session_data.end_all_for_user(db, link["user_id"], "password set")
        audit.record("user.password_set", user={"id": link["user_id"], "email": link["email"]}, db=db,
                     record_type="user", record_id=link["user_id"], detail={"by": "set-password link"})
    return done(True)


def end_session(db, session_id, reason):
    """A session found idle or too old ends on the server. Bookkeeping on every request, like
    :func:`touch_session`: neither is audited, as before."""
    with write(db):
        session_data.end(db, session_id, reason)


def touch_session(db, session_id, moment):
    with write(db):
        session_data.touch(db, session_id, moment)
