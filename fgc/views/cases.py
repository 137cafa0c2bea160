"""A case once referred: its page, the s.31ZA offer, consent, allocation, baseline, stages, timeline and search."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from .. import access, service
from ..data import baselines, child_views, consents, meetings, network, offers, professionals, scales
from ..data import cases as case_data
from ..data import plans as plan_data
from ..data import users as user_data
from ..db import get_db
from ..domain import audit, case_list, casework, lifecycle, scaling, vocabulary
from ..domain import timeline as timeline_rules
from ..forms import cases as forms
from ..forms.base import show_outcome, whole_number

bp = Blueprint("cases", __name__, url_prefix="/cases")

CONFLICT = _l("Someone else changed this while you were editing it. Your changes have not been saved: "
              "check the current details, then make them again")


def _case_roles_only():
    if current_user.role not in access.CASE_ROLES:
        abort(403)


@bp.route("/")
@login_required
def index():
    _case_roles_only()
    db = get_db()
    coordinators = {str(row["id"]): row["name"] for row in case_data.caseloads(db, lifecycle.OPEN)}
    query = case_list.CaseQuery.from_args(request.args, coordinators)
    found = case_list.find(db, access.viewer(), query, service.deadlines())
    audit.record("case.list_viewed", record_type="case",
                 detail={"filters": query.args(page=1), "page": found["page"],
                         "case_ids": [row["id"] for row in found["rows"]]})
    return render_template("cases/index.html", query=query, found=found, lists=case_list,
                           show_coordinators=current_user.role != "coordinator")


@bp.route("/unallocated")
@login_required
def unallocated():
    if current_user.role != "manager":
        abort(403)
    rows = case_data.summaries(get_db(), access.viewer(), unallocated=True)
    audit.record("case.list_viewed", record_type="case",
                 detail={"list": "unallocated", "case_ids": [row["id"] for row in rows]})
    return render_template("cases/unallocated.html", cases=rows)


@bp.route("/search")
@login_required
def search():
    _case_roles_only()
    form = forms.SearchForm(formdata=request.args)
    results = None
    if form.q.data and form.validate():
        results = case_data.search(get_db(), access.viewer(), form.q.data)
        audit.record("case.searched", record_type="case", detail={"case_ids": [row["id"] for row in results]})
    return render_template("cases/search.html", form=form, results=results)


def overview_context(case):
    """What the overview shows: where the case is and what to do next, with a line on each of its parts."""
    db = get_db()
    case_id = case["id"]
    people, excluded = network.counts(db, case_id)
    team = professionals.for_case(db, case_id)
    plan = plan_data.get(db, case_id)
    return {
        "case": case,
        "professional_count": len(team),
        "unshared_count": sum(1 for row in team if not row["shared_on"]),
        "voices": child_views.for_case(db, case_id),
        "people_count": people,
        "excluded_count": excluded,
        "coordinator": user_data.get(db, case["coordinator_id"]) if case["coordinator_id"] else None,
        "social_worker": user_data.get(db, case["social_worker_id"]) if case["social_worker_id"] else None,
        "offer": offers.get(db, case_id),
        "consent_state": consents.state(db, case_id),
        "baseline": baselines.get(db, case_id),
        "items": baselines.items(db, case_id),
        "meetings": meetings.for_case(db, case_id),
        "deadlines": service.deadlines().for_case(case, case_data.facts(db, [case_id])[case_id]),
        "next_steps": lifecycle.next_steps(case["stage"], resume_stage=case["resume_stage"]),
        "plan": plan,
        "agreed_plan": plan_data.latest_agreed(db, plan["id"]) if plan else None,
    }


@bp.route("/<id:case_id>")
@login_required
def view(case_id):
    case = access.current_case()
    if case["stage"] == "draft":
        return redirect(url_for("referrals.task_list", case_id=case_id))
    return render_template("cases/case.html", **overview_context(case), can=access.can)


@bp.route("/<id:case_id>/referral")
@login_required
def referral(case_id):
    """The referral as sent, with the s.31ZA offer and the family's consent."""
    case = access.current_case()
    db = get_db()
    return render_template("cases/referral.html", case=case, can=access.can, offer=offers.get(db, case_id),
                           consents=consents.for_case(db, case_id), children=case_data.children(db, case_id),
                           pr_holders=case_data.pr_holders(db, case_id),
                           social_worker=user_data.get(db, case["social_worker_id"]) if case["social_worker_id"]
                           else None)


@bp.route("/<id:case_id>/preparation")
@login_required
def preparation(case_id):
    """The baseline meeting, the professionals' information, the children's views and the scales."""
    case = access.current_case()
    db = get_db()
    team = professionals.for_case(db, case_id)
    occasions, lines = scaling.series(scales.for_case(db, case_id), professionals=team,
                                      children=case_data.children(db, case_id))
    return render_template(
        "cases/preparation.html", case=case, can=access.can, baseline=baselines.get(db, case_id),
        items=baselines.items(db, case_id), voices=child_views.for_case(db, case_id), professional_count=len(team),
        unshared_count=sum(1 for row in team if not row["shared_on"]), scale_occasions=occasions,
        scale_lines=lines, scale_chart=scaling.chart(case["reference"], occasions, lines) if occasions else None)


