"""What an action did, for the page that asked: done (with what it made or moved to), or why not.

Actions don't raise for what a user can cause on the record in front of them (someone else saved it
first, a choice went stale, a rule says not yet): they return an :class:`Outcome`, and the view turns
it into a page. One thing is answered the same way for every page instead: a case whose stage moved
while the page was open (two people moving one case at once) raises
:class:`~fgc.data.cases.VersionConflict`, and :mod:`fgc.errors` shows the case as it is now with
nothing saved.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    value: object = None  # what the action made or reached: a new record's id, the plan's status
    conflict: bool = False  # someone else changed the record first; nothing was saved
    current: dict | None = None  # on a conflict, the record as saved now (None: it has been removed)
    problem: str | None = None  # a refusal, in words for the user
    field: str | None = None  # the form field the problem is about, if one

    @property
    def done(self):
        return not self.conflict and self.problem is None


def done(value=None):
    return Outcome(value=value)


def conflict(current):
    return Outcome(conflict=True, current=current)


def refused(problem, field=None):
    return Outcome(problem=problem, field=field)
