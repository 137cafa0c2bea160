"""The signed-in person's own account: changing their password, and a new set of recovery codes."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..data import second_factor as factor_data
from ..db import get_db
from ..domain import signing_in
from ..forms.account import ChangePasswordForm
from ..forms.auth import ConfirmItIsYouForm
from . import auth

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    db = get_db()
    form = ChangePasswordForm()
    form.related_inputs = (current_user.email, current_user.name)
    status = 200
    if form.validate_on_submit():
        outcome = signing_in.change_password(db, current_user.id, form.current_password.data, form.new_password.data,
                                             **auth.client())
        if outcome.done:
            auth.log_in(*outcome.value)  # every earlier session has ended; this browser carries on in a new one
            flash(_("Your password has been changed. You have been signed out everywhere else"), "success")
            return redirect(url_for("main.home"))
        status = 429 if outcome.value == signing_in.THROTTLED else 200
        form.current_password.errors = [outcome.problem]
    return render_template("account/change_password.html", form=form), status


@bp.route("/recovery-codes", methods=["GET", "POST"])
@login_required
def recovery_codes():
    """A new set of recovery codes, shown once; the old ones stop working."""
    form = ConfirmItIsYouForm()
    status = 200
    if form.validate_on_submit():
        outcome = signing_in.new_recovery_codes(get_db(), {"id": current_user.id, "email": current_user.email},
                                                form.code.data)
        if outcome.done:
            return render_template("auth/recovery_codes.html", codes=outcome.value, next_url=url_for("main.home"))
        status = 429 if outcome.value == signing_in.THROTTLED else 200
        form.code.errors = [outcome.problem]
    left = factor_data.recovery_codes_left(get_db(), current_user.id)
    return render_template("account/recovery_codes.html", form=form, left=left), status
