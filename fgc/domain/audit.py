"""Writing to the audit trail from a request or a CLI command."""

from flask import has_request_context, request
from flask_login import current_user

from ..data import audit as audit_data
from ..db import before_commit, get_db, write
from . import due_dates


def client_ip():
    return request.remote_addr if has_request_context() else "cli"


def record(action, *, record_type=None, record_id=None, detail=None, user=None, actor=None, db=None):
    """Append one event. ``user`` defaults to whoever is signed in; never pass secrets in ``detail``.

    ``db`` is the connection whose transaction the event joins (by default the request's).
    """
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    user_id = user["id"] if isinstance(user, dict) else getattr(user, "id", None)
    if actor is None:
        actor = (user["email"] if isinstance(user, dict) else getattr(user, "email", None)) or "anonymous"
    db = db if db is not None else get_db()
    with write(db):
        audit_data.add(db, user_id=user_id, actor=actor, action=action, record_type=record_type,
                       record_id=record_id, ip=client_ip(), detail=detail)


def user_id(user):
    """The id of whoever acts: a signed-in user, a user row, or None (the command line)."""
    if user is None:
        return None
    return user["id"] if isinstance(user, dict) else user.id


def user_name(user):
    """The name of whoever acts: a signed-in user or a user row."""
    return user["name"] if isinstance(user, dict) else user.name


def case_event(db, user, action, case_id, detail=None):
    """One event about a case, in ``db``'s current transaction, which also keeps the case's next deadline in step."""
    with write(db):
        record(action, record_type="case", record_id=case_id, detail=detail, user=user, db=db)
        before_commit(db, ("next_due", case_id), lambda: due_dates.refresh(db, [case_id]))