@bp.route("/<id:case_id>/meetings")
@login_required
def meetings_list(case_id):
    """The case's conferences and reviews, in the order they were booked, with what can be done to each."""
    case = access.current_case()
    return render_template("cases/meetings.html", case=case, can=access.can,
                           meetings=meetings.for_case(get_db(), case_id))


@bp.route("/<id:case_id>/offer", methods=["GET", "POST"])
@login_required
def offer(case_id):
    case = access.current_case()
    access.require("record")
    db = get_db()
    existing = offers.get(db, case_id)
    data = None
    if request.method == "GET" and existing:
        data = dict(existing, offer_made="no" if existing["exception_reason"] else "yes",
                    in_letter={1: "yes", 0: "no"}.get(existing["in_letter_before_proceedings"]),
                    response=existing["response"] or "")
    form = forms.OfferForm(data=data)
    if request.method == "GET":
        form.version.data = existing["version"] if existing else ""
    if form.validate_on_submit():
        outcome = casework.record_offer(db, case_id, form.values(), whole_number(form.version.data), user=current_user)
        if not outcome.done:
            show_outcome(form, outcome, str(CONFLICT))
        else:
            flash(_("The s.31ZA offer record has been saved"), "success")
            return redirect(url_for("cases.referral", case_id=case_id, _anchor="offer"))
    return render_template("cases/offer.html", case=case, form=form)


@bp.route("/<id:case_id>/consents/new", methods=["GET", "POST"])
@login_required
def add_consent(case_id):
    case = access.current_case()
    access.require("record")
    form = forms.ConsentForm()
    if form.validate_on_submit():
        casework.record_consent(get_db(), case_id, given_by=form.given_by.data, basis=form.basis.data,
                                given_on=form.given_on.data.isoformat(), may_share=form.may_share.data,
                                share_with=form.share_with.data, user=current_user)
        flash(_("Consent has been recorded"), "success")
        return redirect(url_for("cases.referral", case_id=case_id, _anchor="consent"))
    return render_template("cases/consent.html", case=case, form=form)


