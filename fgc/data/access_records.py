"""Questions put to the audit trail: who looked at or changed which case, network member or child, and when.

Paged by id (newest first), never by OFFSET, so the thousandth page costs what the first does. Each filter is one
equality on an index (m002, m020) whose entries come in id order, so a page of the newest is read straight off it:
the case by (record_type, record_id), the network member and the child by their id in the event's detail, the
person acting by user_id, the kind of action by the part of its name before the dot. Dates become a range of ids,
found by two seeks on ``at``.
"""

import json
from datetime import timedelta

from . import iso

# The kind of an action: its name up to the first dot or underscore, as the index m020 made has it.
KIND = "substr(action, 1, instr(replace(action, '_', '.') || '.', '.') - 1)"
# Groups of actions a search can ask for: the kind of action, and which actions of it (None: all). "+action" keeps
# the planner on the kind's index, read in id order, rather than scanning the table.
ACTION_GROUPS = {
    "case_viewed": ("case", "+action = 'case.viewed'"),
    "case_changed": ("case", "+action != 'case.viewed'"),
    "family": ("family", None),
    "message": ("message", None),
    "sign_in": ("sign", None),
    "account": ("user", None),
    "access_records": ("access", None),
}
# An event is written a moment after its time is read, while another may be written first: how far out of order
# ids and times can be, at most (a write waits for the lock for seconds, not minutes).
_OUT_OF_ORDER = timedelta(minutes=5)
_COLUMNS = "id, at, user_id, actor, action, record_type, record_id, ip, detail"


def _id_at_or_after(db, moment):
    row = db.execute("SELECT id FROM audit_events WHERE at >= ? ORDER BY at LIMIT 1", [iso(moment)]).fetchone()
    return row[0] if row else None


def _where(db, filters):
    where, params = [], []
    if filters.get("case_id") is not None:
        where.append("record_type = 'case' AND record_id = ?")
        params.append(str(filters["case_id"]))
    for key in ("person_id", "child_id"):
        if filters.get(key) is not None:
            # The same expression as the index, and its condition, so the index answers.
            where.append(f"CAST(json_extract(detail, '$.{key}') AS INTEGER) = ? "
                         f"AND json_extract(detail, '$.{key}') IS NOT NULL")
            params.append(int(filters[key]))
    if filters.get("user_id") is not None:
        where.append("user_id = ?")
        params.append(filters["user_id"])
    if filters.get("action_group"):
        kind, which = ACTION_GROUPS[filters["action_group"]]
        where.append(f"{KIND} = ?" + (f" AND {which}" if which else ""))
        params.append(kind)
    for key, operator in (("since", ">="), ("until", "<")):
        if filters.get(key) is not None:
            where.append(f"at {operator} ?")
            params.append(iso(filters[key]))
            # The same bound as ids, so a search by dates alone reads only those days' events.
            bound = _id_at_or_after(db, filters[key] + (-_OUT_OF_ORDER if key == "since" else _OUT_OF_ORDER))
            if bound is not None:
                where.append(f"id {operator} ?")
                params.append(bound)
            elif key == "since":
                where.append("0")
    return where, params


def page(db, filters, *, before=None, after=None, size=50):
    """Up to ``size`` events matching ``filters``, newest first: the newest of all, those older than the event
    ``before``, or those newer than ``after``. Returns (events, more_older, more_newer)."""
    where, params = _where(db, filters)
    if before is not None:
        where.append("id < ?")
        params.append(before)
    if after is not None:
        where.append("id > ?")
        params.append(after)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    order = "ASC" if after is not None else "DESC"
    rows = [_event(row) for row in db.query(
        f"SELECT {_COLUMNS} FROM audit_events {clause} ORDER BY id {order} LIMIT ?", [*params, size + 1])]  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    more = len(rows) > size
    rows = rows[:size]
    if after is not None:
        rows.reverse()
        return rows, True, more
    return rows, more, before is not None


def each(db, filters, batch=1000):
    """Every event matching ``filters``, newest first, fetched a batch at a time (for a CSV export)."""
    before = None
    while True:
        rows, more, _ = page(db, filters, before=before, size=batch)
        yield from rows
        if not more:
            return
        before = rows[-1]["id"]


def _event(row):
    return dict(row, detail=json.loads(row["detail"]) if row["detail"] else {})


def case_references(db, case_ids):
    ids = sorted({int(case_id) for case_id in case_ids if str(case_id).isdigit()})
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {row[0]: row[1] for row in db.execute(f"SELECT id, reference FROM cases WHERE id IN ({marks})", ids)}  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound


def case_by_reference(db, reference):
    row = db.execute("SELECT id, reference FROM cases WHERE reference = ?", [reference.strip()]).fetchone()
    return {"id": row[0], "reference": row[1]} if row else None


def names(db, table, ids):
    """Names of network members (``people``) or children by id."""
    if table not in ("people", "children"):
        raise ValueError(table)
    ids = sorted({int(value) for value in ids if str(value).isdigit()})
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {row[0]: row[1] for row in db.execute(f"SELECT id, name FROM {table} WHERE id IN ({marks})", ids)}  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound


def people_named(db, text, limit=50):
    """Network members and children whose name contains ``text``, with their case, for picking one."""
    pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [dict(row) for row in db.query(
        "SELECT 'person' AS kind, p.id, p.name, c.reference, c.id AS case_id FROM people p "
        "JOIN cases c ON c.id = p.case_id WHERE p.name LIKE :pattern ESCAPE '\\' "
        "UNION ALL SELECT 'child', ch.id, ch.name, c.reference, c.id FROM children ch "
        "JOIN cases c ON c.id = ch.case_id WHERE ch.name LIKE :pattern ESCAPE '\\' "
        "ORDER BY 3 COLLATE NOCASE, 4 LIMIT :limit", {"pattern": pattern, "limit": limit})]


def subject(db, kind, subject_id):
    """A network member or child, with their case's reference, or None."""
    table = {"person": "people", "child": "children"}[kind]
    row = db.execute(f"SELECT s.id, s.name, c.id, c.reference FROM {table} s JOIN cases c ON c.id = s.case_id "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
                     "WHERE s.id = ?", [subject_id]).fetchone()
    return {"kind": kind, "id": row[0], "name": row[1], "case_id": row[2], "reference": row[3]} if row else None
