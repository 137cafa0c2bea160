"""Access records: search the audit trail for who looked at or changed which case, network member or child, page
through the answer and download it. For admins and data protection officers (``fgc.domain.access_records``)."""

import functools

from flask import Blueprint, Response, abort, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from ..data import access_records as records
from ..db import get_db
from ..domain import access_records
from ..forms.access_records import AccessRecordsForm
from ..forms.base import whole_number

bp = Blueprint("access_records", __name__, url_prefix="/access-records")


def access_records_only(view):
    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.sees_access_records:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


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


def link(**changes):
    """This search's address with ``changes`` (None removes a value), for paging and narrowing it."""
    args = {key: value for key, value in request.args.items() if key not in ("before", "after")}
    args.update(changes)
    return url_for("access_records.index", **{key: value for key, value in args.items() if value not in (None, "")})
