"""Admin pages: staff accounts, set-password links, the service's closure days, and the background work."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..data import closure_days as closure_data
from ..data import jobs as job_data
from ..data import messages as message_data
from ..data import second_factor as factor_data
from ..data import sessions as session_data
from ..data import users as user_data
from ..db import get_db
from ..domain import accounts, audit, messages, second_factor, signing_in, vocabulary
from ..domain.vocabulary import JOB_KINDS, STAFF_ROLE_HINTS, STAFF_ROLES
from ..forms.admin import ClosureDayForm, EditUserForm, UserForm
from ..forms.auth import ConfirmItIsYouForm
from ..forms.base import show_outcome, whole_number
from .auth import roles_required
from .messages import labels as message_labels

bp = Blueprint("admin", __name__, url_prefix="/admin")
# The POST-only actions below need no form class: CSRFProtect checks every POST's token.


@bp.before_request
@roles_required("admin")
def admins_only():
    """Every admin page is for admins only."""


def _user_or_404(user_id):
    user = user_data.get(get_db(), user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users")
def users():
    audit.record("user.list_viewed", record_type="user")
    return render_template("admin/users.html", users=user_data.all_users(get_db()), roles=STAFF_ROLES)


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    form = UserForm()
    if form.validate_on_submit():
        db = get_db()
        outcome = accounts.create_user(db, email=form.email.data, name=form.name.data, role=form.role.data,
                                       link_lifetime=current_app.config["PASSWORD_LINK_LIFETIME"], by=current_user,
                                       code=form.code.data, team=form.team.data or "")
        if outcome.done:
            user_id, token, expires = outcome.value
            return _show_link(user_data.get(db, user_id), token, expires, created=True)
        show_outcome(form, outcome, None)
    return render_template("admin/user_form.html", form=form, user=None, role_hints=STAFF_ROLE_HINTS)


@bp.route("/users/<id:user_id>")
def user(user_id):
    user = _user_or_404(user_id)
    audit.record("user.viewed", record_type="user", record_id=user_id)
    db = get_db()
    return render_template("admin/user.html", user=user, roles=STAFF_ROLES,
                           open_sessions=session_data.open_count(db, user_id),
                           has_app=second_factor.has_app(db, user_id),
                           recovery_codes=factor_data.recovery_codes_left(db, user_id))


@bp.route("/users/<id:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id):
    user = _user_or_404(user_id)
    form = EditUserForm(data=user if request.method == "GET" else None)
    conflict = False
    if form.validate_on_submit():
        outcome = accounts.update_user(get_db(), user_id, _int(form.version.data), email=form.email.data,
                                       name=form.name.data, role=form.role.data, by=current_user,
                                       code=form.code.data, dpo=form.dpo.data, team=form.team.data or "")
        if not outcome.done:
            show_outcome(form, outcome, _("Someone else changed this account while you were editing it. Your "
                                          "changes have not been saved: check what you typed against the current "
                                          "details, then save again"))
            conflict = outcome.conflict
            user = outcome.current or user
        else:
            flash(_("%(name)s’s account has been updated", name=form.name.data), "success")
            return redirect(url_for("admin.user", user_id=user_id))
    return render_template("admin/user_form.html", form=form, user=user, conflict=conflict,
                           role_hints=STAFF_ROLE_HINTS)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@bp.route("/users/<id:user_id>/disable", methods=["POST"])
def disable_user(user_id):
    user = _user_or_404(user_id)
    if user["id"] == current_user.id:
        flash(_("You cannot disable your own account"), "error")
        return redirect(url_for("admin.user", user_id=user_id))
    outcome = accounts.disable_user(get_db(), user_id, by=current_user)
    if not outcome.done:
        flash(outcome.problem, "error")
    else:
        flash(_("%(name)s’s account has been disabled and they have been signed out", name=user["name"]), "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<id:user_id>/enable", methods=["POST"])
def enable_user(user_id):
    user = _user_or_404(user_id)
    accounts.enable_user(get_db(), user_id, by=current_user)
    flash(_("%(name)s’s account has been enabled", name=user["name"]), "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<id:user_id>/sign-out", methods=["POST"])
def sign_out_user(user_id):
    """End every session of the user at once, for example after a lost laptop."""
    user = _user_or_404(user_id)
    accounts.sign_out_everywhere(get_db(), user_id, by=current_user)
    if user_id == current_user.id:
        return redirect(url_for("auth.sign_in"))
    flash(_("%(name)s has been signed out on every device", name=user["name"]), "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<id:user_id>/reset-second-factor", methods=["GET", "POST"])
def reset_second_factor(user_id):
    """A lost or new phone: the person sets up their authenticator app again at their next sign-in."""
    user = _user_or_404(user_id)
    if user_id == current_user.id:
        flash(_("You cannot reset your own second factor. Ask another admin"), "error")
        return redirect(url_for("admin.user", user_id=user_id))
    form = ConfirmItIsYouForm()
    status = 200
    if form.validate_on_submit():
        outcome = accounts.reset_second_factor(get_db(), user_id, by=current_user, code=form.code.data)
        if outcome.done:
            flash(_("%(name)s’s second factor has been reset. They have been signed out and told by email",
                    name=user["name"]), "success")
            return redirect(url_for("admin.user", user_id=user_id))
        status = 429 if outcome.value == signing_in.THROTTLED else 200
        show_outcome(form, outcome, None)
    return render_template("admin/reset_second_factor.html", form=form, user=user), status


@bp.route("/users/<id:user_id>/set-password-link", methods=["POST"])
def set_password_link(user_id):
    user = _user_or_404(user_id)
    if not user["active"]:
        flash(_("Enable the account before issuing a set-password link"), "error")
        return redirect(url_for("admin.user", user_id=user_id))
    lifetime = current_app.config["PASSWORD_LINK_LIFETIME"]
    token, expires = accounts.issue_password_link(get_db(), user_id, lifetime=lifetime, by=current_user).value
    return _show_link(user, token, expires, created=False)


def _show_link(user, token, expires, *, created):
    link = url_for("auth.set_password", token=token, _external=True)
    return render_template("admin/password_link.html", user=user, link=link, expires=expires, created=created)


@bp.route("/closure-days", methods=["GET", "POST"])
def closure_days():
    """Days the service is closed, which deadlines skip as they skip weekends and bank holidays."""
    db = get_db()
    form = ClosureDayForm()
    if form.validate_on_submit():
        accounts.add_closure_day(db, form.day.data, form.reason.data, by=current_user)
        flash(_("%(day)s has been added as a closure day", day=f"{form.day.data:%-d %B %Y}"), "success")
        return redirect(url_for("admin.closure_days"))
    return render_template("admin/closure_days.html", form=form, days=closure_data.all_days(db))


@bp.route("/closure-days/<day>/remove", methods=["POST"])
def remove_closure_day(day):
    if not accounts.remove_closure_day(get_db(), day, by=current_user).value:
        abort(404)
    flash(_("The closure day has been removed"), "success")
    return redirect(url_for("admin.closure_days"))


@bp.route("/jobs")
def jobs():
    """The background queue: how much work waits, and every job that failed after its last attempt, with why."""
    db = get_db()
    return render_template("admin/jobs.html", counts=job_data.counts(db), failures=job_data.recent_failures(db),
                           job_kinds=JOB_KINDS)


@bp.route("/messages")
def messages_sent():
    """Every message, newest first (optionally in one status): with nothing set up to send them, what would have
    gone."""
    db = get_db()
    status = request.args.get("status") if request.args.get("status") in vocabulary.MESSAGE_STATUSES else None
    page = whole_number(request.args.get("page", "1"), digits=5) or 1
    rows, total = message_data.for_service(db, status=status, page=page)
    pages = max(1, -(-total // message_data.PAGE_SIZE))
    if page > pages:
        return redirect(url_for("admin.messages_sent", status=status, page=pages))
    audit.record("message.list_viewed", record_type="message", detail={"status": status, "page": page})
    return render_template("admin/messages.html", messages=rows, total=total, page=page, pages=pages, status=status,
                           page_size=message_data.PAGE_SIZE, missing=messages.missing_templates(), **message_labels())


@bp.route("/messages/<id:message_id>")
def message(message_id):
    found = message_data.get(get_db(), message_id)
    if found is None:
        abort(404)
    audit.record("message.viewed", record_type="case" if found["case_id"] else "message",
                 record_id=found["case_id"] or message_id, detail={"message_id": message_id})
    subject, body = messages.shown(found)
    return render_template("admin/message.html", message=found, subject=subject, body=body, **message_labels())
