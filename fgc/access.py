"""Who may see which case, and who may do what to it: decided here and nowhere else.

Any route with a ``<id:case_id>`` argument gets its case loaded by :func:`load_case`
before the view runs; a case the user may not see, and a case that does not exist,
both answer 404, so nobody can learn that a case exists. Which cases are visible is
one SQL clause, :func:`fgc.data.cases.visibility`.
"""

from flask import abort, g, request
from flask_login import current_user

from .domain import audit
from .data import cases as case_data
from .db import get_db

CASE_ROLES = ("manager", "coordinator", "social_worker")
# Stages in which a plan can be written and decided on: from the day of the conference to closure.
PLAN_STAGES = ("conference_scheduled", "conference_held", "plan_agreed", "review_scheduled", "review_held")


# Blueprints whose case pages are for these roles alone: the disposal review is managers' work.
ROLE_ONLY = {"retention.": ("manager",)}


def viewer():
    return (current_user.id, current_user.role)


def _is_coordinator_of(case):
    return current_user.role == "coordinator" and case["coordinator_id"] == current_user.id


def _is_referrer_of(case):
    return case["created_by"] == current_user.id or case["social_worker_id"] == current_user.id


# What each action needs, beyond being able to see the case.
RULES = {
    # Read the case and record what the council or family said.
    "view": lambda case: True,
    "record": lambda case: case["stage"] not in ("draft", "closed"),
    # Change the referral: its author while it is a draft, then the referrer, coordinator or a manager.
    "edit_referral": lambda case: (case["created_by"] == current_user.id if case["stage"] == "draft"
                                   else current_user.role == "manager" or _is_coordinator_of(case)
                                   or _is_referrer_of(case)),
    "allocate": lambda case: current_user.role == "manager" and case["stage"] not in ("draft", "closed"),
    # Run the case: baseline, meetings, stage changes.
    "progress": lambda case: case["stage"] not in ("draft", "closed") and (current_user.role == "manager"
                                                                         or _is_coordinator_of(case)),
    # The plan: the coordinator writes it from the conference on; the referrer decides on it;
    # a manager signs off resources; reviews are recorded by whoever runs the case.
    "write_plan": lambda case: case["stage"] in PLAN_STAGES and (current_user.role == "manager"
                                                                 or _is_coordinator_of(case)),
    "decide_plan": lambda case: case["stage"] in PLAN_STAGES and _is_referrer_of(case),
    "sign_off": lambda case: case["stage"] in PLAN_STAGES and current_user.role == "manager",
    # Each child's outcome: by whoever runs the case, from referral on and after it closes (the follow-ups come
    # months later), until its personal data is disposed of.
    "record_outcome": lambda case: case["stage"] != "draft" and not case["disposed_at"] and (
        current_user.role == "manager" or _is_coordinator_of(case)),
}


def can(action, case=None):
    case = case if case is not None else g.get("case")
    return bool(case) and current_user.is_authenticated and RULES[action](case)


def require(action):
    """403 unless the signed-in user may take ``action`` on the current case."""
    if not can(action):
        abort(403)


def load_case(endpoint, values):
    """URL value preprocessor: put the visible case on ``g`` or answer 404.

    Every request for a case is a read of it, so each is audited here too.
    """
    if not values or "case_id" not in values or not current_user.is_authenticated:
        return
    case = case_data.get_visible(get_db(), values["case_id"], viewer())
    if case is None:
        # A case that does not exist and one this person may not see answer the same; both are recorded, so a
        # search of the access records shows anyone trying case numbers that are not theirs.
        audit.record("case.access_refused", record_type="case", record_id=values["case_id"],
                     detail={"page": endpoint, "method": request.method})
        abort(404)
    # Pages about a case that only some roles may open are refused before the visit is recorded as a read.
    for prefix, roles in ROLE_ONLY.items():
        if (endpoint or "").startswith(prefix) and current_user.role not in roles:
            abort(403)
    g.case = case
    # Even a form sent back with errors shows the case again, so every request counts as a read. Which person,
    # child or other record inside the case the page was about goes with it, so the access records can say who
    # looked at a network member or a child.
    inside = {name: value for name, value in values.items() if name != "case_id" and name.endswith("_id")}
    audit.record("case.viewed", record_type="case", record_id=case["id"],
                 detail={"page": endpoint, "method": request.method, **inside})


def found(row):
    """The row, or 404: for things inside a case looked up by an id from the URL."""
    if row is None:
        abort(404)
    return row


def current_case():
    case = g.get("case")
    if case is None:
        abort(404)
    return case


def init_app(app):
    app.url_value_preprocessor(load_case)
