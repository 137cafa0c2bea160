"""The manager's reports (``fgc.domain.reports``): each for a period and optionally one coordinator or team, its
figures drawn as charts beside tables of the same numbers, and every table as CSV."""

from flask import Blueprint, Response, abort, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from .. import service
from ..data import reports as report_data
from ..data import users as user_data
from ..db import get_db
from ..domain import audit, reports
from ..domain import data_return as returned
from ..domain.deadlines import today
from ..forms.reports import ReportForm
from ..render import report_chart
from .auth import roles_required

bp = Blueprint("reports", __name__, url_prefix="/reports")
KEYS = "any(" + ", ".join(reports.REPORTS) + ")"
FILTERS = ("since-day", "since-month", "since-year", "until-day", "until-month", "until-year", "coordinator", "team")


@bp.before_request
@roles_required("manager")
def managers_only():
    """The reports are for managers."""


def _asked():
    """The form, and the period and scope it asks for (None when the form says what is wrong)."""
    db = get_db()
    form = ReportForm(formdata=request.args)
    form.coordinator.choices = [SelectChoice("", _("All coordinators"))] + [
        SelectChoice(str(row["id"]), row["name"]) for row in user_data.all_users(db) if row["role"] == "coordinator"]
    form.team.choices = [SelectChoice("", _("All teams"))] + [SelectChoice(team, team)
                                                               for team in report_data.teams(db)]
    if any(key in request.args for key in FILTERS) and not form.validate():
        return form, None, None
    default = reports.default_period(form.until.data or today())
    period = reports.Period(form.since.data or default.start, form.until.data or default.end)
    scope = reports.Scope(coordinator_id=int(form.coordinator.data) if form.coordinator.data else None,
                          team=form.team.data or None)
    return form, period, scope


def link(endpoint, **values):
    """This report's address for ``endpoint``, with the same filters: nothing else in the address goes through."""
    args = {key: value for key, value in request.args.items() if key in FILTERS and value}
    return url_for(endpoint, **values, **args)


@bp.route("")
def index():
    form, period, _scope = _asked()
    return render_template("reports/index.html", form=form, period=period, reports=reports.REPORTS,
                           summaries=reports.SUMMARIES, link=link)


@bp.route("/data-return")
def data_return():
    """What the pseudonymised return holds, column by column, and the download for the period chosen."""
    form, period, _scope = _asked()
    return render_template("reports/data_return.html", form=form, period=period, columns=returned.COLUMNS,
                           link=link)


@bp.route("/data-return.csv")
def data_return_csv():
    _form, period, scope = _asked()
    if period is None:
        abort(400)
    lines = returned.export(get_db(), period, scope, service.deadlines(), by=current_user)
    name = f"fgc-data-return-{period.start.isoformat()}-to-{period.end.isoformat()}.csv"
    return Response(stream_with_context(lines), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route(f"/<{KEYS}:key>")
def report(key):
    form, period, scope = _asked()
    if period is None:
        return render_template("reports/report.html", form=form, report=None, title=reports.REPORTS[key], key=key,
                               link=link)
    built = reports.build(get_db(), key, period, scope, service.deadlines())
    audit.record("report.viewed", detail={"report": key, **_detail(period, scope)})
    return render_template("reports/report.html", form=form, report=built, title=reports.REPORTS[key], key=key,
                           tables=reports.tables(built), charts=_charts(built), link=link, period=period)


@bp.route(f"/<{KEYS}:key>/download.csv")
def download(key):
    """One of the report's tables, named by ``table`` in the address, as CSV."""
    table = request.args.get("table", "")
    _form, period, scope = _asked()
    if period is None:
        abort(400)
    found = reports.tables(reports.build(get_db(), key, period, scope, service.deadlines())).get(table)
    if found is None:
        abort(404)
    audit.record("report.downloaded", detail={"report": key, "table": table, **_detail(period, scope)})
    name = f"{key}-{table}-{period.start.isoformat()}-to-{period.end.isoformat()}.csv".replace("_", "-")
    return Response(reports.csv_text(found[1], found[2]), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


def _detail(period, scope):
    return {"from": period.start.isoformat(), "to": period.end.isoformat(), "coordinator_id": scope.coordinator_id,
            "team": scope.team}


def _charts(built):
    """{figure or breakdown key: its SVG}, drawn on the server."""
    charts = {}
    for figure in built.figures:
        charts[figure.key] = Markup(report_chart.columns(  # nosec B704 # built by fgc.render.svg, which escapes every text it draws
            f"chart-{figure.key}", figure.label, reports.chart_description(figure),
            [(month, reports.month_label(month, short=True), month[:4] if month.endswith("-01") or index == 0 else "",
              value) for index, (month, value) in enumerate(figure.monthly)], figure.unit))
    for breakdown in built.breakdowns:
        charts[breakdown.key] = Markup(report_chart.bars(  # nosec B704 # built by fgc.render.svg, which escapes every text it draws
            f"chart-{breakdown.key}", breakdown.label, reports.breakdown_description(breakdown),
            [(row["group"], row[breakdown.chart_column]) for row in breakdown.rows]))
    return charts
