"""The plan's record: frozen versions, hash checks, differences, reviews, PDF downloads and the
list of plans a social worker follows."""

import json

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import access
from ..data import cases as case_data
from ..data import family_links, network, professionals, scales
from ..data import meetings as meeting_data
from ..data import plans as plan_data
from ..db import get_db
from ..domain import agreement, audit, deadlines, filing, plan_document, planning
from ..forms import plan_records as forms
from ..forms.base import show_outcome, version_of, whole_number
from ..render import case_file

bp = Blueprint("plan_records", __name__)
CASE = "/cases/<id:case_id>/plan"
PAGE_SIZE = 25  # plans a page of the plans list shows
# A version number: from 1, and small enough for SQLite, so anything else is simply not found.
NUMBER = "<int(min=1, max=999999):number>"


def _document(row):
    """A frozen version's plan document, or None if its content no longer reads as one."""
    try:
        document = json.loads(row["content"])
    except ValueError:
        return None
    return document if isinstance(document, dict) and isinstance(document.get("tasks"), list) else None


def _version(db, plan, number):
    """The frozen version ``number`` of the case's plan, or 404."""
    return access.found(plan_data.version(db, plan["id"], number) if plan else None)


def _review_meeting(db, case_id):
    """The review the scales belong to: the one scheduled now, else the latest one held."""
    scheduled = meeting_data.current(db, case_id, "review")
    if scheduled:
        return scheduled
    held = [row for row in meeting_data.for_case(db, case_id) if row["kind"] == "review" and row["status"] == "held"]
    return held[-1] if held else None


def _scale_rows(db, case_id):
    """Who can give a scale, as on the conference scales page. Excluded people take no part."""
    rows = [("family", person["id"], person["name"]) for person in network.for_case(db, case_id)
            if not person["excluded"]]
    rows += [("professional", row["id"], f"{row['name']} ({row['agency']})")
             for row in professionals.for_case(db, case_id)]
    rows += [("child", child["id"], child["name"]) for child in case_data.children(db, case_id)]
    return rows


def _reviews(db, plan):
    """Every review of the plan, newest first, each with its tasks' outcomes in the reviewed version's order."""
    documents = {}
    reviews = plan_data.reviews(db, plan["id"])
    for review in reviews:
        number = review["version_number"]
        if number not in documents:
            documents[number] = _document(plan_data.version(db, plan["id"], number)) or {"tasks": []}
        review["tasks"] = [dict(review["outcomes"][task["key"]], position=position, what=task["what"])
                           for position, task in enumerate(documents[number]["tasks"], start=1)
                           if task["key"] in review["outcomes"]]
    return reviews


