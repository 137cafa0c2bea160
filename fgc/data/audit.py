"""The append-only audit trail (triggers refuse UPDATE and DELETE)."""

import json

from . import iso, now


def add(db, *, user_id, actor, action, record_type=None, record_id=None, ip=None, detail=None):
    db.execute(
        "INSERT INTO audit_events (at, user_id, actor, action, record_type, record_id, ip, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [iso(now()), user_id, actor, action, record_type,
         None if record_id is None else str(record_id), ip,
         json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None],
    )


def events(db, *, limit=100, user_id=None, action=None):
    where, params = [], []
    if user_id is not None:
        where.append("user_id = ?")
        params.append(user_id)
    if action is not None:
        where.append("action = ?")
        params.append(action)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = db.query(
        f"SELECT id, at, user_id, actor, action, record_type, record_id, ip, detail "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        f"FROM audit_events {clause} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )
    return [dict(row, detail=json.loads(row["detail"]) if row["detail"] else None) for row in rows]


def for_record(db, record_type, record_id, *, exclude=()):
    """Every event about one record, oldest first."""
    marks = ", ".join("?" for _ in exclude)
    not_in = f"AND action NOT IN ({marks})" if exclude else ""
    rows = db.query(
        f"SELECT id, at, user_id, actor, action, detail FROM audit_events "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        f"WHERE record_type = ? AND record_id = ? {not_in} ORDER BY id",
        [record_type, str(record_id), *exclude])
    return [dict(row, detail=json.loads(row["detail"]) if row["detail"] else None) for row in rows]


def record_names(db, case_id):
    """What the timeline calls each record of a case, by kind and id: people, children, professionals, meetings,
    consents, PR holders, baseline items, plan tasks and resources, family links (their person) and staff."""
    def pairs(sql):
        return {row[0]: row[1] for row in db.execute(sql, [case_id])}

    return {
        "person": pairs("SELECT id, name FROM people WHERE case_id = ?"),
        "child": pairs("SELECT id, name FROM children WHERE case_id = ?"),
        "professional": pairs("SELECT id, name FROM professionals WHERE case_id = ?"),
        "meeting": {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT id, kind, starts_at FROM meetings WHERE case_id = ?", [case_id])},
        "consent": pairs("SELECT id, given_by FROM consents WHERE case_id = ?"),
        "pr_holder": pairs("SELECT id, name FROM pr_holders WHERE case_id = ?"),
        "item": pairs("SELECT id, text FROM baseline_items WHERE case_id = ?"),
        "task": pairs("SELECT t.id, t.what FROM plan_tasks t JOIN plans p ON p.id = t.plan_id WHERE p.case_id = ?"),
        "resource": pairs("SELECT r.id, r.what FROM plan_resources r JOIN plans p ON p.id = r.plan_id "
                          "WHERE p.case_id = ?"),
        "link": pairs("SELECT l.id, p.name FROM family_links l JOIN people p ON p.id = l.person_id "
                      "WHERE l.case_id = ?"),
        "user": {row[0]: row[1] for row in db.execute("SELECT id, name FROM users")},
    }
