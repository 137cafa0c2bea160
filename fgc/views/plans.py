"""Writing the family plan: tasks in the family's words, the rest of the plan, the bottom-line
check, the referrer's decision and senior sign-off of resources.

Two people can write the same plan at once. Each task, the rest of the plan and each
resource has its own edit counter; a save made from a page that is out of date comes back
with the writer's own text kept beside what is saved now, so they can merge the two.
"""


from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from .. import access, service
from ..data import baselines, network, professionals
from ..data import plans as plan_data
from ..db import get_db
from ..domain import plan_document, planning, vocabulary
from ..forms import plans as forms
from ..forms.base import show_outcome, version_of, whole_number

bp = Blueprint("plans", __name__, url_prefix="/cases/<id:case_id>/plan")

REMOVED = _l("Someone else removed this task while you were editing. Your text is kept below: save it to add it "
             "to the plan again as a new task")
CONFLICT = _l("Someone else changed this while you were editing. Nothing you typed has been lost: your version is "
              "below, beside what is saved now. Merge the two, then save again")


def _plan():
    return plan_data.get(get_db(), access.current_case()["id"])


def _locked(plan):
    if plan and plan["status"] == "agreed":
        flash(_("Version %(number)s is agreed, so it cannot be changed. A review can start a new version",
                number=plan["number"]), "error")
        return True
    return False


def _back(case_id, anchor=None):
    return redirect(url_for("plans.view", case_id=case_id, _anchor=anchor))


@bp.errorhandler(plan_data.PlanLocked)
def plan_locked(_error):
    """The plan was agreed while someone was writing in it: say so, and go back to the plan."""
    case_id = access.current_case()["id"]
    _locked(plan_data.get(get_db(), case_id))
    return _back(case_id)


def _writing():
    """(case, db, plan) for a view that changes the plan: 403 unless the user may write it, and back
    to the plan page if the plan is agreed and so locked. ``plan`` is None until the first save."""
    case = access.current_case()
    access.require("write_plan")
    plan = _plan()
    if _locked(plan):
        abort(_back(case["id"]))
    return case, get_db(), plan


@bp.route("")
@login_required
def view(case_id):
    case = access.current_case()
    db = get_db()
    plan = plan_data.get(db, case_id)
    document = plan_document.assemble(db, case, plan)
    key = plan_document.answer_key(document)
    return render_template(
        "plans/plan.html", case=case, plan=plan, document=document, unanswered=plan_document.unanswered(document),
        key=key, answers={task["key"]: plan_document.task_answers(task, key) for task in document["tasks"]},
        pending=plan_document.pending_sign_off(document), task_status=vocabulary.TASK_STATUSES,
        versions=plan_data.versions(db, plan["id"]) if plan else [],
        agreed=plan_data.latest_agreed(db, plan["id"]) if plan else None,
        can_write=access.can("write_plan") and not (plan and plan["status"] == "agreed"),
        can_decide=access.can("decide_plan"), can_sign_off=access.can("sign_off"))


# Tasks

def _task_choices(db, case_id):
    people = [person for person in network.for_case(db, case_id) if not person["excluded"]]
    team = professionals.for_case(db, case_id)
    items = baselines.items(db, case_id)
    answers = [(f"item:{item['id']}", _("Bottom line: %(text)s", text=item["text"]) if kind == "bottom_line"
                else _("Question: %(text)s", text=item["text"]))
               for kind in plan_document.MUST_ANSWER for item in items[kind]]
    answers += [(f"danger:{danger['id']}", _("Worry (%(name)s): %(worry)s", name=member["name"],
                                             worry=danger["danger"]))
                for member in team for danger in member["dangers"]]
    return {"people": people, "professionals": team, "answers": answers}


def _task_data(task):
    return {"what": task["what"], "who_people": [str(value) for value in task["who_people"]],
            "who_professionals": [str(value) for value in task["who_professionals"]],
            "who_other": task["who_other"], "by_date": task["by_date"], "by_when": task["by_when"],
            "checker": task["checker"], "status": task["status"], "answers": task["answers"]}


@bp.route("/tasks/new", methods=["GET", "POST"], defaults={"task_id": None})
@bp.route("/tasks/<id:task_id>", methods=["GET", "POST"])
@login_required
def task(case_id, task_id):
    case, db, plan = _writing()
    existing = plan_data.task(db, plan["id"], task_id) if plan and task_id else None
    if task_id and existing is None and request.method == "GET":
        abort(404)
    choices = _task_choices(db, case_id)
    form = forms.TaskForm(data=_task_data(existing) if request.method == "GET" and existing else None, **choices)
    if request.method == "GET" and existing:
        form.version.data = existing["version"]
    saved_now = removed = None
    if task_id and existing is None:
        # Removed by someone else while this person was editing it: keep their text to add back.
        form.validate_on_submit()
        removed = True
        form.form_errors.append(str(REMOVED))
    elif form.validate_on_submit():
        outcome = planning.save_task(db, case, form.values(), user=current_user, targets=service.targets(),
                                     task_id=task_id, version=version_of(form) if task_id else None)
        if outcome.done:
            flash(_("The task has been saved"), "success")
            return _back(case_id, f"task-{outcome.value}")
        saved_now = outcome.current
        removed = outcome.conflict and saved_now is None
        show_outcome(form, outcome, str(REMOVED) if removed else str(CONFLICT))
    document = plan_document.assemble(db, case, plan) if saved_now else None
    return render_template("plans/task.html", case=case, form=form, task=existing, removed=removed,
                           saved_now=next((t for t in document["tasks"] if t["key"] == task_id), None)
                           if document else None, saved_by=saved_now, task_status=vocabulary.TASK_STATUSES,
                           answer_labels=dict(choices["answers"]))


