"""The baseline meeting between coordinator and referrer, with its questions, bottom lines and resources."""

from ..domain import vocabulary
from . import iso, now
from .cases import VersionConflict

KINDS = tuple(vocabulary.BASELINE_ITEMS)


def get(db, case_id):
    rows = list(db.query("SELECT * FROM baselines WHERE case_id = ?", [case_id]))
    return rows[0] if rows else None


def save(db, case_id, version, *, held_on, attendees, objective, recorded_by):
    stamp = iso(now())
    if version is None:
        if get(db, case_id) is not None:
            raise VersionConflict(case_id)
        db.execute("INSERT INTO baselines (case_id, held_on, attendees, objective, recorded_by, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [case_id, held_on, attendees, objective, recorded_by, stamp])
        return
    cursor = db.execute(
        "UPDATE baselines SET held_on = ?, attendees = ?, objective = ?, recorded_by = ?, version = version + 1, "
        "updated_at = ? WHERE case_id = ? AND version = ?",
        [held_on, attendees, objective, recorded_by, stamp, case_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(case_id)


def items(db, case_id):
    """Every item on the case, grouped by kind, each kind in the order it was added."""
    grouped = {kind: [] for kind in KINDS}
    for row in db.query("SELECT * FROM baseline_items WHERE case_id = ? ORDER BY id", [case_id]):
        grouped[row["kind"]].append(row)
    return grouped


def add_item(db, case_id, kind, text):
    cursor = db.execute("INSERT INTO baseline_items (case_id, kind, text, created_at) VALUES (?, ?, ?, ?)",
                        [case_id, kind, text, iso(now())])
    return cursor.lastrowid


def remove_item(db, case_id, item_id):
    cursor = db.execute("DELETE FROM baseline_items WHERE case_id = ? AND id = ?", [case_id, item_id])
    return cursor.rowcount == 1
