"""The signed-in person's own account: changing their password."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain import audit, passwords, throttle
from . import auth
from ..data import users as user_data
from ..db import get_db, write
from ..forms.account import ChangePasswordForm

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    db = get_db()
    form = ChangePasswordForm()
    form.related_inputs = (current_user.email, current_user.name)
    status = 200
    if form.validate_on_submit():
        user = user_data.get(db, current_user.id)
        with write(db):
            attempt, first_refusal = throttle.reserve(user["email"])
            if attempt is None and first_refusal:
                audit.record("user.password_change_throttled", record_type="user", record_id=user["id"])
        if attempt is None:
            status = 429
            form.current_password.errors = [str(throttle.MESSAGE)]
        elif not passwords.verify(user["password_hash"], form.current_password.data):
            form.current_password.errors = [_("Your current password is not correct")]
            audit.record("user.password_change_failed", record_type="user", record_id=user["id"])
        else:
            new_hash = passwords.hash_password(form.new_password.data)
            with write(db):
                throttle.forgive(attempt, user["email"])
                user_data.set_password_hash(db, user["id"], new_hash)
                ended = auth.end_all_sessions(user["id"], "password changed")
                # Every earlier session has ended; this browser carries on in a new one.
                auth.start_session(user)
                audit.record("user.password_changed", user=user, record_type="user", record_id=user["id"],
                             detail={"sessions_ended": ended})
            flash(_("Your password has been changed. You have been signed out everywhere else"), "success")
            return redirect(url_for("main.home"))
    return render_template("account/change_password.html", form=form), status
