"""Signing in and out, set-password links, and who may see what.

Sessions are revocable on the server: the cookie carries only a random session
token, and a request counts as signed in only while that token's row in
``sessions`` is open, no more than 30 minutes idle and 12 hours old.
"""

import functools
import re
from urllib.parse import urlsplit

from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user

from ..domain import audit, passwords, throttle
from ..data import now
from ..data import password_tokens
from ..data import sessions as session_data
from ..data import users as user_data
from ..db import get_db, write
from ..forms.auth import SetPasswordForm, SignInForm

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"

# Endpoints anyone may reach without signing in. The route-walking test checks every other one.
PUBLIC_ENDPOINTS = {"auth.sign_in", "auth.set_password", "static", "main.healthz",
                    # Families have no accounts: their private link is their way in (fgc.views.family).
                    "family.robots", "family.open_link", "family.plan", "family.acknowledge", "family.task",
                    "family.pin", "family.language", "family.quick_exit", "family.plan_pdf"}


class User(UserMixin):
    """The signed-in person, for one session."""

    def __init__(self, row, session_token):
        self.id = row["id"]
        self.email = row["email"]
        self.name = row["name"]
        self.role = row["role"]
        self.session_id = row["session_id"]
        self.session_token = session_token

    def get_id(self):
        # Flask-Login keeps this in the cookie: the session token, never the user id.
        return self.session_token

    def has_role(self, *roles):
        return self.role in roles


@login_manager.user_loader
def load_user(token):
    db = get_db()
    row = session_data.find(db, token)
    if row is None:
        return None
    moment = now()
    config = current_app.config
    reason = None
    if not row["active"]:
        reason = "account disabled"
    elif moment - row["created_at"] > config["SESSION_MAX_AGE"]:
        reason = "expired"
    elif moment - row["last_seen_at"] > config["SESSION_IDLE_TIMEOUT"]:
        reason = "idle"
    if reason:
        with write(db):
            session_data.end(db, row["session_id"], reason)
        g.session_ended = reason
        return None
    if (moment - row["last_seen_at"]).total_seconds() > session_data.TOUCH_EVERY_SECONDS:
        with write(db):
            session_data.touch(db, row["session_id"], moment)
    return User(row, token)


@login_manager.unauthorized_handler
def unauthorised():
    if g.get("session_ended") in ("idle", "expired"):
        flash(_("You were signed out to protect the data. Sign in again to continue"), "info")
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.sign_in", next=target), 303)


def roles_required(*roles):
    """Allow only signed-in users with one of ``roles``; everyone else gets 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def start_session(user_row):
    """Sign the browser in with a brand-new session token and a fresh cookie."""
    db = get_db()
    with write(db):
        token = session_data.start(db, user_row["id"], ip=request.remote_addr,
                                   user_agent=request.headers.get("User-Agent"))
    session.clear()
    session.permanent = True
    row = dict(user_row, session_id=None)
    login_user(User(row, token))


def end_all_sessions(user_id, reason):
    db = get_db()
    with write(db):
        return session_data.end_all_for_user(db, user_id, reason)


def _safe_next(target):
    """Only same-site paths: never an open redirect."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        result = _attempt_sign_in(form.email.data, form.password.data)
        if result == "ok":
            flash(_("You are signed in"), "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("main.home"))
        if result == "throttled":
            status = 429
            form.email.errors = list(form.email.errors) + [str(throttle.MESSAGE)]
        else:
            status = 200
            form.email.errors = list(form.email.errors) + [
                _("Enter a correct email address and password")]
    return render_template("auth/sign_in.html", form=form), status


def _actor(typed_email, user):
    """Who to name in the audit trail for an attempt: never echo input that may be a password."""
    if user:
        return user["email"]
    looks_like_email = re.fullmatch(r"[^@\s]{1,64}@[^@\s]{1,252}\.[^@\s.]{2,63}", typed_email or "")
    return typed_email if looks_like_email else "unrecognised sign-in name"


def _attempt_sign_in(email, password):
    """Count the attempt against the throttle, then check the password.

    Returns 'ok', 'throttled' or 'failed'. The slow password check runs outside any
    transaction; every change and its audit row commit together.
    """
    db = get_db()
    user = user_data.get_by_email(db, email)
    record = {"record_type": "user" if user else None, "record_id": user["id"] if user else None,
              "user": user, "actor": _actor(email, user)}
    with write(db):
        attempt, first_refusal = throttle.reserve(email)
        if attempt is None and first_refusal:
            audit.record("sign_in.throttled", **record)
    if attempt is None:
        return "throttled"
    hash_ = user["password_hash"] if user and user["active"] else None
    if not passwords.verify(hash_, password):
        audit.record("sign_in.failed", **record)
        return "failed"
    with write(db):
        throttle.forgive(attempt, email)
        user_data.record_sign_in(db, user["id"])
        if passwords.needs_rehash(hash_):
            user_data.set_password_hash(db, user["id"], passwords.hash_password(password))
        start_session(user)
        audit.record("sign_in.succeeded", **record)
    return "ok"


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    user = {"id": current_user.id, "email": current_user.email}
    with write(get_db()):
        ended = end_all_sessions(current_user.id, "signed out")
        audit.record("sign_out", user=user, record_type="user", record_id=user["id"],
                     detail={"sessions_ended": ended})
    logout_user()
    session.clear()
    flash(_("You have signed out"), "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token):
    db = get_db()
    link = password_tokens.find_usable(db, token)
    if link is None:
        return render_template("auth/link_expired.html"), 404
    form = SetPasswordForm()
    form.related_inputs = (link["email"], link["name"])
    if form.validate_on_submit():
        new_hash = passwords.hash_password(form.new_password.data)
        with write(db):
            if not password_tokens.use(db, link["id"]):
                return render_template("auth/link_expired.html"), 404
            user_data.set_password_hash(db, link["user_id"], new_hash)
            password_tokens.retire_all_for_user(db, link["user_id"])
            session_data.end_all_for_user(db, link["user_id"], "password set")
            audit.record("user.password_set", user={"id": link["user_id"], "email": link["email"]},
                         record_type="user", record_id=link["user_id"], detail={"by": "set-password link"})
        if current_user.is_authenticated:
            logout_user()
        session.clear()
        flash(_("Your password has been set. Sign in with your email address and new password"), "success")
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", form=form, link=link)


def init_app(app):
    login_manager.init_app(app)
    app.register_blueprint(bp)
