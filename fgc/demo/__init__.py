"""Fictional demo cases for ``flask --app fgc seed-demo``: every stage, owned by the demo accounts.

Every name, date and detail here is invented. The cases are built by the domain's actions,
the ones the pages call (draft, sections, submit, allocate, baseline, meetings, stage moves,
family plans the referrer decides on), so their stage history, deadlines, dashboards, plan
versions and audit trails are what the app itself records.
Dates are placed relative to ``today`` so the demo always has something due,
something overdue and a conference in the coming fortnight.

Imported only by the ``seed-demo`` command, never when the app starts.
"""

from .builder import seed_cases

__all__ = ["seed_cases"]
