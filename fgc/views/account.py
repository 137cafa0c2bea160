"""The signed-in person's own account: changing their password."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..db import get_db
from ..domain import signing_in
from ..forms.account import ChangePasswordForm
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
