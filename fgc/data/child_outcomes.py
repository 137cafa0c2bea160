"""Each child's outcome: where they live, whether care proceedings were issued and any legal order, recorded at
closure and 3 and 12 months after the case's first conference (one row per child and point)."""

from . import iso, now
from .cases import VersionConflict

FIELDS = ("known_on", "living_with", "arrangement", "proceedings", "legal_order", "notes")


def for_case(db, case_id):
    """{(child id, point): row} for every outcome recorded on the case."""
    return {(row["child_id"], row["point"]): row
            for row in db.query("SELECT * FROM child_outcomes WHERE case_id = ?", [case_id])}


def get(db, child_id, point):
    rows = list(db.query("SELECT * FROM child_outcomes WHERE child_id = ? AND point = ?", [child_id, point]))
    return rows[0] if rows else None


def save(db, case_id, child_id, point, values, version, *, recorded_by):
    """Record the child's outcome at ``point``, or change it; ``version`` is None for a first record. Raises
    VersionConflict when someone else recorded or changed it first."""
    values = [values.get(key) or "" for key in FIELDS]
    stamp = iso(now())
    if version is None:
        cursor = db.execute(
            "INSERT INTO child_outcomes (case_id, child_id, point, known_on, living_with, arrangement, proceedings, "
            "legal_order, notes, recorded_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (child_id, point) DO NOTHING",
            [case_id, child_id, point, *values, recorded_by, stamp])
    else:
        cursor = db.execute(
            "UPDATE child_outcomes SET known_on = ?, living_with = ?, arrangement = ?, proceedings = ?, "
            "legal_order = ?, notes = ?, recorded_by = ?, version = version + 1, updated_at = ? "
            "WHERE child_id = ? AND point = ? AND case_id = ? AND version = ?",
            [*values, recorded_by, stamp, child_id, point, case_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(case_id)


def follow_ups(db, coordinator_id, held_by):
    """The children of a coordinator's cases (open or closed, not disposed of) whose first conference was held on
    or before ``held_by``, with the case, the conference day and which follow-ups are recorded: the candidates for
    follow-ups due (:func:`fgc.domain.child_outcomes.due`)."""
    return list(db.query(
        "SELECT c.id AS case_id, c.reference, c.stage, ch.id AS child_id, ch.name AS child_name, f.held_on, "
        "(SELECT group_concat(o.point) FROM child_outcomes o WHERE o.child_id = ch.id) AS recorded "
        "FROM (SELECT m.case_id, min(m.held_on) AS held_on FROM cases c2 JOIN meetings m ON m.case_id = c2.id "
        "      WHERE c2.coordinator_id = ? AND c2.disposed_at IS NULL AND m.kind = 'conference' "
        "      AND m.status = 'held' GROUP BY m.case_id) f "
        "JOIN cases c ON c.id = f.case_id JOIN children ch ON ch.case_id = c.id "
        "WHERE f.held_on <= ? AND (SELECT count(*) FROM child_outcomes o WHERE o.child_id = ch.id "
        "AND o.point IN ('three_months', 'twelve_months')) < 2 ORDER BY f.held_on, c.id, ch.id",
        [coordinator_id, held_by]))
