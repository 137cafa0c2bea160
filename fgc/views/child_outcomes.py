"""Each child's outcome: the case's Outcomes page, recording a follow-up, and closing the case with each child's
outcome at closure (``fgc.domain.child_outcomes``)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import access
from ..data import cases as case_data
from ..data import child_outcomes as outcome_data
from ..data import consents
from ..db import get_db
from ..domain import child_outcomes, lifecycle
from ..domain.deadlines import today
from ..domain.vocabulary import OUTCOME_POINTS
from ..forms import child_outcomes as forms
from ..forms.base import show_outcome, whole_number
from .cases import CONFLICT, flash_moved

bp = Blueprint("child_outcomes", __name__, url_prefix="/cases")


@bp.route("/<id:case_id>/outcomes")
@login_required
def index(case_id):
    case = access.current_case()
    db = get_db()
    first = case_data.facts(db, [case_id])[case_id]["conference_held_on"]
    return render_template("child_outcomes/index.html", case=case, children=case_data.children(db, case_id),
                           points=child_outcomes.points(case, first), recorded=outcome_data.for_case(db, case_id),
                           first_conference=first, today=today(), can=access.can)


@bp.route("/<id:case_id>/outcomes/<id:child_id>/<any(closure, three_months, twelve_months):point>",
          methods=["GET", "POST"])
@login_required
def record(case_id, child_id, point):
    case = access.current_case()
    access.require("record_outcome")
    db = get_db()
    children = case_data.children(db, case_id)
    number = next((n for n, row in enumerate(children, start=1) if row["id"] == child_id), None)
    if number is None:
        abort(404)
    existing = outcome_data.get(db, child_id, point)
    form = forms.follow_up_form(children[number - 1], number)(data=existing if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = existing["version"] if existing else ""
    if form.validate_on_submit():
        outcome = child_outcomes.record(db, case, child_id, point, form.values(), whole_number(form.version.data),
                                        user=current_user)
        if outcome.done:
            flash(_("The outcome has been saved"), "success")
            return redirect(url_for("child_outcomes.index", case_id=case_id))
        show_outcome(form, outcome, str(CONFLICT))
    return render_template("child_outcomes/record.html", case=case, form=form, child=children[number - 1],
                           number=number, point=point, point_label=OUTCOME_POINTS[point])


@bp.route("/<id:case_id>/move/closed", methods=["GET", "POST"])
@login_required
def close(case_id):
    """Close the case, recording each child's outcome at closure on the same page."""
    case = access.current_case()
    access.require("progress")
    db = get_db()
    refusal = lifecycle.refusal(case["stage"], "closed", resume_stage=case["resume_stage"],
                                consent_withdrawn=consents.state(db, case_id) == "withdrawn")
    if refusal:
        flash(str(refusal), "error")
        return redirect(url_for("cases.view", case_id=case_id))
    children = case_data.children(db, case_id)
    form = forms.closure_form(children)()
    if form.validate_on_submit():
        outcome = child_outcomes.close(db, case, closed_on=form.closed_on.data, notes=form.notes.data or "",
                                       outcomes=form.outcomes(), user=current_user)
        if outcome.done:
            flash_moved("closed", outcome.value)
            return redirect(url_for("cases.view", case_id=case_id))
        show_outcome(form, outcome, str(CONFLICT))
    return render_template("child_outcomes/close.html", case=case, form=form,
                           children=list(zip(children, [prefix for _id, prefix in form.children])))
