"""The disposal review: ended cases whose retention period is over, for a manager to dispose of or keep for longer
(``fgc.domain.retention``)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import access
from ..db import get_db
from ..domain import audit, retention
from ..domain.vocabulary import STAGES
from ..forms.base import show_outcome
from ..forms.retention import DisposeForm, KeepLongerForm
from .auth import roles_required

bp = Blueprint("retention", __name__, url_prefix="/disposal")


@bp.before_request
@roles_required("manager")
def managers_only():
    """Every disposal review page is for managers only."""


@bp.route("")
def index():
    cases = retention.due(get_db())
    audit.record("case.listed", detail={"list": "disposal review", "case_ids": [row["id"] for row in cases]})
    return render_template("retention/index.html", cases=cases, rule=retention.rule(), stage_labels=STAGES)


@bp.route("/<id:case_id>", methods=["GET", "POST"])
def review(case_id):
    case = access.current_case()
    db = get_db()
    facts = retention.review_of(db, case_id)
    if facts is None:
        return render_template("retention/not_ended.html", case=case)
    dispose, keep = DisposeForm(), KeepLongerForm()
    which = request.form.get("action")
    form = dispose if which == "dispose" else keep
    if request.method == "POST" and which in ("dispose", "keep") and form.validate_on_submit():
        if which == "dispose":
            outcome = retention.dispose(db, case, confirm_reference=dispose.reference.data, by=current_user)
        else:
            outcome = retention.keep_longer(db, case, until=keep.until.data, note=keep.note.data, by=current_user)
        if outcome.done:
            flash(_("The personal data of %(reference)s has been disposed of", reference=case["reference"])
                  if which == "dispose" else _("%(reference)s will be reviewed again on %(day)s",
                                               reference=case["reference"], day=keep.until.data.isoformat()), "success")
            return redirect(url_for("retention.index"))
        show_outcome(form, outcome, None)
    return render_template("retention/review.html", case=case, facts=facts, dispose=dispose, keep=keep,
                           form=form if request.method == "POST" else None, rule=retention.rule(), stage_labels=STAGES)
