"""Retention: when an ended case comes up for review, and disposing of its personal data.

The schedule is set in ``instance/config.py``: an ended case (closed, withdrawn, or declined by the family) comes up
for review ``RETENTION_YEARS`` after it ended, or when its youngest child turns ``RETENTION_CHILD_AGE``, whichever
is later (``RETENTION_CHILD_AGE = None`` leaves the children's ages out). A manager reviews the cases that are due:
disposes of one (typing its reference to confirm), or keeps it until a later date, saying why.

Disposal happens in place, in one transaction (``fgc.data.retention``): names, contact details, words and
documents go; what is left is the case's anonymised statistical record (stage dates, meetings, how many took part
and how, outcomes, each child's age at referral), so the reports stay true. The audit trail says what was disposed
of, by whom, under which rule; the trail itself holds ids, not names.
"""

import datetime

from flask import current_app
from flask_babel import gettext as _

from ..data import retention as retention_data
from ..db import write
from . import audit
from .outcome import done, refused


def schedule():
    config = current_app.config
    return config["RETENTION_YEARS"], config["RETENTION_CHILD_AGE"]


def rule():
    """The schedule in words, as the audit trail and the pages give it."""
    years, age = schedule()
    if age:
        return _("Reviewed %(years)d years after the case ended, or when its youngest child is %(age)d, whichever is "
                 "later", years=years, age=age)
    return _("Reviewed %(years)d years after the case ended", years=years)


def due(db, today=None):
    """The ended cases due for review on ``today``, oldest review first."""
    years, age = schedule()
    return retention_data.reviews(db, years=years, child_age=age, due_by=today or datetime.date.today())


def review_of(db, case_id, today=None):
    """The case's retention facts (when it ended, its review date, whether it is due now), or None if it has not
    ended or was disposed of already."""
    years, age = schedule()
    rows = retention_data.reviews(db, years=years, child_age=age, case_id=case_id)
    if not rows:
        return None
    review_on = datetime.date.fromisoformat(rows[0]["review_on"])
    return dict(rows[0], review_on=review_on, due=review_on <= (today or datetime.date.today()))


def dispose(db, case, *, confirm_reference, by, today=None):
    """Dispose of the case's personal data, once it is due and its reference has been typed to confirm."""
    review = review_of(db, case["id"], today)
    if review is None:
        return refused(_("Only a case that has ended, and has not been disposed of, can be disposed of"))
    if not review["due"]:
        return refused(_("This case is not due for review until %(day)s", day=review["review_on"].isoformat()))
    if (confirm_reference or "").strip().casefold() != case["reference"].casefold():
        return refused(_("Type the case reference, %(reference)s, to confirm", reference=case["reference"]),
                       field="reference")
    with write(db):
        removed = retention_data.counts(db, case["id"])
        retention_data.dispose(db, case["id"], rule())
        audit.record("case.disposed", record_type="case", record_id=case["id"], user=by, db=db,
                     detail={"rule": rule(), "review_on": review["review_on"].isoformat(),
                             "ended_on": review["ended_on"], "rows": removed})
    return done()


def keep_longer(db, case, *, until, note, by, today=None):
    """Keep the case until ``until`` (a later review date), saying why: a complaint, a court case, an inquiry."""
    today = today or datetime.date.today()
    if review_of(db, case["id"], today) is None:
        return refused(_("Only a case that has ended, and has not been disposed of, can be kept for longer"))
    if until <= today:
        return refused(_("The new review date must be in the future"), field="until")
    with write(db):
        retention_data.keep_longer(db, case["id"], until, note)
        # The reason stays with the case (and goes if it is disposed of); the trail keeps no words.
        audit.record("case.retention_extended", record_type="case", record_id=case["id"], user=by, db=db,
                     detail={"until": until.isoformat()})
    return done()
