"""Fictional demo cases for ``flask --app fgc seed-demo``: every stage, owned by the demo accounts.

Every name, date and detail here is invented. The cases are built through the data
layer the way the app builds them (draft, sections, submit, allocate, baseline,
meetings, stage moves, family plans the referrer decides on), so their stage history,
deadlines, dashboards and plan versions look real.
Dates are placed relative to ``today`` so the demo always has something due,
something overdue and a conference in the coming fortnight.

Imported only by the ``seed-demo`` command, never when the app starts.
"""

from .builder import seed_cases

__all__ = ["seed_cases"]
