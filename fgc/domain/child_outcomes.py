"""Each child's outcome: where they live (and how, with family), whether care proceedings were issued and any
legal order. Recorded for every child when the case closes, and again 3 and 12 months after the first
conference, when the coordinator follows the family up (the follow-ups fall due whether or not the case is still
open). The reports count them (:mod:`fgc.domain.reports`).
"""

import datetime

from flask_babel import gettext as _

from ..data import cases as case_data
from ..data import child_outcomes as outcome_data
from ..data.cases import VersionConflict
from ..db import write
from . import audit, casework
from .outcome import conflict, done, refused
from .vocabulary import OUTCOME_MONTHS, OUTCOME_POINTS
from .workdays import add_months

# Follow-ups show on the coordinator's home page from this many days before they fall due.
DUE_AHEAD_DAYS = 28


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def due_on(point, first_conference):
    """The day a follow-up falls due: ``OUTCOME_MONTHS`` after the first conference (None without one)."""
    day = _date(first_conference)
    return add_months(day, OUTCOME_MONTHS[point]) if day else None


def points(case, first_conference):
    """Which outcomes the case's children have, in order, each with the day it falls due: at closure once the case
    is closed, then the follow-ups once a conference has been held (a case closed without a conference has only
    its outcome at closure)."""
    found = []
    if case["closed_on"]:
        found.append(("closure", _date(case["closed_on"])))
    if first_conference:
        found += [(point, due_on(point, first_conference)) for point in OUTCOME_MONTHS]
    return found


def due(rows, today, *, ahead_days=DUE_AHEAD_DAYS):
    """The follow-ups still to record from :func:`fgc.data.child_outcomes.follow_ups` rows, due by ``ahead_days``
    from ``today``: dicts with the row's case and child, the point, its label and due day, and whether it is
    overdue. Soonest first."""
    horizon = today + datetime.timedelta(days=ahead_days)
    found = []
    for row in rows:
        recorded = set((row["recorded"] or "").split(","))
        for point in OUTCOME_MONTHS:
            day = due_on(point, row["held_on"])
            if point not in recorded and day <= horizon:
                found.append({**dict(row), "point": point, "label": str(OUTCOME_POINTS[point]), "due": day,
                              "overdue": day < today})
    return sorted(found, key=lambda item: (item["due"], item["reference"], item["child_id"]))


def due_for(db, coordinator_id, today, *, ahead_days=DUE_AHEAD_DAYS):
    """The follow-ups due on a coordinator's cases by ``ahead_days`` from ``today`` (:func:`due`)."""
    # Only a first conference at least 3 months before the horizon can have a follow-up due by then.
    held_by = add_months(today + datetime.timedelta(days=ahead_days + 1), -min(OUTCOME_MONTHS.values()))
    return due(outcome_data.follow_ups(db, coordinator_id, held_by.isoformat()), today, ahead_days=ahead_days)


def _check(case, child, point, first_conference):
    """Why this outcome cannot be recorded now, or None."""
    if child is None:
        return _("That child is not on this case")
    if point == "closure" and not case["closed_on"]:
        return _("The outcome at closure is recorded when the case is closed")
    if point in OUTCOME_MONTHS and not first_conference:
        return _("Follow-ups start from the first conference, and none has been held")
    return None


def record(db, case, child_id, point, values, version, *, user):
    """Record or change one child's outcome at ``point``; a conflict if someone else saved it first."""
    with write(db):
        child = case_data.child(db, case["id"], child_id)
        first = case_data.facts(db, [case["id"]])[case["id"]]["conference_held_on"]
        problem = _check(case, child, point, first)
        if problem:
            return refused(problem)
        try:
            outcome_data.save(db, case["id"], child_id, point, values, version, recorded_by=audit.user_id(user))
        except VersionConflict:
            return conflict(outcome_data.get(db, child_id, point))
        _recorded(db, user, case["id"], child_id, point, values, changed=version is not None)
    return done()


def _recorded(db, user, case_id, child_id, point, values, *, changed):
    """The audit event of one outcome recorded or changed, with its codes (never its notes)."""
    audit.case_event(db, user, "case.outcome_recorded", case_id,
                     {"child_id": child_id, "point": point, "living_with": values["living_with"],
                      "proceedings": values["proceedings"], "legal_order": values["legal_order"],
                      "changed": changed})


def close(db, case, *, closed_on, notes, outcomes, user):
    """Close the case and record each child's outcome at closure, in one transaction: ``outcomes`` is {child id:
    values} for every child on the case. Done with how many scheduled meetings were cancelled."""
    with write(db):
        children = [row["id"] for row in case_data.children(db, case["id"])]
        if sorted(outcomes) != sorted(children):
            return refused(_("Record the outcome for every child on the case"))
        moved = casework.move(db, case, "closed", user=user, closed_on=closed_on.isoformat(), closure_notes=notes)
        for child_id in children:
            values = dict(outcomes[child_id], known_on=closed_on.isoformat())
            outcome_data.save(db, case["id"], child_id, "closure", values, None, recorded_by=audit.user_id(user))
            _recorded(db, user, case["id"], child_id, "closure", values, changed=False)
    return moved
