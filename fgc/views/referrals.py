"""Making a referral: a GOV.UK task list of sections, check your answers, then submit.

A referral is saved as a draft case from its first page, so nothing typed is lost
and nothing sensitive is kept in the browser. Only its author sees a draft. After
submission the same section pages edit the referral, guarded by the case version.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from .. import access
from ..data import cases as case_data
from ..data import users as user_data
from ..db import get_db
from ..domain import referrals
from ..forms import referrals as forms
from ..forms.base import show_outcome, whole_number

bp = Blueprint("referrals", __name__, url_prefix="/referrals")

# slug: (title, form class, hint shown under the title). Titles and hints are lazy: only for display.
SECTIONS = {
    "children": (_l("Children"), None, _l("Each child the conference is about")),
    "people": (_l("Parental responsibility"), None, _l("Everyone who holds parental responsibility")),
    "family": (_l("Legal status"), forms.FamilyStatusForm, _l("Legal status, PLO and court dates")),
    "risks": (_l("Risks"), forms.RisksForm, _l("Current and past risks")),
    "purpose": (_l("Purpose of the conference"), forms.PurposeForm,
                _l("Why the family is referred, and what to decide")),
    "needs": (_l("Needs and preferences"), forms.NeedsForm,
              _l("Interpreter, cultural and religious needs, coordinator")),
    "referrer": (_l("Referrer and sign-off"), forms.ReferrerForm, _l("Who is referring, and their manager’s sign-off")),
}


def section_done(case, slug, *, children, pr_holders):
    if slug == "children":
        return bool(children)
    if slug == "people":
        return bool(pr_holders)
    return slug in case["sections_done"]


def _statuses(case):
    db = get_db()
    children, holders = case_data.children(db, case["id"]), case_data.pr_holders(db, case["id"])
    return {slug: section_done(case, slug, children=children, pr_holders=holders) for slug in SECTIONS}


def _back(case):
    """Where a section page returns to: the task list for a draft, the case page after."""
    if case["stage"] == "draft":
        return url_for("referrals.task_list", case_id=case["id"])
    return url_for("cases.view", case_id=case["id"])


def _social_workers():
    return [SelectChoice(str(row["id"]), row["name"]) for row in user_data.all_users(get_db())
            if row["role"] == "social_worker" and row["active"]]


@bp.route("/new", methods=["GET", "POST"])
@login_required
def start():
    if current_user.role not in ("social_worker", "coordinator", "manager"):
        return render_template("error.html", title=_("You do not have permission to see this page"),
                               message=_("Referrals are made by social workers, coordinators and managers.")), 403
    form = forms.ReferralStartForm()
    if form.validate_on_submit():
        outcome = referrals.start(get_db(), reference=form.reference.data, urgent=form.urgent.data == "yes",
                                  urgency_reason=form.urgency_reason.data or "", user=current_user)
        if outcome.done:
            return redirect(url_for("referrals.task_list", case_id=outcome.value))
        show_outcome(form, outcome, None)
    return render_template("referrals/start.html", form=form, case=None)


@bp.route("/<id:case_id>")
@login_required
def task_list(case_id):
    case = access.current_case()
    if case["stage"] != "draft":
        return redirect(url_for("cases.view", case_id=case_id))
    access.require("edit_referral")
    return render_template("referrals/task_list.html", case=case, sections=SECTIONS, done=_statuses(case))


@bp.route("/<id:case_id>/reference", methods=["GET", "POST"])
@login_required
def reference(case_id):
    case = access.current_case()
    access.require("edit_referral")
    form = forms.ReferralStartForm(data={"reference": case["reference"], "urgent": "yes" if case["urgent"] else "no",
                                         "urgency_reason": case["urgency_reason"]}
                                   if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {"reference": form.reference.data, "urgent": 1 if form.urgent.data == "yes" else 0,
                  "urgency_reason": form.urgency_reason.data or ""}
        if _save(case, form, values, "reference"):
            return redirect(_back(case))
    return render_template("referrals/section.html", case=case, form=form, title=_("Case reference and urgency"),
                           back=_back(case))


def form_values(form):
    """A form's answers as column values: dates as ISO text, empty text as ''."""
    values = {}
    for name, field in form._fields.items():
        if name in ("csrf_token", "version"):
            continue
        value = field.data
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is None and field.type in ("StringField", "TextAreaField"):
            value = ""
        values[name] = value
    return values


def _save(case, form, values, section):
    """Save a section's fields, refusing a stale edit. True when saved."""
    version = whole_number(request.form.get("version") or str(case["version"]))
    outcome = referrals.save_section(get_db(), case, section, values, -1 if version is None else version,
                                     user=current_user)
    if not outcome.done:
        show_outcome(form, outcome, _("Someone else changed this referral while you were editing it. Your changes "
                                      "have not been saved: check the case, then make them again"))
    return outcome.done


@bp.route("/<id:case_id>/section/<any(family, risks, purpose, needs, referrer):slug>", methods=["GET", "POST"])
@login_required
def section(case_id, slug):
    case = access.current_case()
    access.require("edit_referral")
    title, form_class, _hint = SECTIONS[slug]
    form = form_class(data=case if request.method == "GET" else None)
    if slug == "referrer":
        form.social_worker_id.choices = [SelectChoice("", _("No one yet")), *_social_workers()]
        if request.method == "GET":
            form.social_worker_id.data = str(case["social_worker_id"] or "")
    if form.validate_on_submit():
        values = form_values(form)
        if slug == "referrer":
            values["social_worker_id"] = int(values["social_worker_id"]) if values["social_worker_id"] else None
        if _save(case, form, values, slug):
            return redirect(_back(case))
    return render_template("referrals/section.html", case=case, form=form, title=title, slug=slug,
                           back=_back(case))


