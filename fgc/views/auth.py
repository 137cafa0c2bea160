"""Signing in and out, set-password links, and who may see what.

Sessions are revocable on the server: the cookie carries only a random session
token, and a request counts as signed in only while that token's row in
``sessions`` is open, no more than 30 minutes idle and 12 hours old.
"""

import functools
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user

from ..data import now, password_tokens
from ..data import sessions as session_data
from ..db import get_db
from ..domain import signing_in
from ..forms.auth import SetPasswordForm, SignInForm

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"

# Endpoints anyone may reach without signing in. The route-walking test checks every other one.
PUBLIC_ENDPOINTS = {"auth.sign_in", "auth.set_password", "static", "main.healthz",
                    # Families have no accounts: their private link is their way in (fgc.views.family).
                    "family.robots", "family.open_link", "family.plan", "family.acknowledge", "family.task",
                    "family.pin", "family.language", "family.quick_exit", "family.plan_pdf", "family.stop_reminders"}


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
        signing_in.end_session(db, row["session_id"], reason)
        g.session_ended = reason
        return None
    if (moment - row["last_seen_at"]).total_seconds() > session_data.TOUCH_EVERY_SECONDS:
        signing_in.touch_session(db, row["session_id"], moment)
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


def log_in(user_row, token):
    """Give this browser a fresh cookie for the new server-side session ``token``."""
    session.clear()
    session.permanent = True
    login_user(User(dict(user_row, session_id=None), token))


def client():
    """Where a request comes from, as a new session records it."""
    return {"ip": request.remote_addr, "user_agent": request.headers.get("User-Agent")}


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
        outcome = signing_in.sign_in(get_db(), form.email.data, form.password.data, **client())
        if outcome.done:
            log_in(*outcome.value)
            flash(_("You are signed in"), "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("main.home"))
        status = 429 if outcome.value == signing_in.THROTTLED else 200
        form.email.errors = list(form.email.errors) + [outcome.problem]
    return render_template("auth/sign_in.html", form=form), status


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    signing_in.sign_out(get_db(), {"id": current_user.id, "email": current_user.email})
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
        if not signing_in.set_password(db, link, form.new_password.data).value:
            return render_template("auth/link_expired.html"), 404
        if current_user.is_authenticated:
            logout_user()
        session.clear()
        flash(_("Your password has been set. Sign in with your email address and new password"), "success")
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", form=form, link=link)


def init_app(app):
    login_manager.init_app(app)
    app.register_blueprint(bp)
