"""Preparing for the conference: what each professional brings (no new news on the day) and the child's voice."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import access
from ..data import cases as case_data
from ..data import child_views, network, professionals, scales
from ..data import meetings as meeting_data
from ..db import get_db
from ..domain import deadlines, preparation
from ..forms import preparation as forms
from ..forms.base import show_outcome, version_of, whole_number

bp = Blueprint("preparation", __name__, url_prefix="/cases/<id:case_id>")


def _professional(case_id, professional_id):
    return access.found(professionals.get(get_db(), case_id, professional_id))


@bp.route("/professionals")
@login_required
def professionals_list(case_id):
    case = access.current_case()
    db = get_db()
    conference = meeting_data.current(db, case_id, "conference")
    return render_template("preparation/professionals.html", case=case, professionals=professionals.for_case(db, case_id),
                           conference=conference, can_edit=access.can("progress"))


@bp.route("/professionals/new", methods=["GET", "POST"], defaults={"professional_id": None})
@bp.route("/professionals/<id:professional_id>", methods=["GET", "POST"])
@login_required
def professional(case_id, professional_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    existing = _professional(case_id, professional_id) if professional_id else None
    data = None
    if request.method == "GET" and existing:
        data = dict(existing, scale="" if existing["scale"] is None else str(existing["scale"]))
    form = forms.ProfessionalForm(data=data)
    if request.method == "GET" and existing:
        form.version.data = existing["version"]
    if form.validate_on_submit():
        values = {name: form[name].data or "" for name in professionals.DETAILS}
        values["scale"] = forms.scale_value(form.scale.data)
        outcome = preparation.save_professional(db, case_id, values, user=current_user,
                                                professional_id=professional_id,
                                                version=version_of(form) if professional_id else None)
        if not outcome.done:
            show_outcome(form, outcome, _("Someone else changed this professional’s information while you were "
                                          "editing. Your changes have not been saved: check it, then make them again"))
        else:
            flash(_("%(name)s’s information has been saved", name=values["name"]), "success")
            return redirect(url_for("preparation.professionals_list", case_id=case_id))
    return render_template("preparation/professional.html", case=case, form=form, professional=existing)


@bp.route("/professionals/<id:professional_id>/dangers/new", methods=["GET", "POST"])
@login_required
def add_danger(case_id, professional_id):
    case = access.current_case()
    access.require("progress")
    professional = _professional(case_id, professional_id)
    form = forms.DangerForm()
    if form.validate_on_submit():
        preparation.add_danger(get_db(), case_id, professional_id, form.danger.data, form.safety_goal.data,
                               user=current_user)
        flash(_("The danger statement and safety goal have been added"), "success")
        return redirect(url_for("preparation.professionals_list", case_id=case_id))
    return render_template("preparation/form.html", case=case, form=form, title=_("Add a danger statement"),
                           caption=professional["name"], button=_("Add"),
                           back=url_for("preparation.professionals_list", case_id=case_id),
                           hints={"danger": _("What the professionals are worried will happen to the child if "
                                              "nothing changes, in plain words"),
                                  "safety_goal": _("What the professionals need to see to be satisfied the child "
                                                   "is safe")})


@bp.route("/professionals/<id:professional_id>/dangers/<id:danger_id>/remove", methods=["POST"])
@login_required
def remove_danger(case_id, professional_id, danger_id):
    access.current_case()
    access.require("progress")
    _professional(case_id, professional_id)
    if not preparation.remove_danger(get_db(), case_id, professional_id, danger_id, user=current_user).value:
        abort(404)
    flash(_("The danger statement has been removed"), "success")
    return redirect(url_for("preparation.professionals_list", case_id=case_id))


@bp.route("/professionals/<id:professional_id>/shared", methods=["GET", "POST"])
@login_required
def shared(case_id, professional_id):
    case = access.current_case()
    access.require("progress")
    professional = _professional(case_id, professional_id)
    form = forms.SharedForm(data={"shared_on": deadlines.today()} if request.method == "GET" else None)
    if form.validate_on_submit():
        preparation.mark_shared(get_db(), case_id, professional_id, form.shared_on.data.isoformat(), user=current_user)
        flash(_("%(name)s’s information is recorded as shared with the family", name=professional["name"]),
              "success")
        return redirect(url_for("preparation.professionals_list", case_id=case_id))
    return render_template("preparation/form.html", case=case, form=form, caption=professional["name"],
                           title=_("Record that the family has been given this information"), button=_("Save"),
                           back=url_for("preparation.professionals_list", case_id=case_id),
                           intro=_("No new news on the day: the family should hear everything before the "
                                   "conference."))


@bp.route("/children/<id:child_id>/views", methods=["GET", "POST"])
@login_required
def child_voice(case_id, child_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    child = case_data.child(db, case_id, child_id)
    if child is None:
        abort(404)
    existing = child_views.get(db, child_id)
    data = None
    if request.method == "GET" and existing:
        data = dict(existing, scale="" if existing["scale"] is None else str(existing["scale"]))
    form = forms.ChildViewsForm(data=data)
    if request.method == "GET":
        form.version.data = existing["version"] if existing else ""
    if form.validate_on_submit():
        values = {name: form[name].data or "" for name in child_views.FIELDS}
        values["scale"] = forms.scale_value(form.scale.data)
        version = version_of(form) if existing or form.version.data else None
        outcome = preparation.save_child_views(db, case_id, child_id, values, version, user=current_user)
        if not outcome.done:
            show_outcome(form, outcome, _("Someone else changed these views while you were editing. Your changes "
                                          "have not been saved: check them, then make them again"))
        else:
            flash(_("%(name)s’s views have been saved", name=child["name"]), "success")
            return redirect(url_for("cases.preparation", case_id=case_id, _anchor="voices"))
    return render_template("preparation/child_voice.html", case=case, form=form, child=child)


@bp.route("/meetings/<id:meeting_id>/scales", methods=["GET", "POST"])
@login_required
def meeting_scales(case_id, meeting_id):
    """Everyone's 0-10 scale at one conference or review. Excluded people take no part, so give none."""
    case = access.current_case()
    access.require("progress")
    db = get_db()
    meeting = meeting_data.get(db, case_id, meeting_id)
    if meeting is None or meeting["status"] == "cancelled":
        abort(404)
    rows = [("family", person["id"], person["name"]) for person in network.for_case(db, case_id)
            if not person["excluded"]]
    rows += [("professional", row["id"], _("%(name)s (%(agency)s)", name=row["name"], agency=row["agency"]))
             for row in professionals.for_case(db, case_id)]
    rows += [("child", child["id"], child["name"]) for child in case_data.children(db, case_id)]
    values = {(source, source_id): ("" if score is None else str(score))
              for (source, source_id), score in scales.for_meeting(db, meeting_id).items()}
    errors = {}
    if request.method == "POST":
        values = {(source, source_id): request.form.get(f"score-{source}-{source_id}", "").strip()[:10]
                  for source, source_id, _name in rows}
        for (source, source_id), value in values.items():
            if value and (whole_number(value, digits=2) is None or int(value) > 10):
                errors[(source, source_id)] = _("Enter a whole number from 0 to 10, or leave it blank")
        if not errors:
            preparation.record_scales(db, case_id, meeting_id,
                                      {key: int(value) if value else None for key, value in values.items()},
                                      user=current_user)
            flash(_("The scales have been saved"), "success")
            return redirect(url_for("cases.preparation", case_id=case_id, _anchor="scaling"))
    return render_template("preparation/scales.html", case=case, meeting=meeting, rows=rows, values=values,
                           errors=errors)