@bp.route("/tasks/<id:task_id>/move/<any(up, down):direction>", methods=["POST"])
@login_required
def move_task(case_id, task_id, direction):
    case, db, plan = _writing()
    access.found(plan and plan_data.task(db, plan["id"], task_id))
    outcome = planning.move_task(db, case, plan, task_id, direction, user=current_user)
    if not outcome.done:
        flash(outcome.problem, "error")
        return _back(case_id)
    if outcome.value:
        flash(_("The task has been moved up") if direction == "up" else _("The task has been moved down"), "success")
    else:
        flash(_("The task is already at the top") if direction == "up" else _("The task is already at the bottom"),
              "info")
    return _back(case_id, f"task-{task_id}")


@bp.route("/tasks/<id:task_id>/remove", methods=["GET", "POST"])
@login_required
def remove_task(case_id, task_id):
    case, db, plan = _writing()
    existing = access.found(plan and plan_data.task(db, plan["id"], task_id))
    form = forms.TaskRemoveForm(data={"version": existing["version"]} if request.method == "GET" else None)
    if form.validate_on_submit():
        if not planning.remove_task(db, case, plan, task_id, version_of(form), user=current_user).done:
            flash(_("Someone else changed this task while you were deciding. It has not been removed: check it "
                    "again first"), "error")
            return _back(case_id, f"task-{task_id}")
        flash(_("The task has been removed"), "success")
        return _back(case_id)
    return render_template("plans/remove_task.html", case=case, form=form, task=existing)


# The rest of the plan

@bp.route("/details", methods=["GET", "POST"])
@login_required
def details(case_id):
    case, db, plan = _writing()
    initial = None
    if request.method == "GET":
        initial = ({key: plan[key] for key in plan_data.DETAILS} | {"version": plan["version"]} if plan else
                   {"review_on": planning.default_review_on(db, case, service.targets()), "version": ""})
    form = forms.DetailsForm(data=initial)
    saved_now = None
    if form.validate_on_submit():
        values = {"contingency": form.contingency.data or "", "monitoring": form.monitoring.data or "",
                  "review_on": form.review_on.data.isoformat()}
        outcome = planning.save_details(db, case, values, user=current_user, targets=service.targets(),
                                        version=version_of(form) if form.version.data else None)
        saved_now = outcome.current
        if not outcome.done:
            show_outcome(form, outcome, str(CONFLICT))
        else:
            flash(_("The rest of the plan has been saved"), "success")
            return _back(case_id, "rest-of-plan")
    return render_template("plans/details.html", case=case, form=form, saved_now=saved_now)


# Bottom lines and questions

@bp.route("/items/<id:item_id>", methods=["GET", "POST"])
@login_required
def item(case_id, item_id):
    case = access.current_case()
    db = get_db()
    plan = _plan()
    document = plan_document.assemble(db, case, plan)
    found = access.found(next((row for row in document["items"] if row["id"] == item_id), None))
    may_write = access.can("write_plan") and not (plan and plan["status"] == "agreed")
    form = forms.ItemDecisionForm(data={"decision": found["decision"] or ""} if request.method == "GET" else None)
    if request.method == "POST":
        access.require("write_plan")
        if _locked(plan):
            return _back(case_id)
        if form.validate_on_submit():
            planning.note_item_decision(db, case, item_id, form.decision.data or "", user=current_user,
                                        targets=service.targets())
            flash(_("The decision has been noted") if form.decision.data else _("The decision has been cleared"),
                  "success")
            return _back(case_id, "bottom-lines")
    tasks = {number: task for number, task in enumerate(document["tasks"], start=1)}
    return render_template("plans/item.html", case=case, form=form, item=found, tasks=tasks, may_write=may_write)


# Resources asked of the council

