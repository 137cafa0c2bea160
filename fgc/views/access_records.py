"""Access records: search the audit trail for who looked at or changed which case, network member or child, page
through the answer and download it (for admins and data protection officers, ``fgc.domain.access_records``); and
subject access exports of one person (data protection officers only, ``fgc.domain.subject_access``)."""

import json

from flask import Blueprint, Response, abort, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..data import access_records as records
from ..db import get_db
from ..data import subject_access as held
from ..domain import access_records, subject_access
from ..forms.access_records import AccessRecordsForm, SUBJECT
from ..render import subject_access as printed
from ..forms.base import whole_number
from .auth import permitted

bp = Blueprint("access_records", __name__, url_prefix="/access-records")


access_records_only = permitted(lambda user: user.sees_access_records)
dpo_only = permitted(lambda user: user.dpo)


def _form():
    form = AccessRecordsForm(formdata=request.args)
    form.user.choices = [SelectChoice("", _("Anyone"))] + [
        SelectChoice(str(user_id), f"{name} ({email})") for user_id, name, email in access_records.users(get_db())]
    return form


def _filters(form):
    """The filters asked for, or None when the form says what is wrong."""
    if not form.validate():
        return None
    filters, problem = access_records.filters_from(
        get_db(), reference=form.reference.data, subject=form.chosen_subject, user_id=form.chosen_user,
        action_group=form.action.data, since=form.since.data, until=form.until.data)
    if problem == "reference":
        form.reference.errors = [_("No case has the reference %(reference)s", reference=form.reference.data)]
    return filters


@bp.route("")
@access_records_only
def index():
    db = get_db()
    form = _form()
    page = {"form": form, "events": None, "people": None, "subject": None, "link": link}
    if not request.args:
        return render_template("access_records/index.html", **page)
    filters = _filters(form)
    if filters is not None and form.name.data and not form.chosen_subject:
        page["people"] = access_records.find_people(db, form.name.data)
    elif filters is not None:
        before, after = whole_number(request.args.get("before", "")), whole_number(request.args.get("after", ""))
        page["events"], page["older"], page["newer"] = access_records.search(db, filters, before=before, after=after)
        page["subject"] = records.subject(db, *form.chosen_subject) if form.chosen_subject else None
        if page["subject"] and current_user.dpo:
            page["exports"] = held.exports_about(db, *form.chosen_subject)
    return render_template("access_records/index.html", **page)


@bp.route("/download.csv")
@access_records_only
def download():
    form = _form()
    filters = _filters(form)
    if filters is None:
        abort(400)
    lines = access_records.export(get_db(), filters)
    response = Response(stream_with_context(lines), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=access-records.csv"
    return response


FILTERS = ("reference", "name", "subject", "user", "action", "since-day", "since-month", "since-year", "until-day",
           "until-month", "until-year")


def link(endpoint="access_records.index", **changes):
    """This search's address with ``changes`` (None removes a value), for paging, narrowing and downloading it.
    Only the search's own fields go through: nothing else in the address reaches url_for."""
    args = {key: value for key, value in request.args.items() if key in FILTERS}
    args.update(changes)
    return url_for(endpoint, **{key: value for key, value in args.items() if value not in (None, "")})


def _export(export_id):
    export = held.export(get_db(), export_id)
    if export is None:
        abort(404)
    return export


@bp.route("/subject-access", methods=["POST"])
@dpo_only
def make_export():
    found = SUBJECT.fullmatch(request.form.get("subject", ""))
    export_id = subject_access.make(get_db(), found[1], int(found[2]), by=current_user) if found else None
    if export_id is None:
        abort(404)
    return redirect(url_for("access_records.export", export_id=export_id), 303)


@bp.route("/subject-access/<id:export_id>")
@dpo_only
def export(export_id):
    export = _export(export_id)
    subject_access.viewed(get_db(), export)
    return render_template("access_records/export.html", export=export, content=export["content"])


@bp.route("/subject-access/<id:export_id>/export.json")
@dpo_only
def export_json(export_id):
    export = _export(export_id)
    subject_access.downloaded(get_db(), export, "json")
    response = Response(json.dumps(export["content"], ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers.set("Content-Disposition", "attachment",
                         filename=printed.filename(export["content"]).replace(".pdf", ".json"))
    return response


@bp.route("/subject-access/<id:export_id>/export.pdf")
@dpo_only
def export_pdf(export_id):
    export = _export(export_id)
    state, pdf = subject_access.pdf(get_db(), export_id)
    if request.args.get("check"):
        return {"state": state}
    if state == subject_access.PREPARING:
        return render_template("access_records/export_preparing.html", export=export, url=request.path), 202
    subject_access.downloaded(get_db(), export, "pdf")
    response = Response(pdf, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=printed.filename(export["content"]))
    return response
