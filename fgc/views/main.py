"""The home page (a dashboard for each role) and the health check."""

import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import access, db, service
from ..domain import audit, child_outcomes, due_dates, lifecycle
from ..data import cases as case_data
from ..data import meetings as meeting_data

bp = Blueprint("main", __name__)
LONDON = ZoneInfo("Europe/London")


@bp.route("/")
@login_required
def home():
    role = current_user.role
    if role not in access.CASE_ROLES:
        return render_template("main/home.html")
    database = db.get_db()
    viewer = access.viewer()
    due = service.deadlines()
    context = {"drafts": case_data.summaries(database, viewer, stages=["draft"])}
    if role == "coordinator":
        mine = case_data.summaries(database, viewer, coordinator_id=current_user.id, stages=lifecycle.OPEN)
        late = due.may_be_overdue(mine)
        follow_ups = child_outcomes.due_for(database, current_user.id, due.today)
        context.update(_by_stage(mine), meetings=_this_week_and_next(database, viewer),
                       follow_ups=follow_ups[:OVERDUE_SHOWN], follow_ups_total=len(follow_ups),
                       **_overdue(due.overdue(late, case_data.facts(database, [row["id"] for row in late]))))
    elif role == "manager":
        late = due.may_be_overdue(case_data.summaries(database, viewer, stages=lifecycle.OPEN))
        since = (due.today - datetime.timedelta(days=365)).isoformat()
        context.update(
            unallocated=case_data.summaries(database, viewer, unallocated=True),
            **_overdue(due.overdue(late, case_data.facts(database, [row["id"] for row in late]))),
            caseloads=case_data.caseloads(database, lifecycle.OPEN),
            timeliness=due_dates.timeliness(database, due, since))
    else:
        # Open cases only: closed ones, years of them for a busy social worker, are on the cases list, paged.
        mine = case_data.summaries(database, viewer, referred_by=current_user.id, stages=lifecycle.OPEN)
        facts = case_data.facts(database, [row["id"] for row in mine])
        context.update(referred=[dict(row, next=_next_date(row, facts[row["id"]], due)) for row in mine])
    shown = {row["id"] for key in ("drafts", "unallocated", "referred") for row in context.get(key, [])}
    shown |= {row["id"] for _stage, rows in context.get("by_stage", []) for row in rows}
    shown |= {row["id"] for row, _item in context.get("overdue", [])}
    shown |= {meeting["case_id"] for meeting in context.get("meetings", [])}
    shown |= {item["case_id"] for item in context.get("follow_ups", [])}
    audit.record("case.list_viewed", record_type="case", detail={"page": "home", "case_ids": sorted(shown)})
    return render_template(f"main/home_{role}.html", **context)


OVERDUE_SHOWN = 50


def _overdue(items):
    """The most overdue items first; a long list is cut short, with its full count."""
    return {"overdue": items[:OVERDUE_SHOWN], "overdue_total": len(items)}


def _by_stage(rows):
    groups = {}
    for row in rows:
        groups.setdefault(row["stage"], []).append(row)
    order = list(lifecycle.MAIN_PATH) + list(lifecycle.PAUSED)
    return {"by_stage": [(stage, groups[stage]) for stage in order if stage in groups], "case_count": len(rows)}


def _this_week_and_next(database, viewer):
    today = datetime.datetime.now(LONDON).date()
    monday = today - datetime.timedelta(days=today.weekday())
    start = datetime.datetime.combine(monday, datetime.time(), LONDON)
    return meeting_data.upcoming(database, viewer, start=start, end=start + datetime.timedelta(days=14),
                                 coordinator_id=current_user.id)


def _next_date(row, facts, due):
    """The next thing to happen on a case: a scheduled meeting, else the next open deadline."""
    if facts["next_meeting_at"]:
        return {"label": _("Meeting"), "when": facts["next_meeting_at"], "is_meeting": True}
    pending = [item for item in due.for_case(row, facts) if item["status"] is not None]
    if pending:
        return {"label": pending[0]["label"], "when": pending[0]["due"].isoformat(), "is_meeting": False,
                "tag_text": pending[0]["tag_text"], "tag_class": pending[0]["tag_class"]}
    return None


@bp.route("/healthz")
def healthz():
    """200 ``ok`` when the database answers a query, 503 otherwise. Needs no sign-in."""
    if db.ping(current_app.config["DATABASE"]):
        return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
    return "database unavailable\n", 503, {"Content-Type": "text/plain; charset=utf-8"}
