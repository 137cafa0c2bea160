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
        f"SELECT id, at, user_id, actor, action, record_type, record_id, ip, detail "
        f"FROM audit_events {clause} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )
    return [dict(row, detail=json.loads(row["detail"]) if row["detail"] else None) for row in rows]


def for_record(db, record_type, record_id, *, exclude=()):
    """Every event about one record, oldest first."""
    marks = ", ".join("?" for _ in exclude)
    not_in = f"AND action NOT IN ({marks})" if exclude else ""
    rows = db.query(
        f"SELECT id, at, user_id, actor, action, detail FROM audit_events "
        f"WHERE record_type = ? AND record_id = ? {not_in} ORDER BY id",
        [record_type, str(record_id), *exclude])
    return [dict(row, detail=json.loads(row["detail"]) if row["detail"] else None) for row in rows]