@bp.route("/resources/new", methods=["GET", "POST"], defaults={"resource_id": None})
@bp.route("/resources/<id:resource_id>", methods=["GET", "POST"])
@login_required
def resource(case_id, resource_id):
    case, db, plan = _writing()
    existing = access.found(plan and plan_data.resource(db, plan["id"], resource_id)) if resource_id else None
    form = forms.ResourceForm(data=existing if request.method == "GET" and existing else None)
    saved_now = None
    if form.validate_on_submit():
        values = {"what": form.what.data, "detail": form.detail.data or "",
                  "sign_off_needed": form.sign_off_needed.data}
        outcome = planning.save_resource(db, case, values, user=current_user, targets=service.targets(),
                                         resource_id=resource_id, version=version_of(form) if resource_id else None)
        saved_now = outcome.current
        if outcome.conflict and saved_now is None:
            abort(404)
        if not outcome.done:
            show_outcome(form, outcome, str(CONFLICT))
        else:
            flash(_("The request has been saved"), "success")
            return _back(case_id, "resources")
    return render_template("plans/resource.html", case=case, form=form, resource=existing, saved_now=saved_now)


@bp.route("/resources/<id:resource_id>/remove", methods=["POST"])
@login_required
def remove_resource(case_id, resource_id):
    case, db, plan = _writing()
    access.found(plan and plan_data.resource(db, plan["id"], resource_id))
    planning.remove_resource(db, case, plan, resource_id, user=current_user)
    flash(_("The request has been removed"), "success")
    return _back(case_id, "resources")


@bp.route("/resources/<id:resource_id>/sign-off", methods=["GET", "POST"])
@login_required
def sign_off(case_id, resource_id):
    case = access.current_case()
    access.require("sign_off")
    db = get_db()
    plan = access.found(_plan())
    existing = access.found(plan_data.resource(db, plan["id"], resource_id))
    if not existing["sign_off_needed"]:
        abort(404)
    form = forms.SignOffForm(data={"version": existing["version"]} if request.method == "GET" else None)
    if form.validate_on_submit():
        outcome = planning.sign_off(db, case, plan, resource_id, version_of(form), outcome=form.outcome.data,
                                    note=form.note.data or "", user=current_user)
        status = outcome.value
        if outcome.conflict:
            flash(_("The request changed while you were reading it. Read it again before signing it off"), "error")
            return redirect(url_for("plans.sign_off", case_id=case_id, resource_id=resource_id))
        if status == "agreed":
            message = _("The request is approved, and with it the plan is now agreed")
        elif status == "draft":
            message = _("The request is refused. The plan goes back to the family to revise")
        elif form.outcome.data == "approved":
            message = _("The request is approved")
        else:
            message = _("The request is refused")
        flash(message, "success")
        return _back(case_id, "resources")
    return render_template("plans/sign_off.html", case=case, form=form, resource=existing)


# Ready for agreement, and the referrer's decision

def _revision(form):
    number = whole_number(form.revision.data)
    return -1 if number is None else number


@bp.route("/ready", methods=["POST"])
@login_required
def ready(case_id):
    case = access.current_case()
    access.require("write_plan")
    db = get_db()
    plan = access.found(_plan())
    form = forms.StatusForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = planning.change_status(db, case, plan, _revision(form), ready=request.form.get("back") != "draft",
                                     user=current_user)
    if outcome.problem:
        flash(_("The plan cannot be marked ready for agreement: %(reason)s", reason=outcome.problem), "error")
        return _back(case_id, "check")
    if outcome.conflict:
        flash(_("Someone else changed the plan while you were reading it. Check it again"), "error")
        return _back(case_id)
    flash(_("The plan is ready for the referrer to agree") if request.form.get("back") != "draft" else
          _("The plan is a draft again"), "success")
    return _back(case_id)


@bp.route("/decision", methods=["GET", "POST"])
@login_required
def decision(case_id):
    case = access.current_case()
    access.require("decide_plan")
    db = get_db()
    plan = access.found(_plan())
    if plan["status"] != "ready":
        flash(_("The plan is not ready for your decision yet"), "error")
        return _back(case_id)
    form = forms.DecisionForm(data={"revision": plan["revision"]} if request.method == "GET" else None)
    if form.validate_on_submit():
        text = {"agreed": "", "agreed_with_changes": form.changes.data, "declined": form.reasons.data}[form.outcome.data]
        outcome = planning.decide(db, case, plan, _revision(form), outcome=form.outcome.data, text=text or "",
                                  user=current_user)
        if outcome.conflict:
            flash(_("The plan changed while you were reading it. Read it again before you decide"), "error")
            return redirect(url_for("plans.decision", case_id=case_id))
        if outcome.problem:
            flash(outcome.problem, "error")
            return _back(case_id)
        status = outcome.value
        if status == "agreed":
            message = _("Version %(number)s of the plan is agreed", number=plan["number"])
        elif status == "awaiting_sign_off":
            message = _("Your decision is recorded. The plan counts as agreed once a senior manager signs off the "
                        "resources it asks for")
        else:
            message = _("Version %(number)s is declined. The plan goes back to the family to revise",
                        number=plan["number"])
        flash(message, "success")
        return _back(case_id)
    document = plan_document.assemble(db, case, plan)
    return render_template("plans/decision.html", case=case, form=form, plan=plan, document=document,
                           pending=plan_document.pending_sign_off(document), task_status=vocabulary.TASK_STATUSES)
