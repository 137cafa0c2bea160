"""Admin pages: staff accounts, set-password links, and the service's closure days."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..domain import audit
from .auth import end_all_sessions, roles_required
from ..data import password_tokens
from ..data import sessions as session_data
from ..data import users as user_data
from ..db import get_db, write
from ..data import closure_days as closure_data
from ..domain.vocabulary import STAFF_ROLE_HINTS, STAFF_ROLES
from ..forms.admin import ClosureDayForm, EditUserForm, UserForm

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
        try:
            with write(db):
                user_id = user_data.create(db, email=form.email.data, name=form.name.data, role=form.role.data)
                audit.record("user.created", record_type="user", record_id=user_id,
                             detail={"email": form.email.data, "role": form.role.data})
                token, expires = _new_link(user_id)
        except user_data.DuplicateEmail:
            form.email.errors = [_("An account with this email address already exists")]
        else:
            return _show_link(user_data.get(db, user_id), token, expires, created=True)
    return render_template("admin/user_form.html", form=form, user=None, role_hints=STAFF_ROLE_HINTS)


@bp.route("/users/<id:user_id>")
def user(user_id):
    user = _user_or_404(user_id)
    audit.record("user.viewed", record_type="user", record_id=user_id)
    return render_template("admin/user.html", user=user, roles=STAFF_ROLES,
                           open_sessions=session_data.open_count(get_db(), user_id))


@bp.route("/users/<id:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id):
    user = _user_or_404(user_id)
    form = EditUserForm(data=user if request.method == "GET" else None)
    conflict = False
    if form.validate_on_submit():
        db = get_db()
        changes = sorted(key for key in ("name", "email", "role") if form[key].data != user[key])
        try:
            with write(db):
                _keep_an_admin(db, user_id, still_admin=form.role.data == "admin")
                user_data.update(db, user_id, version=_int(form.version.data), email=form.email.data,
                                 name=form.name.data, role=form.role.data)
                if "role" in changes or "email" in changes:
                    # A new role or sign-in name takes effect at the next sign-in.
                    session_data.end_all_for_user(db, user_id, "account changed")
                audit.record("user.updated", record_type="user", record_id=user_id, detail={"changed": changes})
        except LastAdmin as problem:
            form.role.errors = [str(problem)]
        except user_data.DuplicateEmail:
            form.email.errors = [_("An account with this email address already exists")]
        except user_data.VersionConflict:
            conflict = True
            form.form_errors.append(_("Someone else changed this account while you were editing it. Your changes "
                                      "have not been saved: check what you typed against the current details, "
                                      "then save again"))
            user = user_data.get(db, user_id)
            form.version.data = user["version"]
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


class LastAdmin(Exception):
    """The change would leave the service with no active admin."""


def _keep_an_admin(db, user_id, *, still_admin=False, disabling=False):
    """Inside the write: refuse to demote or disable the last active admin."""
    user = user_data.get(db, user_id)
    losing_admin = user["role"] == "admin" and user["active"] and (disabling or not still_admin)
    if losing_admin and user_data.count_active_admins(db) <= 1:
        raise LastAdmin(_("This is the only active admin account. Make someone else an admin first"))


@bp.route("/users/<id:user_id>/disable", methods=["POST"])
def disable_user(user_id):
    user = _user_or_404(user_id)
    if user["id"] == current_user.id:
        flash(_("You cannot disable your own account"), "error")
        return redirect(url_for("admin.user", user_id=user_id))
    db = get_db()
    try:
        with write(db):
            _keep_an_admin(db, user_id, disabling=True)
            user_data.set_active(db, user_id, False)
            password_tokens.retire_all_for_user(db, user_id)
            ended = end_all_sessions(user_id, "account disabled")
            audit.record("user.disabled", record_type="user", record_id=user_id, detail={"sessions_ended": ended})
    except LastAdmin as problem:
        flash(str(problem), "error")
    else:
        flash(_("%(name)s’s account has been disabled and they have been signed out", name=user["name"]), "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<id:user_id>/enable", methods=["POST"])
def enable_user(user_id):
    user = _user_or_404(user_id)
    db = get_db()
    with write(db):
        user_data.set_active(db, user_id, True)
        audit.record("user.enabled", record_type="user", record_id=user_id)
    flash(_("%(name)s’s account has been enabled", name=user["name"]), "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<id:user_id>/sign-out", methods=["POST"])
def sign_out_user(user_id):
    """End every session of the user at once, for example after a lost laptop."""
    user = _user_or_404(user_id)
    with write(get_db()):
        ended = end_all_sessions(user_id, "signed out by an admin")
        audit.record("user.sessions_ended", record_type="user", record_id=user_id,
                     detail={"sessions_ended": ended})
    if user_id == current_user.id:
        return redirect(url_for("auth.sign_in"))
    flash(_("%(name)s has been signed out on every device", name=user["name"]), "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<id:user_id>/set-password-link", methods=["POST"])
def set_password_link(user_id):
    user = _user_or_404(user_id)
    if not user["active"]:
        flash(_("Enable the account before issuing a set-password link"), "error")
        return redirect(url_for("admin.user", user_id=user_id))
    with write(get_db()):
        token, expires = _new_link(user_id)
    return _show_link(user, token, expires, created=False)


def _new_link(user_id):
    """Issue a one-time link (inside a write). Only its hash is kept, so it is shown once."""
    token, expires = password_tokens.issue(get_db(), user_id, created_by=current_user.id,
                                           lifetime=current_app.config["PASSWORD_LINK_LIFETIME"])
    audit.record("user.password_link_issued", record_type="user", record_id=user_id,
                 detail={"expires_at": expires.isoformat(timespec="minutes")})
    return token, expires


def _show_link(user, token, expires, *, created):
    link = url_for("auth.set_password", token=token, _external=True)
    return render_template("admin/password_link.html", user=user, link=link, expires=expires, created=created)


@bp.route("/closure-days", methods=["GET", "POST"])
def closure_days():
    """Days the service is closed, which deadlines skip as they skip weekends and bank holidays."""
    db = get_db()
    form = ClosureDayForm()
    if form.validate_on_submit():
        with write(db):
            closure_data.add(db, form.day.data, form.reason.data, current_user.id)
            audit.record("service.closure_day_added", record_type="closure_day", record_id=form.day.data.isoformat(),
                         detail={"reason": form.reason.data})
        flash(_("%(day)s has been added as a closure day", day=f"{form.day.data:%-d %B %Y}"), "success")
        return redirect(url_for("admin.closure_days"))
    return render_template("admin/closure_days.html", form=form, days=closure_data.all_days(db))


@bp.route("/closure-days/<day>/remove", methods=["POST"])
def remove_closure_day(day):
    db = get_db()
    with write(db):
        if not closure_data.remove(db, day):
            abort(404)
        audit.record("service.closure_day_removed", record_type="closure_day", record_id=day)
    flash(_("The closure day has been removed"), "success")
    return redirect(url_for("admin.closure_days"))
