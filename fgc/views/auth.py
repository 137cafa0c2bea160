"""Signing in and out (a password, then a code from an authenticator app), set-password links, and who may see
what.

Sessions are revocable on the server: the cookie carries only a random session
token, and a request counts as signed in only while that token's row in
``sessions`` is open, has had its second factor, and is no more than 30 minutes idle and 12 hours old.
Between the password and the code, the cookie carries the token of a session still waiting (``waiting``),
which signs nobody in.
"""

import functools
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from markupsafe import Markup

from ..data import now, password_tokens
from ..data import sessions as session_data
from ..db import get_db
from ..domain import second_factor, signing_in, throttle
from ..forms.auth import AppCodeForm, RecoveryCodeForm, SetPasswordForm, SignInForm

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"

# Endpoints anyone may reach without signing in. The route-walking test checks every other one.
PUBLIC_ENDPOINTS = {"auth.sign_in", "auth.set_password", "static", "main.healthz",
                    # Between the password and the code: they check for a session waiting for its second factor.
                    "auth.enter_code", "auth.recovery_code", "auth.set_up",
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
        self.dpo = bool(row.get("dpo"))
        self.session_id = row["session_id"]
        self.session_token = session_token

    def get_id(self):
        # Flask-Login keeps this in the cookie: the session token, never the user id.
        return self.session_token

    def has_role(self, *roles):
        return self.role in roles

    @property
    def sees_access_records(self):
        """Admins, and anyone given the data protection officer's permission, may search who saw what."""
        return self.role == "admin" or self.dpo


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


def permitted(check):
    """Allow only signed-in users for whom ``check(user)`` holds; everyone else gets 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not check(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def roles_required(*roles):
    """Allow only signed-in users with one of ``roles``; everyone else gets 403."""
    return permitted(lambda user: user.has_role(*roles))


def log_in(user_row, token):
    """Give this browser a fresh cookie for the new server-side session ``token``, and mark it as a browser this
    account signs in from (see fgc.domain.throttle)."""
    session.clear()
    session.permanent = True
    login_user(User(dict(user_row, session_id=None), token))
    g.set_browser_cookie = True


def _browser_cookie(response):
    if g.get("set_browser_cookie"):
        response.set_cookie(throttle.browser_cookie_name(), throttle.browser_cookie(),
                            max_age=throttle.BROWSER_COOKIE_DAYS * 86400, secure=current_app.config["HTTPS"],
                            httponly=True, samesite="Lax")
    return response


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
            session.clear()
            session["waiting"] = outcome.value[1]
            session["next"] = _safe_next(request.args.get("next"))
            return redirect(url_for("auth.enter_code"))
        status = _status(outcome)
        form.email.errors = list(form.email.errors) + [outcome.problem]
    return render_template("auth/sign_in.html", form=form), status


def _status(outcome):
    return 429 if outcome.value == signing_in.THROTTLED else 200


def _waiting():
    """The account whose password was just accepted, still waiting for its second factor; else back to sign in."""
    row = signing_in.waiting(get_db(), session.get("waiting"))
    if row is None:
        if session.pop("waiting", None):
            flash(_("Sign in again. It was more than 10 minutes since you entered your password"), "info")
        abort(redirect(url_for("auth.sign_in"), 303))
    return row


def _signed_in(row, token):
    target = session.get("next") or url_for("main.home")
    log_in(row, token)
    flash(_("You are signed in"), "success")
    return target


def _second_factor(check, form, template):
    """The code or recovery code page for a waiting sign-in."""
    row = _waiting()
    if not second_factor.has_app(get_db(), row["id"]):
        return redirect(url_for("auth.set_up"))
    status = 200
    if form.validate_on_submit():
        outcome = check(get_db(), row, form.code.data, **client())
        if outcome.done:
            return redirect(_signed_in(*outcome.value))
        status = _status(outcome)
        form.code.errors = [outcome.problem]
    return render_template(template, form=form), status


@bp.route("/sign-in/code", methods=["GET", "POST"])
def enter_code():
    return _second_factor(signing_in.enter_code, AppCodeForm(), "auth/code.html")


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
def recovery_code():
    return _second_factor(signing_in.enter_recovery_code, RecoveryCodeForm(), "auth/recovery_code.html")


@bp.route("/sign-in/set-up", methods=["GET", "POST"])
def set_up():
    """A first sign-in: set up the authenticator app, then see the recovery codes, once."""
    db = get_db()
    row = _waiting()
    if second_factor.has_app(db, row["id"]):
        return redirect(url_for("auth.enter_code"))
    form = AppCodeForm()
    status = 200
    if form.validate_on_submit():
        outcome = signing_in.finish_setup(db, row, form.code.data, **client())
        if outcome.done:
            user, token, codes = outcome.value
            return render_template("auth/recovery_codes.html", codes=codes, next_url=_signed_in(user, token))
        status = _status(outcome)
        form.code.errors = [outcome.problem]
    secret = signing_in.start_setup(db, row)
    qr = Markup(second_factor.qr_svg(second_factor.setup_uri(secret, row["email"])))  # nosec B704 # segno's SVG of the setup address: one path, no text
    return render_template("auth/set_up.html", form=form, qr_svg=qr, key=second_factor.grouped(secret),
                           email=row["email"]), status


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
    app.after_request(_browser_cookie)
