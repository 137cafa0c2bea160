"""The family plan: the working copy being written, its tasks, resources and decisions noted
against bottom lines, the frozen versions the referrer decided on, reviews, and the PDFs
kept for agreed versions.

Every save is guarded by an edit counter checked in the UPDATE itself, so a save made from
a stale page raises VersionConflict instead of overwriting a newer change. A plan that is
agreed is locked (PlanLocked) until a new version is started from it.
"""

import json

from . import identifiers, iso, now
from .cases import OPEN, VersionConflict, visibility
from .network import Excluded

TASK_FIELDS = ("what", "who_people", "who_professionals", "who_other", "by_date", "by_when", "checker", "status",
               "answers")
_JSON = ("who_people", "who_professionals", "answers")


class PlanLocked(Exception):
    """The plan is agreed: start a new version before changing it."""


def get(db, case_id):
    rows = list(db.query("SELECT * FROM plans WHERE case_id = ?", [case_id]))
    return _plan(rows[0]) if rows else None


def by_id(db, plan_id):
    rows = list(db.query("SELECT * FROM plans WHERE id = ?", [plan_id]))
    return _plan(rows[0]) if rows else None


def _plan(row):
    row = dict(row)
    row["pending_decision"] = json.loads(row["pending_decision"]) if row["pending_decision"] else None
    return row


def ensure(db, case_id, *, user_id, review_on):
    """The case's plan, started now if there is none yet."""
    plan = get(db, case_id)
    if plan is None:
        stamp = iso(now())
        db.execute("INSERT INTO plans (case_id, review_on, created_by, created_at, updated_by, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [case_id, review_on, user_id, stamp, user_id, stamp])
        plan = get(db, case_id)
    return plan


def _editable(db, plan_id):
    row = db.execute("SELECT status FROM plans WHERE id = ?", [plan_id]).fetchone()
    if row is None:
        raise LookupError(plan_id)
    if row[0] == "agreed":
        raise PlanLocked(plan_id)


def _changed(db, plan_id, user_id):
    """The plan's content changed: note who and when, and take it back to draft.

    A plan marked ready, or waiting for sign-off, has to be checked and decided on again
    as it now stands.
    """
    db.execute("UPDATE plans SET revision = revision + 1, status = 'draft', pending_decision = NULL, "
               "updated_by = ?, updated_at = ? WHERE id = ?", [user_id, iso(now()), plan_id])


# Tasks

def _task(row):
    row = dict(row)
    for key in _JSON:
        row[key] = json.loads(row[key])
    return row


def tasks(db, plan_id):
    return [_task(row) for row in db.query(
        "SELECT t.*, u.name AS updated_by_name FROM plan_tasks t JOIN users u ON u.id = t.updated_by "
        "WHERE t.plan_id = ? ORDER BY t.position, t.id", [plan_id])]


def task(db, plan_id, task_id):
    rows = list(db.query("SELECT t.*, u.name AS updated_by_name FROM plan_tasks t JOIN users u ON u.id = t.updated_by "
                         "WHERE t.plan_id = ? AND t.id = ?", [plan_id, task_id]))
    return _task(rows[0]) if rows else None


def _check_task(db, case_id, values):
    """Everyone named and everything answered must belong to the case; nobody excluded does a task."""
    for person_id in values["who_people"]:
        row = db.execute("SELECT excluded FROM people WHERE id = ? AND case_id = ?", [person_id, case_id]).fetchone()
        if row is None:
            raise LookupError(("person", person_id))
        if row[0]:
            raise Excluded(person_id)
    for professional_id in values["who_professionals"]:
        if db.execute("SELECT 1 FROM professionals WHERE id = ? AND case_id = ?",
                      [professional_id, case_id]).fetchone() is None:
            raise LookupError(("professional", professional_id))
    for answer in values["answers"]:
        kind, _, number = answer.partition(":")
        sql = {"item": "SELECT 1 FROM baseline_items WHERE id = ? AND case_id = ? AND kind != 'resource'",
               "danger": "SELECT 1 FROM danger_statements d JOIN professionals p ON p.id = d.professional_id "
                         "WHERE d.id = ? AND p.case_id = ?"}.get(kind)
        if sql is None or not number.isdigit() or db.execute(sql, [int(number), case_id]).fetchone() is None:
            raise LookupError(("answer", answer))


def save_task(db, case_id, plan_id, values, *, user_id, task_id=None, version=None):
    """Add a task at the end (``task_id`` None) or change one if nobody has since ``version``."""
    _editable(db, plan_id)
    values = {key: values[key] for key in TASK_FIELDS}
    _check_task(db, case_id, values)
    stored = {key: json.dumps(value) if key in _JSON else value for key, value in values.items()}
    stamp = iso(now())
    if task_id is None:
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM plan_tasks WHERE plan_id = ?",
                              [plan_id]).fetchone()[0]
        cursor = db.execute(
            f"INSERT INTO plan_tasks (plan_id, position, {', '.join(identifiers(stored))}, updated_by, updated_at) "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            f"VALUES (?, ?, {', '.join('?' for _ in stored)}, ?, ?)",
            [plan_id, position, *stored.values(), user_id, stamp])
        task_id = cursor.lastrowid
    else:
        cursor = db.execute(
            f"UPDATE plan_tasks SET {', '.join(f'{key} = ?' for key in identifiers(stored))}, version = version + 1, "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            "updated_by = ?, updated_at = ? WHERE plan_id = ? AND id = ? AND version = ?",
            [*stored.values(), user_id, stamp, plan_id, task_id, version])
        if cursor.rowcount != 1:
            raise VersionConflict(task_id)
    _changed(db, plan_id, user_id)
    return task_id


