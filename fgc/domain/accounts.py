"""Staff accounts and the service's settings: the actions behind the admin pages and ``create-user``.

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
The service always keeps one active admin. A new role or sign-in email, disabling an account, resetting its
second factor and an admin's "sign out everywhere" end every open session of that person at once. Giving
someone an account or a role, changing their sign-in email and resetting their second factor are sensitive:
the admin enters a code from their own authenticator app again (``signing_in.confirm_it_is_you``).
"""

from flask_babel import gettext as _

from ..data import closure_days, now, password_tokens
from ..data import second_factor as factor_data
from ..data import sessions as session_data
from ..data import users as user_data
from ..db import before_commit, write
from . import alerts, audit, due_dates, signing_in
from .outcome import conflict, done, refused


def _confirm(db, by, code, action):
    """The admin's own code again, for a sensitive change (None from the command line, which has no second
    factor: whoever runs it has the server)."""
    if by is None:
        return done()
    who = {"id": audit.user_id(by), "email": by["email"] if isinstance(by, dict) else by.email}
    return signing_in.confirm_it_is_you(db, who, code, action)


def _audit(db, by, action, record_type, record_id, detail=None, actor=None):
    audit.record(action, record_type=record_type, record_id=record_id, detail=detail, user=by, actor=actor, db=db)


def _last_admin(db, user_id, *, still_admin=False, disabling=False):
    """Why the change cannot happen, if it would leave the service with no active admin."""
    user = user_data.get(db, user_id)
    losing_admin = user["role"] == "admin" and user["active"] and (disabling or not still_admin)
    if losing_admin and user_data.count_active_admins(db) <= 1:
        return _("This is the only active admin account. Make someone else an admin first")
    return None


def _issue_link(db, user_id, lifetime, by):
    token, expires = password_tokens.issue(db, user_id, created_by=audit.user_id(by), lifetime=lifetime)
    _audit(db, by, "user.password_link_issued", "user", user_id, {"expires_at": expires.isoformat(timespec="minutes")})
    return token, expires


def create_user(db, *, email, name, role, by, password_hash=None, link_lifetime=None, actor=None, code=None,
                team=""):
    """A new account. From the admin pages it gets a one-time set-password link (``link_lifetime``), once the
    admin has entered their ``code``; from the command line, a password. Its owner sets up their authenticator
    app at their first sign-in. Done with (user id, token, expiry), the token None without a link."""
    if user_data.get_by_email(db, email):
        return refused(_("An account with this email address already exists"), field="email")
    confirmed = _confirm(db, by, code, "create user")
    if not confirmed.done:
        return confirmed
    try:
        with write(db):
            user_id = user_data.create(db, email=email, name=name, role=role, password_hash=password_hash,
                                       team=team or "")
            detail = {"email": email, "role": role} | ({"by": "create-user"} if actor == "cli" else {})
            _audit(db, by, "user.created", "user", user_id, detail, actor=actor)
            token, expires = _issue_link(db, user_id, link_lifetime, by) if link_lifetime else (None, None)
    except user_data.DuplicateEmail:
        return refused(_("An account with this email address already exists"), field="email")
    return done((user_id, token, expires))


SENSITIVE = ("role", "email", "dpo")


