"""Cases: one family's referral, its children and PR holders, its stage, and who may see it."""

import json
import sqlite3

from ..domain.vocabulary import STAGES
from . import identifiers, iso, now


class VersionConflict(Exception):
    """Someone else saved the case after this edit began."""


class DuplicateReference(Exception):
    """Another case already has this reference."""


_JSON = ("current_risks", "past_risks", "sections_done")

# Every stage but "closed", written out so that SQLite can find open cases through the index on stage: a
# "stage != 'closed'" reads every case ever held to find the few hundred that are open.
OPEN = "(" + ", ".join(f"'{stage}'" for stage in STAGES if stage != "closed") + ")"
STILL_OPEN = "(" + ", ".join(f"'{stage}'" for stage in STAGES if stage not in ("draft", "closed")) + ")"


def visibility(viewer, alias="c"):
    """SQL that limits cases to those ``viewer`` (user id, role) may see: the one place it is decided.

    Managers see every submitted case; coordinators the cases allocated to them (a
    referral a coordinator makes for an outside referrer goes to a manager to allocate);
    social workers the cases they referred or are named on; everyone their own drafts;
    admins no case at all.
    """
    user_id, role = viewer
    if role == "manager":
        return f"({alias}.stage != 'draft' OR {alias}.created_by = ?)", [user_id]
    if role == "coordinator":
        return f"(({alias}.coordinator_id = ? AND {alias}.stage != 'draft') " \
            f"OR ({alias}.created_by = ? AND {alias}.stage = 'draft'))", [user_id, user_id]
    if role == "social_worker":
        return f"({alias}.created_by = ? OR ({alias}.social_worker_id = ? AND {alias}.stage != 'draft'))", \
            [user_id, user_id]
    return "0", []


def _decode(row):
    if row is None:
        return None
    row = dict(row)
    for key in _JSON:
        row[key] = json.loads(row[key] or "[]")
    return row


def create_draft(db, *, created_by, reference, urgent, urgency_reason, referrer_name):
    stamp = iso(now())
    try:
        cursor = db.execute(
            "INSERT INTO cases (reference, stage, urgent, urgency_reason, created_by, referrer_name, "
            "created_at, updated_at) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?)",
            [reference.strip(), 1 if urgent else 0, urgency_reason, created_by, referrer_name, stamp, stamp],
        )
    except sqlite3.IntegrityError as error:
        if "cases.reference" in str(error):
            raise DuplicateReference(reference) from error
        raise
    reindex(db, cursor.lastrowid)
    return cursor.lastrowid


def count(db):
    return db.execute("SELECT count(*) FROM cases").fetchone()[0]