@bp.route("/<id:case_id>/consents/<id:consent_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw_consent(case_id, consent_id):
    case = access.current_case()
    access.require("record")
    db = get_db()
    consent = consents.get(db, case_id, consent_id)
    if consent is None or consent["withdrawn_on"]:
        abort(404)
    form = forms.WithdrawConsentForm(data={"withdrawn_by": consent["given_by"]} if request.method == "GET" else None)
    if form.validate_on_submit():
        paused = casework.withdraw_consent(db, case, consent_id, withdrawn_by=form.withdrawn_by.data,
                                           withdrawn_on=form.withdrawn_on.data.isoformat(), user=current_user).value
        flash(_("The withdrawal of consent has been recorded. Work on the case has stopped") if paused
              else _("The withdrawal of consent has been recorded"), "success")
        return redirect(url_for("cases.referral", case_id=case_id, _anchor="consent"))
    return render_template("cases/withdraw_consent.html", case=case, form=form, consent=consent)


def _coordinator_choices():
    return [SelectChoice(str(row["id"]), ngettext("%(name)s (%(num)d open case)", "%(name)s (%(num)d open cases)",
                                                  row["open_cases"], name=row["name"]))
            for row in case_data.caseloads(get_db(), lifecycle.OPEN)]


@bp.route("/<id:case_id>/allocate", methods=["GET", "POST"])
@login_required
def allocate(case_id):
    case = access.current_case()
    access.require("allocate")
    form = forms.AllocateForm(data={"coordinator_id": str(case["coordinator_id"] or "")}
                              if request.method == "GET" else None)
    form.coordinator_id.choices = _coordinator_choices()
    if form.validate_on_submit():
        db = get_db()
        coordinator_id = int(form.coordinator_id.data)
        casework.allocate(db, case, coordinator_id, user=current_user)
        coordinator = user_data.get(db, coordinator_id)
        flash(_("%(reference)s has been allocated to %(name)s", reference=case["reference"], name=coordinator["name"]),
              "success")
        return redirect(url_for("cases.view", case_id=case_id))
    return render_template("cases/allocate.html", case=case, form=form)


@bp.route("/<id:case_id>/baseline", methods=["GET", "POST"])
@login_required
def baseline(case_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    existing = baselines.get(db, case_id)
    if existing is None:
        refusal = lifecycle.refusal(case["stage"], "baseline_held")
        if refusal:
            flash(str(refusal), "error")
            return redirect(url_for("cases.view", case_id=case_id))
    form = forms.BaselineForm(data=existing if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = existing["version"] if existing else ""
    if form.validate_on_submit():
        outcome = casework.record_baseline(db, case, whole_number(form.version.data),
                                           held_on=form.held_on.data.isoformat(), attendees=form.attendees.data,
                                           objective=form.objective.data, user=current_user)
        if not outcome.done:
            show_outcome(form, outcome, str(CONFLICT))
        else:
            flash(_("The baseline meeting has been recorded"), "success")
            return redirect(url_for("cases.preparation", case_id=case_id, _anchor="baseline"))
    return render_template("cases/baseline.html", case=case, form=form)



def _item_added(kind):
    return {"question": _("Question for the family added"), "bottom_line": _("Bottom line added"),
            "resource": _("Resource offered added")}[kind]


@bp.route("/<id:case_id>/baseline/<any(question, bottom_line, resource):kind>/new", methods=["GET", "POST"])
@login_required
def add_item(case_id, kind):
    case = access.current_case()
    access.require("progress")
    if baselines.get(get_db(), case_id) is None:
        flash(_("Record the baseline meeting before adding to it"), "error")
        return redirect(url_for("cases.view", case_id=case_id))
    form = forms.BaselineItemForm()
    form.text.label.text = vocabulary.BASELINE_ITEMS[kind]
    if form.validate_on_submit():
        casework.add_baseline_item(get_db(), case_id, kind, form.text.data, user=current_user)
        flash(_item_added(kind), "success")
        return redirect(url_for("cases.preparation", case_id=case_id, _anchor="baseline"))
    return render_template("cases/baseline_item.html", case=case, form=form, kind=kind, kind_label=vocabulary.BASELINE_ITEMS[kind])


@bp.route("/<id:case_id>/baseline/items/<id:item_id>/remove", methods=["POST"])
@login_required
def remove_item(case_id, item_id):
    access.current_case()
    access.require("progress")
    if not casework.remove_baseline_item(get_db(), case_id, item_id, user=current_user).value:
        abort(404)
    flash(_("The item has been removed"), "success")
    return redirect(url_for("cases.preparation", case_id=case_id, _anchor="baseline"))


# Moves made from the case page; the others happen through their own forms
# (allocation, baseline, scheduling and recording meetings, and the referrer agreeing the plan).
MOVES = {
    "preparing": (None, _l("Start preparation")),
    "on_hold": (forms.PauseForm, _l("Put the case on hold")),
    "declined_by_family": (forms.PauseForm, _l("Record that the family declined")),
    "resume": (None, _l("Resume the case")),
}


@bp.route("/<id:case_id>/move/<any(preparing, on_hold, declined_by_family, resume):target>",
          methods=["GET", "POST"])
@login_required
def move(case_id, target):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    stage = case["resume_stage"] if target == "resume" else target
    refusal = lifecycle.refusal(case["stage"], stage, resume_stage=case["resume_stage"],
                                consent_withdrawn=consents.state(db, case_id) == "withdrawn") if stage else \
        _("There is no stage to resume")
    if refusal:
        flash(str(refusal), "error")
        return redirect(url_for("cases.view", case_id=case_id))
    form_class, title = MOVES[target]
    form = form_class() if form_class else forms.Form()
    if form.validate_on_submit():
        note = form.note.data if form_class is forms.PauseForm else ""
        flash_moved(stage, casework.move(db, case, stage, user=current_user, note=note).value)
        return redirect(url_for("cases.view", case_id=case_id))
    return render_template("cases/move.html", case=case, form=form, title=title, target=target, stage=stage)


def flash_moved(stage, cancelled):
    """Say the case moved, and how many scheduled meetings that cancelled (their cancellations need sending)."""
    if cancelled:
        flash(ngettext("%(num)d scheduled meeting was cancelled. Download the cancellation from the case and "
                       "send it to everyone invited",
                       "%(num)d scheduled meetings were cancelled. Download the cancellation from the case and "
                       "send it to everyone invited", cancelled), "info")
    flash(_("The case is now: %(stage)s", stage=lifecycle.label(stage)), "success")


@bp.route("/<id:case_id>/timeline")
@login_required
def timeline(case_id):
    """Everything done on the case, newest first, each as who did what to which record; filtered by kind."""
    case = access.current_case()
    kind = request.args.get("kind") if request.args.get("kind") in timeline_rules.KINDS else None
    page = whole_number(request.args.get("page", "1"), digits=5) or 1
    events, total = timeline_rules.entries(get_db(), case_id, kind=kind, page=page)
    pages = max(1, -(-total // timeline_rules.PAGE_SIZE))
    if page > pages:
        return redirect(url_for("cases.timeline", case_id=case_id, kind=kind, page=pages))
    return render_template("cases/timeline.html", case=case, events=events, total=total, kind=kind, page=page,
                           pages=pages, kinds=timeline_rules.KINDS, page_size=timeline_rules.PAGE_SIZE)
