"""Signing in and out, choosing a password, and the server-side sessions behind the cookie.

Signing in takes two steps: a password, then a code from the person's authenticator app (or a recovery code;
on a first sign-in, setting the app up). The right password starts a session that is not yet a sign-in: it
waits, for 10 minutes at most, for the second factor (``fgc.domain.second_factor``).

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
Every password and every code is counted against the throttle before it is checked, so parallel guesses cannot
outrun the count; only a whole sign-in forgives them (a right password then a wrong code is a failed sign-in).
The slow checks (argon2) run outside any transaction. Changing or setting a password ends every other session
of that person.
"""

import re

from flask import current_app
from flask_babel import gettext as _

from ..data import now, password_tokens
from ..data import second_factor as factor_data
from ..data import sessions as session_data
from ..data import users as user_data
from ..db import write
from . import alerts, audit, passwords, second_factor, throttle
from .outcome import Outcome, done, refused

THROTTLED = "throttled"


def _throttled(db, attempt, action, record, user):
    """The refusal, audited once per scope and window; an account guessed at from elsewhere until it stops is
    an attack its owner and the admins are told about."""
    if attempt.first:
        with write(db):
            audit.record(action, detail={"scope": attempt.refused,
                                         "wait_seconds": int(attempt.wait.total_seconds())}, **record)
            if attempt.refused == "account" and user and user["active"]:
                alerts.sign_in_under_attack(db, user)
    return Outcome(value=THROTTLED, problem=attempt.message())


def audit_name(typed_email, user):
    """Who to name in the audit trail for an attempt: never echo input that may be a password."""
    if user:
        return user["email"]
    looks_like_email = re.fullmatch(r"[^@\s]{1,64}@[^@\s]{1,252}\.[^@\s.]{2,63}", typed_email or "")
    return typed_email if looks_like_email else "unrecognised sign-in name"


def sign_in(db, email, password, *, ip, user_agent):
    """Check a password. Done with (user row, token of a new session waiting for the second factor); or refused,
    throttled or not."""
    user = user_data.get_by_email(db, email)
    record = {"record_type": "user" if user else None, "record_id": user["id"] if user else None,
              "user": user, "actor": audit_name(email, user), "db": db}
    with write(db):
        attempt = throttle.reserve(email)
    if not attempt.allowed:
        return _throttled(db, attempt, "sign_in.throttled", record, user)
    hash_ = user["password_hash"] if user and user["active"] else None
    if not passwords.verify(hash_, password):
        audit.record("sign_in.failed", **record)
        return Outcome(problem=_("Enter a correct email address and password"), field="email")
    with write(db):
        # The attempt stays counted: only the second factor makes this a sign-in.
        if passwords.needs_rehash(hash_):
            user_data.set_password_hash(db, user["id"], passwords.hash_password(password))
        token = session_data.start(db, user["id"], ip=ip, user_agent=user_agent, second_factor=False)
        audit.record("sign_in.password_accepted", **record)
    return done((user, token))


def waiting(db, token):
    """The account whose password was accepted for ``token``, while it waits for its second factor; else None."""
    row = session_data.find(db, token, waiting=True)
    if row is None or not row["active"] or now() - row["created_at"] > current_app.config["SECOND_FACTOR_WAIT"]:
        return None
    return row


def _record(row):
    return {"record_type": "user", "record_id": row["id"], "user": row, "actor": row["email"]}


class _Gone(Exception):
    """The waiting sign-in ended while its code was being checked (the same code sent twice at once)."""


def _complete(db, row, attempt, factor, client):
    """The second factor was right: the waiting session ends and a new one, under a new token, is the sign-in.
    Inside the caller's ``write()``; returns the new session's token. Raises _Gone if the waiting session had
    already ended, so two requests at once cannot both sign in."""
    if not session_data.end(db, row["session_id"], "second factor given"):
        raise _Gone()
    throttle.forgive(attempt)
    throttle.remember(row["email"])
    token = session_data.start(db, row["id"], second_factor=True, **client)
    user_data.record_sign_in(db, row["id"])
    audit.record("sign_in.succeeded", db=db, detail={"second_factor": factor}, **_record(row))
    return token


def _wrong(db, row, factor, problem, field):
    audit.record("sign_in.failed", db=db, detail={"second_factor": factor}, **_record(row))
    return refused(problem, field=field)


def _reserve(db, row):
    with write(db):
        attempt = throttle.reserve(row["email"])
    if not attempt.allowed:
        return attempt, _throttled(db, attempt, "sign_in.throttled", dict(_record(row), db=db), row)
    return attempt, None