def get(db, case_id):
    rows = list(db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
    return _decode(rows[0]) if rows else None


def get_visible(db, case_id, viewer):
    clause, params = visibility(viewer)
    rows = list(db.query(f"SELECT c.* FROM cases c WHERE c.id = ? AND {clause}", [case_id, *params]))  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    return _decode(rows[0]) if rows else None


def update(db, case_id, version, **fields):
    """Change case fields if nobody has saved the case since ``version`` was read."""
    for key in _JSON:
        if key in fields:
            fields[key] = json.dumps(fields[key])
    assignments = ", ".join(f"{key} = ?" for key in identifiers(fields))
    try:
        cursor = db.execute(
            f"UPDATE cases SET {assignments}, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            [*fields.values(), iso(now()), case_id, version],
        )
    except sqlite3.IntegrityError as error:
        if "cases.reference" in str(error):
            raise DuplicateReference(fields.get("reference")) from error
        raise
    if cursor.rowcount != 1:
        raise VersionConflict(case_id)
    if "reference" in fields:
        reindex(db, case_id)


def move(db, case_id, *, to_stage, user_id, expected_stage=None, note="", resume_stage=None, **fields):
    """Record a stage change (and any fields that go with it) with who made it and when.

    ``expected_stage`` is the stage the user saw; if the case has moved on since,
    nothing changes and VersionConflict is raised, so two people cannot both move it.
    """
    case = get(db, case_id)
    if expected_stage is not None and case["stage"] != expected_stage:
        raise VersionConflict(case_id)
    stamp = iso(now())
    db.execute(
        "INSERT INTO stage_changes (case_id, from_stage, to_stage, user_id, at, note) VALUES (?, ?, ?, ?, ?, ?)",
        [case_id, case["stage"], to_stage, user_id, stamp, note],
    )
    assignments = "".join(f", {key} = ?" for key in identifiers(fields))
    db.execute(
        f"UPDATE cases SET stage = ?, resume_stage = ?{assignments}, version = version + 1, updated_at = ? "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "WHERE id = ?",
        [to_stage, resume_stage, *fields.values(), stamp, case_id],
    )


def stage_history(db, case_id):
    return list(db.query(
        "SELECT s.from_stage, s.to_stage, s.at, s.note, s.user_id, u.name AS user_name FROM stage_changes s "
        "JOIN users u ON u.id = s.user_id WHERE s.case_id = ? ORDER BY s.id", [case_id]))


_SUMMARY = (
    "SELECT c.id, c.reference, c.stage, c.resume_stage, c.urgent, c.referred_on, c.plan_agreed_on, "
    "c.coordinator_id, c.created_by, c.social_worker_id, c.updated_at, c.next_due_on, c.next_due_kind, "
    "c.legal_status, "
    "co.name AS coordinator_name, "
    "(SELECT group_concat(name, ', ') FROM (SELECT name FROM children WHERE case_id = c.id ORDER BY id)) "
    "AS children_names "
    "FROM cases c LEFT JOIN users co ON co.id = c.coordinator_id"
)


def summaries(db, viewer, *, stages=None, coordinator_id=None, referred_by=None, unallocated=False):
    """Case rows for lists and dashboards, limited to what ``viewer`` may see."""
    clause, params = visibility(viewer)
    where = [clause]
    if stages is not None:
        where.append(f"c.stage IN ({', '.join('?' for _ in stages)})")
        params += list(stages)
    if coordinator_id is not None:
        where.append("c.coordinator_id = ?")
        params.append(coordinator_id)
    if referred_by is not None:
        where.append("(c.created_by = ? OR c.social_worker_id = ?)")
        params += [referred_by, referred_by]
    if unallocated:
        where.append("c.coordinator_id IS NULL AND c.stage = 'referred'")
    return list(db.query(f"{_SUMMARY} WHERE {' AND '.join(where)} ORDER BY c.urgent DESC, c.referred_on, c.id",
                         params))


def caseloads(db, open_stages):
    """Each active coordinator with the number of open cases allocated to them."""
    marks = ", ".join("?" for _ in open_stages)
    return list(db.query(
        f"SELECT u.id, u.name, count(c.id) AS open_cases FROM users u "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        f"LEFT JOIN cases c ON c.coordinator_id = u.id AND c.stage IN ({marks}) "
        "WHERE u.role = 'coordinator' AND u.active = 1 GROUP BY u.id ORDER BY u.name COLLATE NOCASE",
        list(open_stages)))


# --- children and people with parental responsibility ------------------------------------

_CHILD_FIELDS = ("name", "date_of_birth", "gender", "ethnicity", "first_language", "disability", "needs")


def children(db, case_id):
    return list(db.query("SELECT * FROM children WHERE case_id = ? ORDER BY id", [case_id]))


def child(db, case_id, child_id):
    rows = list(db.query("SELECT * FROM children WHERE case_id = ? AND id = ?", [case_id, child_id]))
    return rows[0] if rows else None


def save_child(db, case_id, values, child_id=None):
    values = {key: values.get(key) for key in _CHILD_FIELDS}
    values["disability"] = values["disability"] or ""
    if child_id is None:
        cursor = db.execute(
            f"INSERT INTO children (case_id, {', '.join(identifiers(values))}) VALUES (?, {', '.join('?' for _ in values)})",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            [case_id, *values.values()])
        child_id = cursor.lastrowid
    else:
        db.execute(f"UPDATE children SET {', '.join(f'{key} = ?' for key in identifiers(values))} WHERE case_id = ? AND id = ?",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
                   [*values.values(), case_id, child_id])
    reindex(db, case_id)
    return child_id


def child_record(db, case_id, child_id):
    """What is recorded about a child beyond the referral, which goes with them if they are removed: how many
    people in the network have a relationship to them, whether their views are recorded, and at how many
    meetings they have a scale. None if the case has no such child."""
    if child(db, case_id, child_id) is None:
        return None
    count = lambda sql: db.execute(sql, [child_id]).fetchone()[0]  # noqa: E731
    return {"relationships": count("SELECT COUNT(*) FROM relationships WHERE child_id = ?"),
            "views": bool(count("SELECT COUNT(*) FROM child_views WHERE child_id = ?")),
            "scales": count("SELECT COUNT(*) FROM scales WHERE source = 'child' AND source_id = ?")}


def remove_child(db, case_id, child_id):
    """Remove a child from this case with everything in :func:`child_record`; False if the case has no such child."""
    if child(db, case_id, child_id) is None:
        return False
    db.execute("DELETE FROM relationships WHERE child_id = ?", [child_id])
    db.execute("DELETE FROM child_views WHERE child_id = ?", [child_id])
    db.execute("DELETE FROM scales WHERE source = 'child' AND source_id = ?", [child_id])
    db.execute("DELETE FROM children WHERE case_id = ? AND id = ?", [case_id, child_id])
    reindex(db, case_id)
    return True


def pr_holders(db, case_id):
    return list(db.query("SELECT * FROM pr_holders WHERE case_id = ? ORDER BY id", [case_id]))


def add_pr_holder(db, case_id, *, name, relationship):
    cursor = db.execute("INSERT INTO pr_holders (case_id, name, relationship) VALUES (?, ?, ?)",
                        [case_id, name, relationship])
    reindex(db, case_id)
    return cursor.lastrowid


def remove_pr_holder(db, case_id, holder_id):
    removed = db.execute("DELETE FROM pr_holders WHERE case_id = ? AND id = ?", [case_id, holder_id]).rowcount == 1
    reindex(db, case_id)
    return removed


# --- search ---------------------------------------------------------------------------------

def reindex(db, case_id):
    """Refresh the search row for a case: its reference and every name on it (children, PR holders, network)."""
    names = [row[0] for row in db.execute(
        "SELECT name FROM children WHERE case_id = ? UNION ALL SELECT name FROM pr_holders WHERE case_id = ? "
        "UNION ALL SELECT name FROM people WHERE case_id = ?", [case_id, case_id, case_id])]
    reference = db.execute("SELECT reference FROM cases WHERE id = ?", [case_id]).fetchone()[0]
    db.execute("DELETE FROM case_search WHERE rowid = ?", [case_id])
    db.execute("INSERT INTO case_search (rowid, reference, names) VALUES (?, ?, ?)",
               [case_id, reference, " | ".join(names)])


def _fts_query(text):
    """Each word of the user's text as a quoted prefix term: no FTS syntax gets through."""
    printable = "".join(char if char.isprintable() else " " for char in text)
    words = [word.replace('"', '""') for word in printable.split() if word.strip('"')]
    return " ".join(f'"{word}"*' for word in words[:10])


def search(db, viewer, text, limit=50):
    """The newest ``limit`` cases ``viewer`` may see that match ``text``.

    Newest first (the search index's own order), not by rank: ranking scores every match for a common
    surname (15,000 "Jones" at 20k cases) before showing 50, while this stops at the 50th visible match.
    """
    query = _fts_query(text)
    if not query:
        return []
    clause, params = visibility(viewer)
    return list(db.query(
        f"{_SUMMARY} JOIN case_search s ON s.rowid = c.id WHERE case_search MATCH ? AND {clause} "
        "ORDER BY s.rowid DESC LIMIT ?", [query, *params, limit]))


def facts(db, case_ids):
    """What deadlines depend on, for many cases at once: baseline date, conference and last review held."""
    if not case_ids:
        return {}
    marks = ", ".join("?" for _ in case_ids)
    rows = db.query(
        "SELECT c.id, (SELECT held_on FROM baselines b WHERE b.case_id = c.id) AS baseline_on, "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "(SELECT min(held_on) FROM meetings m WHERE m.case_id = c.id AND m.kind = 'conference' "
        " AND m.status = 'held') AS conference_held_on, "
        "(SELECT max(held_on) FROM meetings m WHERE m.case_id = c.id AND m.kind = 'review' "
        " AND m.status = 'held') AS review_held_on, "
        "(SELECT min(starts_at) FROM meetings m WHERE m.case_id = c.id AND m.status = 'scheduled') AS next_meeting_at "
        f"FROM cases c WHERE c.id IN ({marks})", list(case_ids))
    return {row["id"]: row for row in rows}


def conference_times(db, since):
    """Referral and first-conference dates for cases whose first conference was held on or after ``since``.

    Only conferences held since then are read (through an index), each kept if no conference was held on
    the case before it; history before ``since`` costs nothing however long it grows.
    """
    return list(db.query(
        "SELECT c.id, c.referred_on, m.held_on FROM meetings m JOIN cases c ON c.id = m.case_id "
        "WHERE m.kind = 'conference' AND m.status = 'held' AND m.held_on >= ? AND c.referred_on IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM meetings e WHERE e.case_id = m.case_id AND e.kind = 'conference' "
        "AND e.status = 'held' AND (e.held_on < m.held_on OR (e.held_on = m.held_on AND e.id < m.id)))",
        [since]))


def conference_times_fingerprint(db, since):
    """A summary of the conferences held since ``since`` that changes whenever one is held, from the index alone
    (the file, how many, and their ids weighted by date). A conference's date is set once, when it is held, and a
    case's referral date before any conference, so the rows :func:`conference_times` reads change only then."""
    return tuple(db.execute(
        "SELECT (SELECT file FROM pragma_database_list WHERE name = 'main'), count(*), "
        "total(id * julianday(held_on)) FROM meetings "
        "WHERE kind = 'conference' AND status = 'held' AND held_on >= ?", [since]).fetchone())


def open_ids(db):
    """The ids of every case that is neither a draft nor closed."""
    return [row["id"] for row in db.query(f"SELECT id FROM cases WHERE stage IN {STILL_OPEN}")]  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound


def set_next_due(db, case_id, on, kind):
    """Keep the case's next deadline (a date and what it is for, or None and '') for lists to filter and sort by."""
    day = on.isoformat() if on else None
    db.execute("UPDATE cases SET next_due_on = ?, next_due_kind = ? WHERE id = ? "
               "AND (next_due_on IS NOT ? OR next_due_kind IS NOT ?)", [day, kind, case_id, day, kind])


def clear_next_due_of_closed(db):
    db.execute("UPDATE cases SET next_due_on = NULL, next_due_kind = '' "
               "WHERE stage IN ('draft', 'closed') AND next_due_on IS NOT NULL")


_ORDER = {
    "deadline": "c.next_due_on IS NULL, c.next_due_on {dir}, c.urgent DESC",
    "reference": "c.reference COLLATE NOCASE {dir}",
    "stage": "(SELECT key FROM json_each(?) WHERE value = c.stage) {dir}",
    "coordinator": "co.name IS NULL, co.name COLLATE NOCASE {dir}",
    "referred": "c.referred_on IS NULL, c.referred_on {dir}",
}


def page(db, viewer, *, stages=(), coordinator=None, urgent=False, overdue_before=None, legal=(), status="open",
         sort="deadline", descending=False, offset=0, limit=25, stage_order=()):
    """One page of the cases ``viewer`` may see that match the filters, and how many match in all.

    ``coordinator`` is a user id, or ``"none"`` for cases no one is allocated; ``overdue_before`` a date (ISO)
    the next deadline falls before; ``status`` "open", "closed" or "all"; ``stage_order`` the stages in the
    order "stage" sorts them.
    """
    clause, params = visibility(viewer)
    where = [clause]
    if status == "open":
        where.append(f"c.stage IN {OPEN}")
    elif status == "closed":
        where.append("c.stage = 'closed'")
    if stages:
        where.append(f"c.stage IN ({', '.join('?' for _ in stages)})")
        params += list(stages)
    if coordinator == "none":
        where.append("c.coordinator_id IS NULL")
    elif coordinator is not None:
        where.append("c.coordinator_id = ?")
        params.append(int(coordinator))
    if urgent:
        where.append("c.urgent = 1")
    if overdue_before:
        where.append("c.next_due_on < ?")
        params.append(overdue_before)
    if legal:
        where.append(f"c.legal_status IN ({', '.join('?' for _ in legal)})")
        params += list(legal)
    condition = " AND ".join(where)
    total = db.execute(f"SELECT count(*) FROM cases c WHERE {condition}", params).fetchone()[0]  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    direction = "DESC" if descending else "ASC"
    order = _ORDER[sort].format(dir=direction)
    order_params = []
    if sort == "stage":
        order_params = [json.dumps(list(stage_order))]
    rows = list(db.query(f"{_SUMMARY} WHERE {condition} ORDER BY {order}, c.id {direction} LIMIT ? OFFSET ?",
                         [*params, *order_params, limit, offset]))
    return rows, total
