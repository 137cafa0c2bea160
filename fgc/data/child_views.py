"""The child's voice: wishes and feelings, how they were gathered, attendance and the child's own scale."""

from . import identifiers, iso, now
from .cases import VersionConflict

FIELDS = ("wishes", "gathered", "gathered_note", "advocate_name", "attending", "scale")


def for_case(db, case_id):
    """Each child on the case with their views (None where nothing is recorded yet)."""
    rows = db.query("SELECT c.id AS child_id, c.name, v.wishes, v.gathered, v.gathered_note, v.advocate_name, "
                    "v.attending, v.scale, v.version, v.updated_at FROM children c "
                    "LEFT JOIN child_views v ON v.child_id = c.id WHERE c.case_id = ? ORDER BY c.id", [case_id])
    return [dict(row) for row in rows]


def get(db, child_id):
    rows = list(db.query("SELECT * FROM child_views WHERE child_id = ?", [child_id]))
    return rows[0] if rows else None


def save(db, child_id, values, version):
    values = {key: values.get(key) for key in FIELDS}
    stamp = iso(now())
    if version is None:
        if get(db, child_id) is not None:
            raise VersionConflict(child_id)
        db.execute(f"INSERT INTO child_views (child_id, {', '.join(identifiers(values))}, updated_at) "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
                   f"VALUES (?, {', '.join('?' for _ in values)}, ?)", [child_id, *values.values(), stamp])
        return
    cursor = db.execute(
        f"UPDATE child_views SET {', '.join(f'{key} = ?' for key in identifiers(values))}, version = version + 1, updated_at = ? "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "WHERE child_id = ? AND version = ?", [*values.values(), stamp, child_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(child_id)
