"""The s.31ZA record: the offer of a family group decision-making meeting before proceedings."""

from . import identifiers, iso, now
from .cases import VersionConflict

FIELDS = ("offered_on", "in_letter_before_proceedings", "letter_date", "response", "response_on",
          "exception_reason", "exception_decided_by", "exception_decided_on", "declined_reason")


def get(db, case_id):
    rows = list(db.query("SELECT * FROM offers WHERE case_id = ?", [case_id]))
    return rows[0] if rows else None


def save(db, case_id, version, values):
    """Insert or update the record; ``version`` is None for a first save."""
    values = {key: values.get(key) for key in FIELDS}
    values["declined_reason"] = values["declined_reason"] or ""
    stamp = iso(now())
    if version is None:
        if get(db, case_id) is not None:
            raise VersionConflict(case_id)
        db.execute(
            f"INSERT INTO offers (case_id, {', '.join(identifiers(values))}, updated_at) "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            f"VALUES (?, {', '.join('?' for _ in values)}, ?)", [case_id, *values.values(), stamp])
        return
    cursor = db.execute(
        f"UPDATE offers SET {', '.join(f'{key} = ?' for key in identifiers(values))}, version = version + 1, updated_at = ? "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "WHERE case_id = ? AND version = ?", [*values.values(), stamp, case_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(case_id)