def _attachment(pdf, name):
    response = Response(pdf, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


@bp.route("/plans")
@login_required
def index():
    if current_user.role not in access.CASE_ROLES:
        abort(403)
    status = request.args.get("status") if request.args.get("status") in ("closed", "all") else "open"
    page = whole_number(request.args.get("page", "1"), digits=5) or 1
    rows, total = plan_data.for_viewer(get_db(), access.viewer(), status=status, offset=(page - 1) * PAGE_SIZE,
                                       limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:
        return redirect(url_for("plan_records.index", status=None if status == "open" else status, page=pages))
    audit.record("plan.list_viewed", record_type="case",
                 detail={"status": status, "page": page, "case_ids": [row["case_id"] for row in rows]})
    return render_template("plan_records/index.html", plans=rows, total=total, page=page, pages=pages,
                           status=status, page_size=PAGE_SIZE)


@bp.route(f"{CASE}/versions")
@login_required
def versions(case_id):
    case = access.current_case()
    db = get_db()
    plan = plan_data.get(db, case_id)
    rows = plan_data.versions(db, plan["id"]) if plan else []
    form = forms.CompareForm([row["number"] for row in rows])
    if rows:
        form.from_.data = str(rows[1]["number"] if len(rows) > 1 else rows[0]["number"])
        form.to.data = str(rows[0]["number"]) if len(rows) > 1 else forms.DRAFT
    agreed = plan_data.latest_agreed(db, plan["id"]) if plan else None
    return render_template("plan_records/versions.html", case=case, plan=plan, versions=rows, compare_form=form,
                           reviews=_reviews(db, plan) if plan else [], agreed=agreed,
                           can_review=bool(agreed) and access.can("write_plan"))


@bp.route(f"{CASE}/versions/{NUMBER}")
@login_required
def version(case_id, number):
    case = access.current_case()
    db = get_db()
    row = _version(db, plan_data.get(db, case_id), number)
    doc = _document(row)
    key = plan_document.answer_key(doc) if doc else []
    return render_template("plan_records/version.html", case=case, version=row, doc=doc, key=key,
                           answers={task.get("key"): plan_document.task_answers(task, key)
                                    for task in (doc or {}).get("tasks", []) if isinstance(task, dict)})


@bp.route(f"{CASE}/versions/{NUMBER}/verify", methods=["POST"])
@login_required
def verify(case_id, number):
    case = access.current_case()
    db = get_db()
    plan = plan_data.get(db, case_id)
    row = _version(db, plan, number)
    intact, stored, recomputed = agreement.verify(db, plan["id"], number)
    audit.record("plan.version_verified", record_type="case", record_id=case_id,
                 detail={"number": number, "intact": intact})
    if not intact:
        current_app.logger.error("Plan version %s of case %s no longer matches its SHA-256", number, case_id)
    return render_template("plan_records/verified.html", case=case, version=row, intact=intact, stored=stored,
                           recomputed=recomputed)


@bp.route(f"{CASE}/compare")
@login_required
def compare(case_id):
    case = access.current_case()
    db = get_db()
    plan = plan_data.get(db, case_id)
    rows = plan_data.versions(db, plan["id"]) if plan else []
    asked = bool(rows) and any(key in request.args for key in ("from", "to"))
    form = forms.CompareForm([row["number"] for row in rows], formdata=request.args if asked else None)
    old = new = result = None
    if asked and form.validate():
        old_number, new_number = form.chosen()
        old = _document(plan_data.version(db, plan["id"], old_number))
        new = (plan_document.assemble(db, case, plan) if new_number == forms.DRAFT
               else _document(plan_data.version(db, plan["id"], new_number)))
        if old is None or new is None:
            form.form_errors.append(_("One of these versions cannot be read. Check each version, then try again"))
        else:
            result = plan_document.differences(old, new)
    answer_labels = {**((old or {}).get("answer_labels") or {}), **((new or {}).get("answer_labels") or {})}
    return render_template("plan_records/compare.html", case=case, plan=plan, versions=rows, form=form,
                           result=result, answer_labels=answer_labels)


@bp.route(f"{CASE}/versions/{NUMBER}.pdf", methods=["GET", "POST"])
@login_required
def version_pdf(case_id, number):
    """The filed PDF of a version; while it is being made, a page that says so. POST tries a failed one again."""
    case = access.current_case()
    db = get_db()
    plan = plan_data.get(db, case_id)
    row = _version(db, plan, number)
    try:
        download = filing.version_download(db, case, plan, row, current_user, retry=request.method == "POST")
    except filing.VersionTampered:
        current_app.logger.error("Plan version %s of case %s no longer matches its SHA-256", number, case_id)
        return render_template("plan_records/pdf_tampered.html", case=case, version=row), 409
    return _download(download, case, what=_("version %(number)s of the plan", number=number),
                     name=case_file.filename(case["reference"], number), detail={"number": number, "draft": False})


@bp.route(f"{CASE}/draft.pdf", methods=["GET", "POST"])
@login_required
def draft_pdf(case_id):
    case = access.current_case()
    db = get_db()
    plan = plan_data.get(db, case_id)
    if plan is None:
        flash(_("No plan has been started for this case yet, so there is no draft to download"), "info")
        return redirect(url_for("plan_records.versions", case_id=case_id))
    download = filing.draft_download(db, case, plan, current_user, retry=request.method == "POST")
    return _download(download, case, what=_("the draft plan"),
                     name=case_file.filename(case["reference"], plan["number"], draft=True),
                     detail={"number": plan["number"], "draft": True})


def _download(download, case, *, what, name, detail):
    """The PDF when it is ready; else a page saying it is being made, or that it could not be, and how to retry.
    ``?check=1`` answers only which of the three it is, for the waiting page's script."""
    if request.method == "POST":
        return redirect(request.path, code=303)
    if request.args.get("check"):
        return {"state": download.state}
    if download.state == filing.READY:
        audit.record("plan.pdf_downloaded", record_type="case", record_id=case["id"], detail=detail)
        return _attachment(download.pdf, name)
    page = {filing.PREPARING: ("plan_records/pdf_preparing.html", 202),
            filing.FAILED: ("plan_records/pdf_failed.html", 200)}[download.state]
    return render_template(page[0], case=case, what=what, job=download.job, url=request.path,
                           back_url=url_for("plan_records.versions", case_id=case["id"])), page[1]


@bp.route(f"{CASE}/review", methods=["GET", "POST"])
@login_required
def review(case_id):
    case = access.current_case()
    access.require("write_plan")
    db = get_db()
    plan = plan_data.get(db, case_id)
    agreed = plan_data.latest_agreed(db, plan["id"]) if plan else None
    meeting = _review_meeting(db, case_id)
    if agreed is None or meeting is None:
        return render_template("plan_records/review_unavailable.html", case=case, agreed=agreed)
    document = _document(agreed) or {"tasks": []}
    tasks = document["tasks"]
    rows = _scale_rows(db, case_id)
    form = forms.review_form(tasks, rows, ask_new_version=plan["status"] == "agreed",
                             data=_review_data(db, agreed, meeting) if request.method == "GET" else None)
    if form.validate_on_submit():
        outcomes = {task["key"]: (form[f"outcome_{task['key']}"].data, form[f"comment_{task['key']}"].data or "")
                    for task in tasks}
        new_version = "new_version" in form and form.new_version.data == "yes"
        outcome = planning.record_review(
            db, case, meeting, version_of(form), held_on=form.held_on.data.isoformat(), changes=form.changes.data,
            outcomes=outcomes, new_version=new_version, user=current_user,
            scores={(source, source_id): forms.scale_value(form[f"score_{source}_{source_id}"].data)
                    for source, source_id, _name in rows})
        if not outcome.done:
            show_outcome(form, outcome, None)
            form.version.data = str(agreed["number"])
        else:
            if new_version:
                flash(_("The review has been recorded and version %(number)s of the plan has been started from it",
                        number=outcome.value + 1), "success")
                return redirect(url_for("plans.view", case_id=case_id))
            flash(_("The review has been recorded"), "success")
            return redirect(url_for("plan_records.versions", case_id=case_id))
    return render_template("plan_records/review.html", case=case, plan=plan, agreed=agreed, meeting=meeting,
                           tasks=tasks, scale_rows=rows, form=form, answer_labels=document.get("answer_labels", {}),
                           family_said=_family_said(db, plan["id"], agreed["number"]))


def _review_data(db, agreed, meeting):
    """What the review form starts with: the agreed version, the day of the meeting if it has passed, and any
    scales already recorded at it."""
    held_on = meeting["held_on"] or meeting["starts_at"][:10]
    data = {"version": str(agreed["number"]), "held_on": held_on if held_on <= deadlines.today().isoformat() else None}
    return data | {f"score_{source}_{source_id}": str(score)
                   for (source, source_id), score in scales.for_meeting(db, meeting["id"]).items() if score is not None}


def _family_said(db, plan_id, number):
    """What the family told us through their links about each task of the agreed version, oldest first:
    it feeds the review, and never changes the version."""
    said = {}
    for row in reversed(family_links.task_updates(db, plan_id)):
        if row["number"] == number:
            said.setdefault(row["task_key"], []).append(row)
    return said