def update_user(db, user_id, version, *, email, name, role, by, code=None, dpo=None, team=None):
    """Change someone's name, email, role, team or data protection officer's permission (``dpo`` and ``team``: None
    leaves it); the role, email and permission need the admin's ``code``. Done with the list of what changed."""
    before = user_data.get(db, user_id)
    dpo = bool(before["dpo"]) if dpo is None else bool(dpo)
    team = before["team"] if team is None else team.strip()
    changes = sorted(key for key, value in (("name", name), ("email", email), ("role", role), ("dpo", dpo),
                                            ("team", team))
                     if value != (bool(before[key]) if key == "dpo" else before[key]))
    if before["version"] != version:
        return conflict(before)
    # What the rules refuse is said before the admin is asked for their code.
    problem = _last_admin(db, user_id, still_admin=role == "admin")
    if problem:
        return refused(problem, field="role")
    other = user_data.get_by_email(db, email)
    if other and other["id"] != user_id:
        return refused(_("An account with this email address already exists"), field="email")
    if set(changes) & set(SENSITIVE):
        confirmed = _confirm(db, by, code, "change role, email or permission")
        if not confirmed.done:
            return confirmed
    try:
        with write(db):
            problem = _last_admin(db, user_id, still_admin=role == "admin")
            if problem:
                return refused(problem, field="role")
            user_data.update(db, user_id, version=version, email=email, name=name, role=role, dpo=dpo, team=team)
            if set(changes) & set(SENSITIVE):
                # A new role or sign-in name takes effect at the next sign-in.
                session_data.end_all_for_user(db, user_id, "account changed")
            _audit(db, by, "user.updated", "user", user_id, {"changed": changes})
    except user_data.DuplicateEmail:
        return refused(_("An account with this email address already exists"), field="email")
    except user_data.VersionConflict:
        return conflict(user_data.get(db, user_id))
    return done(changes)


def disable_user(db, user_id, *, by):
    """Disable an account: its set-password links stop working and it is signed out everywhere."""
    with write(db):
        problem = _last_admin(db, user_id, disabling=True)
        if problem:
            return refused(problem)
        user_data.set_active(db, user_id, False)
        password_tokens.retire_all_for_user(db, user_id)
        ended = session_data.end_all_for_user(db, user_id, "account disabled")
        _audit(db, by, "user.disabled", "user", user_id, {"sessions_ended": ended})
    return done(ended)


def enable_user(db, user_id, *, by):
    with write(db):
        user_data.set_active(db, user_id, True)
        _audit(db, by, "user.enabled", "user", user_id)
    return done()


def sign_out_everywhere(db, user_id, *, by):
    """End every session of the user at once, for example after a lost laptop. Done with how many ended."""
    with write(db):
        ended = session_data.end_all_for_user(db, user_id, "signed out by an admin")
        _audit(db, by, "user.sessions_ended", "user", user_id, {"sessions_ended": ended})
    return done(ended)


def reset_second_factor(db, user_id, *, by, code=None, actor=None):
    """Take away someone's authenticator app and recovery codes (a lost or new phone): they are signed out
    everywhere, told by email, and set up a new app at their next sign-in. Done with how many sessions ended."""
    confirmed = _confirm(db, by, code, "reset second factor")
    if not confirmed.done:
        return confirmed
    user = user_data.get(db, user_id)
    with write(db):
        factor_data.clear(db, user_id)
        ended = session_data.end_all_for_user(db, user_id, "second factor reset")
        _audit(db, by, "user.second_factor_reset", "user", user_id, {"sessions_ended": ended}, actor=actor)
        alerts.second_factor_reset(db, user, now().isoformat())
    return done(ended)


def issue_password_link(db, user_id, *, lifetime, by):
    """A one-time set-password link; issuing one retires the last. Done with (token, expiry): only its hash
    is kept, so it is shown once."""
    with write(db):
        return done(_issue_link(db, user_id, lifetime, by))


def add_closure_day(db, day, reason, *, by):
    with write(db):
        closure_days.add(db, day, reason, audit.user_id(by))
        before_commit(db, "next_due", lambda: due_dates.refresh_all(db))
        _audit(db, by, "service.closure_day_added", "closure_day", day.isoformat(), {"reason": reason})
    return done()


def remove_closure_day(db, day, *, by):
    """Done with whether there was such a closure day."""
    with write(db):
        removed = bool(closure_days.remove(db, day))
        before_commit(db, "next_due", lambda: due_dates.refresh_all(db))
        if removed:
            _audit(db, by, "service.closure_day_removed", "closure_day", day)
    return done(removed)