def remove_task(db, plan_id, task_id, version, *, user_id):
    _editable(db, plan_id)
    cursor = db.execute("DELETE FROM plan_tasks WHERE plan_id = ? AND id = ? AND version = ?",
                        [plan_id, task_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(task_id)
    _changed(db, plan_id, user_id)


def move_task(db, plan_id, task_id, direction, *, user_id):
    """Swap a task with the one above (``direction`` -1) or below (+1). False if it is already at that end."""
    _editable(db, plan_id)
    order = [row["id"] for row in db.query("SELECT id FROM plan_tasks WHERE plan_id = ? ORDER BY position, id",
                                           [plan_id])]
    if task_id not in order:
        raise LookupError(task_id)
    index = order.index(task_id)
    other = index + direction
    if not 0 <= other < len(order):
        return False
    order[index], order[other] = order[other], order[index]
    for position, moved in enumerate(order, start=1):
        db.execute("UPDATE plan_tasks SET position = ? WHERE id = ?", [position, moved])
    _changed(db, plan_id, user_id)
    return True


# The rest of the plan

DETAILS = ("contingency", "monitoring", "review_on")


def save_details(db, plan_id, version, values, *, user_id):
    _editable(db, plan_id)
    cursor = db.execute(
        "UPDATE plans SET contingency = ?, monitoring = ?, review_on = ?, version = version + 1 "
        "WHERE id = ? AND version = ?",
        [values["contingency"], values["monitoring"], values["review_on"], plan_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(plan_id)
    _changed(db, plan_id, user_id)


def item_decisions(db, plan_id):
    return {row["item_id"]: row for row in db.query(
        "SELECT d.*, u.name AS decided_by_name FROM plan_item_decisions d JOIN users u ON u.id = d.decided_by "
        "WHERE d.plan_id = ?", [plan_id])}


def note_item_decision(db, case_id, plan_id, item_id, decision, *, user_id):
    """Note a decision against a bottom line or question instead of a task; blank clears it."""
    _editable(db, plan_id)
    if db.execute("SELECT 1 FROM baseline_items WHERE id = ? AND case_id = ? AND kind != 'resource'",
                  [item_id, case_id]).fetchone() is None:
        raise LookupError(item_id)
    if decision:
        db.execute("INSERT INTO plan_item_decisions (plan_id, item_id, decision, decided_by, at) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (plan_id, item_id) DO UPDATE SET "
                   "decision = excluded.decision, decided_by = excluded.decided_by, at = excluded.at",
                   [plan_id, item_id, decision, user_id, iso(now())])
    else:
        db.execute("DELETE FROM plan_item_decisions WHERE plan_id = ? AND item_id = ?", [plan_id, item_id])
    _changed(db, plan_id, user_id)


# Resources asked of the council

def resources(db, plan_id):
    return [dict(row) for row in db.query(
        "SELECT r.*, u.name AS sign_off_by_name FROM plan_resources r LEFT JOIN users u ON u.id = r.sign_off_by "
        "WHERE r.plan_id = ? ORDER BY r.id", [plan_id])]


def resource(db, plan_id, resource_id):
    rows = list(db.query("SELECT * FROM plan_resources WHERE plan_id = ? AND id = ?", [plan_id, resource_id]))
    return dict(rows[0]) if rows else None


def save_resource(db, plan_id, values, *, user_id, resource_id=None, version=None):
    """Add or change a request. Changing one clears any sign-off: the manager signed off the old request."""
    _editable(db, plan_id)
    stamp = iso(now())
    fields = [values["what"], values["detail"], 1 if values["sign_off_needed"] else 0]
    if resource_id is None:
        cursor = db.execute("INSERT INTO plan_resources (plan_id, what, detail, sign_off_needed, updated_at) "
                            "VALUES (?, ?, ?, ?, ?)", [plan_id, *fields, stamp])
        resource_id = cursor.lastrowid
    else:
        cursor = db.execute(
            "UPDATE plan_resources SET what = ?, detail = ?, sign_off_needed = ?, sign_off = NULL, sign_off_by = NULL, "
            "sign_off_at = NULL, sign_off_note = '', version = version + 1, updated_at = ? "
            "WHERE plan_id = ? AND id = ? AND version = ?", [*fields, stamp, plan_id, resource_id, version])
        if cursor.rowcount != 1:
            raise VersionConflict(resource_id)
    _changed(db, plan_id, user_id)
    return resource_id


def remove_resource(db, plan_id, resource_id, *, user_id):
    _editable(db, plan_id)
    if db.execute("DELETE FROM plan_resources WHERE plan_id = ? AND id = ?", [plan_id, resource_id]).rowcount != 1:
        raise LookupError(resource_id)
    _changed(db, plan_id, user_id)


def sign_off(db, plan_id, resource_id, version, outcome, note, *, user_id):
    """A senior manager approves or refuses a request that needs sign-off.

    Signing off is not a change to what the family wrote, so the plan keeps its status.
    """
    cursor = db.execute(
        "UPDATE plan_resources SET sign_off = ?, sign_off_by = ?, sign_off_at = ?, sign_off_note = ?, "
        "version = version + 1 WHERE plan_id = ? AND id = ? AND version = ? AND sign_off_needed = 1",
        [outcome, user_id, iso(now()), note, plan_id, resource_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(resource_id)
    db.execute("UPDATE plans SET revision = revision + 1, updated_by = ?, updated_at = ? WHERE id = ?",
               [user_id, iso(now()), plan_id])


# Status and decisions

def set_status(db, plan_id, revision, status, *, user_id, pending_decision=None, returned_reason=None):
    """Move the plan to ``status`` if its content is still at ``revision``."""
    assignments = "status = ?, pending_decision = ?, updated_by = ?, updated_at = ?"
    params = [status, json.dumps(pending_decision) if pending_decision else None, user_id, iso(now())]
    if returned_reason is not None:
        assignments += ", returned_reason = ?"
        params.append(returned_reason)
    cursor = db.execute(f"UPDATE plans SET {assignments}, revision = revision + 1 WHERE id = ? AND revision = ?",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
                        [*params, plan_id, revision])
    if cursor.rowcount != 1:
        raise VersionConflict(plan_id)


def freeze(db, plan_id, number, outcome, content, sha256, *, decided_by, decided_at):
    """Keep the plan as it stood when the referrer decided. The schema refuses any later change."""
    cursor = db.execute(
        "INSERT INTO plan_versions (plan_id, number, outcome, content, sha256, decided_by, decided_at, frozen_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [plan_id, number, outcome, content, sha256, decided_by, decided_at,
                                             iso(now())])
    return cursor.lastrowid


def start_next(db, plan_id, *, user_id, statuses=None, returned_reason=""):
    """Open the plan again as the next version: after a decline, or from a review.

    ``statuses`` ({task id: status}) carries what a review found into the new version.
    """
    for task_id, status in (statuses or {}).items():
        db.execute("UPDATE plan_tasks SET status = ?, version = version + 1 WHERE plan_id = ? AND id = ?",
                   [status, plan_id, task_id])
    db.execute("UPDATE plans SET number = number + 1, status = 'draft', pending_decision = NULL, "
               "returned_reason = ?, revision = revision + 1, updated_by = ?, updated_at = ? WHERE id = ?",
               [returned_reason, user_id, iso(now()), plan_id])


def versions(db, plan_id):
    """Every frozen version, newest first, without its content."""
    return [dict(row) for row in db.query(
        "SELECT v.id, v.plan_id, v.number, v.outcome, v.sha256, v.decided_at, v.frozen_at, u.name AS decided_by_name "
        "FROM plan_versions v JOIN users u ON u.id = v.decided_by WHERE v.plan_id = ? ORDER BY v.number DESC",
        [plan_id])]


def version(db, plan_id, number):
    rows = list(db.query(
        "SELECT v.*, u.name AS decided_by_name FROM plan_versions v JOIN users u ON u.id = v.decided_by "
        "WHERE v.plan_id = ? AND v.number = ?", [plan_id, number]))
    return dict(rows[0]) if rows else None


def version_by_id(db, version_id):
    rows = list(db.query(
        "SELECT v.*, u.name AS decided_by_name FROM plan_versions v JOIN users u ON u.id = v.decided_by "
        "WHERE v.id = ?", [version_id]))
    return dict(rows[0]) if rows else None


def latest_agreed(db, plan_id):
    rows = list(db.query("SELECT number FROM plan_versions WHERE plan_id = ? AND outcome != 'declined' "
                         "ORDER BY number DESC LIMIT 1", [plan_id]))
    return version(db, plan_id, rows[0]["number"]) if rows else None


def for_viewer(db, viewer, *, status="open", offset=0, limit=25):
    """One page of the plans on the cases ``viewer`` may see, with their latest agreed version, newest activity
    first, and how many there are in all. ``status`` is "open" (cases not closed), "closed" or "all"."""
    visible_clause, params = visibility(viewer)
    where = {"open": f" AND c.stage IN {OPEN}", "closed": " AND c.stage = 'closed'", "all": ""}[status]
    total = db.execute(f"SELECT count(*) FROM plans p JOIN cases c ON c.id = p.case_id WHERE {visible_clause}{where}",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
                       params).fetchone()[0]
    rows = [dict(row) for row in db.query(
        "SELECT c.id AS case_id, c.reference, c.stage, p.id AS plan_id, p.number, p.status, p.updated_at, "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "(SELECT max(number) FROM plan_versions v WHERE v.plan_id = p.id AND v.outcome != 'declined') "
        "AS latest_agreed, (SELECT count(*) FROM plan_versions v WHERE v.plan_id = p.id) AS version_count "
        f"FROM plans p JOIN cases c ON c.id = p.case_id WHERE {visible_clause}{where} "
        "ORDER BY p.updated_at DESC, p.id DESC LIMIT ? OFFSET ?", [*params, limit, offset])]
    return rows, total


# Reviews

def add_review(db, plan_id, version_id, *, meeting_id, held_on, changes, outcomes, user_id):
    """Record a review of an agreed version: {task key: (outcome, comment)} for its tasks."""
    cursor = db.execute(
        "INSERT INTO plan_reviews (plan_id, version_id, meeting_id, held_on, changes, recorded_by, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", [plan_id, version_id, meeting_id, held_on, changes, user_id, iso(now())])
    review_id = cursor.lastrowid
    for key, (outcome, comment) in outcomes.items():
        db.execute("INSERT INTO plan_review_tasks (review_id, task_key, outcome, comment) VALUES (?, ?, ?, ?)",
                   [review_id, key, outcome, comment])
    return review_id


def mark_review_started_version(db, review_id):
    db.execute("UPDATE plan_reviews SET started_new_version = 1 WHERE id = ?", [review_id])


def reviews(db, plan_id):
    """Every review, newest first, each with its task outcomes keyed by task."""
    rows = [dict(row) for row in db.query(
        "SELECT r.*, v.number AS version_number, u.name AS recorded_by_name FROM plan_reviews r "
        "JOIN plan_versions v ON v.id = r.version_id JOIN users u ON u.id = r.recorded_by "
        "WHERE r.plan_id = ? ORDER BY r.id DESC", [plan_id])]
    outcomes = {}
    for row in db.query("SELECT t.* FROM plan_review_tasks t JOIN plan_reviews r ON r.id = t.review_id "
                        "WHERE r.plan_id = ?", [plan_id]):
        outcomes.setdefault(row["review_id"], {})[row["task_key"]] = dict(row)
    for row in rows:
        row["outcomes"] = outcomes.get(row["id"], {})
    return rows


# PDFs of agreed versions

def cached_pdf(db, cache_key):
    row = db.execute("SELECT pdf FROM plan_pdfs WHERE cache_key = ?", [cache_key]).fetchone()
    return row[0] if row else None


def store_pdf(db, cache_key, version_id, pdf, *, user_id):
    db.execute("INSERT INTO plan_pdfs (cache_key, version_id, pdf, generated_by, generated_at) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT (cache_key) DO NOTHING", [cache_key, version_id, pdf, user_id, iso(now())])