def enter_code(db, row, code, **client):
    """The code from the authenticator app, for a waiting sign-in ``row``. Done with (user row, token of the new
    session); ``client`` is the ``ip`` and ``user_agent`` it records."""
    attempt, throttled = _reserve(db, row)
    if throttled:
        return throttled
    try:
        with write(db):
            if not second_factor.check_app_code(db, row["id"], code):
                return _wrong(db, row, "app", _("Enter the code shown in your authenticator app now"), "code")
            token = _complete(db, row, attempt, "app", client)
    except _Gone:
        return refused(_("Sign in again"), field="code")
    return done((row, token))


def enter_recovery_code(db, row, code, **client):
    """A recovery code, for a waiting sign-in ``row``: spent, and its owner told. Done with (user row, token)."""
    attempt, throttled = _reserve(db, row)
    if throttled:
        return throttled
    code_id = second_factor.find_recovery_code(db, row["id"], code)
    try:
        with write(db):
            if code_id is None or not factor_data.use_recovery_code(db, code_id):
                return _wrong(db, row, "recovery code", _("Enter one of your recovery codes that you have not used"),
                              "code")
            token = _complete(db, row, attempt, "recovery code", client)
            left = factor_data.recovery_codes_left(db, row["id"])
            alerts.recovery_code_used(db, row, left, code_id)
    except _Gone:
        return refused(_("Sign in again"), field="code")
    return done((row, token))


def start_setup(db, row):
    """The secret a person without an authenticator app sets theirs up with: the one this waiting sign-in was
    offered already, or a new one. It belongs to this sign-in alone, so nobody else who has the password ever sees
    it, and goes when the sign-in ends."""
    secret = second_factor.unseal(session_data.setup_secret(db, row["session_id"]))
    if secret:
        return secret
    secret = second_factor.new_secret()
    with write(db):
        session_data.offer_setup_secret(db, row["session_id"], second_factor.seal(secret))
        audit.record("user.second_factor_offered", db=db, **_record(row))
    return secret


def finish_setup(db, row, code, **client):
    """The first code from a newly set-up app. Done with (user row, token of the new session, the new recovery
    codes, shown once)."""
    attempt, throttled = _reserve(db, row)
    if throttled:
        return throttled
    sealed = session_data.setup_secret(db, row["session_id"])
    step = second_factor.matching_step(second_factor.unseal(sealed), code)
    if step is None:
        with write(db):
            return _wrong(db, row, "app set-up", _("Enter the code shown in your authenticator app now"), "code")
    codes = second_factor.new_recovery_codes()
    hashes = second_factor.hash_recovery_codes(codes)
    try:
        with write(db):
            if second_factor.has_app(db, row["id"]):
                return refused(_("An authenticator app has already been set up for this account. Sign in again"),
                               field="code")
            factor_data.set_up(db, row["id"], sealed, step)
            factor_data.replace_recovery_codes(db, row["id"], hashes)
            audit.record("user.second_factor_set_up", db=db, **_record(row))
            token = _complete(db, row, attempt, "app set-up", client)
    except _Gone:
        return refused(_("Sign in again"), field="code")
    return done((row, token, codes))


def confirm_it_is_you(db, user, code, action):
    """A code from the signed-in person's app again, before ``action`` (a sensitive change). Counted against the
    throttle like a sign-in. Done, or refused with why."""
    if not second_factor.clean_code(code):
        return refused(_("Enter the 6-digit code from your authenticator app"), field="code")
    attempt, throttled = _reserve(db, user)
    if throttled:
        return throttled
    with write(db):
        if not second_factor.check_app_code(db, user["id"], code):
            audit.record("user.step_up_failed", db=db, detail={"for": action}, **_record(user))
            return refused(_("Enter the code shown in your authenticator app now"), field="code")
        throttle.forgive(attempt)
    return done()


def new_recovery_codes(db, user, code):
    """A new set of recovery codes for the signed-in person, after a code from their app; the old ones stop
    working. Done with the codes, shown once."""
    outcome = confirm_it_is_you(db, user, code, "new recovery codes")
    if not outcome.done:
        return outcome
    codes = second_factor.new_recovery_codes()
    hashes = second_factor.hash_recovery_codes(codes)
    with write(db):
        factor_data.replace_recovery_codes(db, user["id"], hashes)
        audit.record("user.recovery_codes_replaced", db=db, **_record(user))
    return done(codes)


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
        attempt = throttle.reserve(user["email"])
    if not attempt.allowed:
        return _throttled(db, attempt, "user.password_change_throttled",
                          {"record_type": "user", "record_id": user["id"], "db": db}, None)
    if not passwords.verify(user["password_hash"], current_password):
        audit.record("user.password_change_failed", record_type="user", record_id=user["id"], db=db)
        return Outcome(problem=_("Your current password is not correct"), field="current_password")
    new_hash = passwords.hash_password(new_password)
    with write(db):
        throttle.forgive(attempt)
        user_data.set_password_hash(db, user["id"], new_hash)
        ended = session_data.end_all_for_user(db, user["id"], "password changed")
        token = session_data.start(db, user["id"], ip=ip, user_agent=user_agent, second_factor=True)
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