@bp.route("/<id:case_id>/children")
@login_required
def children(case_id):
    case = access.current_case()
    access.require("edit_referral")
    return render_template("referrals/children.html", case=case, children=case_data.children(get_db(), case_id),
                           back=_back(case))


@bp.route("/<id:case_id>/children/new", methods=["GET", "POST"], defaults={"child_id": None})
@bp.route("/<id:case_id>/children/<id:child_id>", methods=["GET", "POST"])
@login_required
def child(case_id, child_id):
    case = access.current_case()
    access.require("edit_referral")
    db = get_db()
    existing = case_data.child(db, case_id, child_id) if child_id else None
    if child_id and existing is None:
        return render_template("error.html", title=_("Page not found"),
                               message=_("That child is not on this referral.")), 404
    form = forms.ChildForm(data=existing if request.method == "GET" else None).kept_choices(
        existing["ethnicity"] if existing else "")
    if form.validate_on_submit():
        values = form_values(form)
        referrals.save_child(db, case_id, values, user=current_user, child_id=child_id)
        flash(_("%(name)s has been added", name=values["name"]) if child_id is None else
              _("%(name)s has been updated", name=values["name"]), "success")
        return redirect(url_for("referrals.children", case_id=case_id))
    return render_template("referrals/child.html", case=case, form=form, child=existing)


@bp.route("/<id:case_id>/children/<id:child_id>/remove", methods=["POST"])
@login_required
def remove_child(case_id, child_id):
    """Straight away for a child with nothing recorded about them; otherwise after saying what goes with them."""
    case = access.current_case()
    access.require("edit_referral")
    db = get_db()
    child = access.found(case_data.child(db, case_id, child_id))
    form = forms.ChildRemoveForm()
    outcome = referrals.remove_child(db, case_id, child_id, user=current_user,
                                     confirmed=form.validate_on_submit() and request.form.get("confirm") == "yes")
    if not outcome.done:
        return render_template("referrals/remove_child.html", case=case, child=child, form=form,
                               record=case_data.child_record(db, case_id, child_id),
                               back=url_for("referrals.children", case_id=case_id))
    if not outcome.value:
        abort(404)
    flash(_("%(name)s has been removed from the referral", name=child["name"]), "success")
    return redirect(url_for("referrals.children", case_id=case_id))


@bp.route("/<id:case_id>/people")
@login_required
def people(case_id):
    case = access.current_case()
    access.require("edit_referral")
    return render_template("referrals/people.html", case=case, pr_holders=case_data.pr_holders(get_db(), case_id),
                           back=_back(case))


@bp.route("/<id:case_id>/people/new", methods=["GET", "POST"])
@login_required
def pr_holder(case_id):
    case = access.current_case()
    access.require("edit_referral")
    form = forms.PRHolderForm()
    if form.validate_on_submit():
        referrals.add_pr_holder(get_db(), case_id, name=form.name.data, relationship=form.relationship.data,
                                user=current_user)
        flash(_("%(name)s has been added", name=form.name.data), "success")
        return redirect(url_for("referrals.people", case_id=case_id))
    return render_template("referrals/pr_holder.html", case=case, form=form)


@bp.route("/<id:case_id>/people/<id:holder_id>/remove", methods=["POST"])
@login_required
def remove_pr_holder(case_id, holder_id):
    access.current_case()
    access.require("edit_referral")
    if not referrals.remove_pr_holder(get_db(), case_id, holder_id, user=current_user).value:
        abort(404)
    flash(_("The person has been removed"), "success")
    return redirect(url_for("referrals.people", case_id=case_id))


@bp.route("/<id:case_id>/check")
@login_required
def check(case_id):
    case = access.current_case()
    access.require("edit_referral")
    db = get_db()
    return render_template("referrals/check.html", case=case, done=_statuses(case),
                           children=case_data.children(db, case_id), pr_holders=case_data.pr_holders(db, case_id),
                           social_worker=user_data.get(db, case["social_worker_id"]) if case["social_worker_id"] else None,
                           sections=SECTIONS)


@bp.route("/<id:case_id>/submit", methods=["POST"])
@login_required
def submit(case_id):
    case = access.current_case()
    access.require("edit_referral")
    if case["stage"] != "draft":
        return redirect(url_for("cases.view", case_id=case_id))
    missing = [str(SECTIONS[slug][0]) for slug, done in _statuses(case).items() if not done]
    if missing:
        flash(_("Complete every section of the referral before submitting it. Still to do: %(sections)s",
                sections=", ".join(missing)), "error")
        return redirect(url_for("referrals.check", case_id=case_id))
    db = get_db()
    referrals.submit(db, case_id, user=current_user)
    flash(_("Referral %(reference)s has been sent to the FGC service", reference=case["reference"]), "success")
    if case_data.get_visible(db, case_id, access.viewer()) is None:
        # A coordinator referring for someone outside the council sees the case once it is allocated to them.
        return redirect(url_for("main.home"))
    return redirect(url_for("cases.view", case_id=case_id))
