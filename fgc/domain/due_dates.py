"""Each open case's next deadline, kept on the case row so that lists filter, sort and page by it in SQL.

The deadlines themselves are :mod:`fgc.domain.deadlines`' rules; this keeps their
earliest still-to-meet date in step. Every audited change to a case refreshes that
case just before its transaction commits (:func:`fgc.domain.audit.case_event`); a
change to the closure days, or to the service's targets (``flask init-db``),
refreshes every open case.
"""

from .. import service
from ..data import cases as case_data


def refresh(db, case_ids):
    """Recompute the next deadline of each case in ``case_ids`` (inside the caller's write transaction)."""
    deadlines = service.deadlines(db)
    facts = case_data.facts(db, list(case_ids))
    for case_id in case_ids:
        case = case_data.get(db, case_id)
        if case is None:
            continue
        item = None
        if case["stage"] not in ("draft", "closed"):
            item = deadlines.next_due(case, facts[case_id])
        case_data.set_next_due(db, case_id, item["due"] if item else None, item["kind"] if item else "")


_TIMELINESS = {}  # {(fingerprint of the conferences counted, closure days, target): the figure}


def timeliness(db, deadlines, since):
    """The manager's figure: working days from referral to conference for conferences held since ``since``
    (:meth:`fgc.domain.deadlines.Deadlines.referral_to_conference`).

    A national service holds thousands of conferences a year; counting each one's working days on every view of
    the manager's home page grew with them. The figure is kept, in this process, until what it counts changes:
    a conference held in the year, a new day (``since`` moves), a closure day, the target. (One thing it does
    not notice until then: a conference recorded late as held more than a year ago, before a case's later one.)
    """
    key = (case_data.conference_times_fingerprint(db, since), deadlines.calendar.closure_days,
           deadlines.targets.conference_days)
    figure = _TIMELINESS.get(key)
    if figure is None:
        if len(_TIMELINESS) > 16:
            _TIMELINESS.clear()
        figure = _TIMELINESS[key] = deadlines.referral_to_conference(case_data.conference_times(db, since))
    return dict(figure)


def refresh_all(db):
    """Recompute every open case's next deadline; drafts and closed cases have none."""
    from ..db import write

    with write(db):
        refresh(db, case_data.open_ids(db))
        case_data.clear_next_due_of_closed(db)
