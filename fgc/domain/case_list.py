"""The cases list: its filters, sort and page as they travel in the URL (so a view can be bookmarked), and
finding that page of cases.

:class:`CaseQuery` is pure: it reads a query string and writes one back. Unknown values
are dropped, never an error: a link edited by hand shows the cases it still makes sense for.
"""

import datetime
from dataclasses import dataclass, field, replace

from flask_babel import lazy_gettext as _l

from ..data import cases as case_data
from .deadlines import KINDS
from .vocabulary import LEGAL_STATUSES, STAGES

PAGE_SIZE = 25
STATUSES = {"open": _l("Open"), "closed": _l("Closed"), "all": _l("Open and closed")}
SORTS = {"deadline": _l("Next deadline"), "reference": _l("Case"), "stage": _l("Stage"),
         "coordinator": _l("Coordinator"), "referred": _l("Referred")}
# Stages a list filters by: a draft is the author's own unfinished referral, and closed is its own status.
FILTER_STAGES = {key: label for key, label in STAGES.items() if key not in ("draft", "closed")}
NOT_ALLOCATED = "none"


@dataclass(frozen=True)
class CaseQuery:
    """Which cases a list shows, in what order, and which page of them."""

    stages: tuple = ()
    coordinator: str = ""
    urgent: bool = False
    overdue: bool = False
    legal: tuple = ()
    status: str = "open"
    sort: str = "deadline"
    descending: bool = False
    page: int = 1
    coordinators: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_args(cls, args, coordinators=None):
        """Read ``args`` (a request's query string); ``coordinators`` ({id as text: name}) are those to filter by."""
        coordinators = dict(coordinators or {})

        def many(name, known):
            return tuple(value for value in dict.fromkeys(args.getlist(name)) if value in known)

        def one(name, known, default):
            value = args.get(name, default)
            return value if value in known else default

        page = args.get("page", "1")
        return cls(
            stages=many("stage", FILTER_STAGES), legal=many("legal", LEGAL_STATUSES),
            coordinator=one("coordinator", {**coordinators, NOT_ALLOCATED: ""}, ""),
            urgent=args.get("urgent") == "yes", overdue=args.get("overdue") == "yes",
            status=one("status", STATUSES, "open"), sort=one("sort", SORTS, "deadline"),
            descending=args.get("order") == "desc",
            page=int(page) if page.isascii() and page.isdigit() and len(page) <= 5 and int(page) > 0 else 1,
            coordinators=coordinators)

    def args(self, **changes):
        """The query string for this list (with ``changes``), leaving out what is the default."""
        query = replace(self, **changes)
        out = {}
        if query.stages:
            out["stage"] = list(query.stages)
        if query.coordinator:
            out["coordinator"] = query.coordinator
        if query.urgent:
            out["urgent"] = "yes"
        if query.overdue:
            out["overdue"] = "yes"
        if query.legal:
            out["legal"] = list(query.legal)
        if query.status != "open":
            out["status"] = query.status
        if query.sort != "deadline":
            out["sort"] = query.sort
        if query.descending:
            out["order"] = "desc"
        if query.page != 1:
            out["page"] = query.page
        return out

    def filtered(self):
        """True when any filter narrows the list beyond the default (open cases)."""
        return bool(self.stages or self.coordinator or self.urgent or self.overdue or self.legal
                    or self.status != "open")

    def chosen(self):
        """The filters in use as (heading, [(label, args without it)]), for "Selected filters" tags."""
        groups = []

        def without(**changes):
            return self.args(page=1, **changes)

        if self.status != "open":
            groups.append((_l("Open or closed"), [(STATUSES[self.status], without(status="open"))]))
        if self.stages:
            groups.append((_l("Stage"), [(FILTER_STAGES[s], without(stages=tuple(x for x in self.stages if x != s)))
                                         for s in self.stages]))
        if self.coordinator:
            name = _l("Not allocated") if self.coordinator == NOT_ALLOCATED else self.coordinators[self.coordinator]
            groups.append((_l("Coordinator"), [(name, without(coordinator=""))]))
        flags = []
        if self.urgent:
            flags.append((_l("Urgent"), without(urgent=False)))
        if self.overdue:
            flags.append((_l("Overdue"), without(overdue=False)))
        if flags:
            groups.append((_l("Needs attention"), flags))
        if self.legal:
            groups.append((_l("Legal status"), [(LEGAL_STATUSES[s], without(legal=tuple(x for x in self.legal if x != s)))
                                                for s in self.legal]))
        return groups

    def sort_args(self, key):
        """The query string that sorts by ``key``: ascending first, descending when it already sorts that way."""
        return self.args(sort=key, descending=self.sort == key and not self.descending, page=1)

    def aria_sort(self, key):
        if self.sort != key:
            return "none"
        return "descending" if self.descending else "ascending"

    def pages(self, total):
        """How many pages ``total`` cases fill (at least one)."""
        return max(1, -(-total // PAGE_SIZE))

    def offset(self, total):
        """Where this page starts; a page past the end shows the last page."""
        return (min(self.page, self.pages(total)) - 1) * PAGE_SIZE

    def sql(self, today):
        """Keyword arguments for :func:`fgc.data.cases.page`."""
        return {"stages": self.stages, "coordinator": self.coordinator or None, "urgent": self.urgent,
                "overdue_before": today.isoformat() if self.overdue else None, "legal": self.legal,
                "status": self.status, "sort": self.sort, "descending": self.descending}


def find(db, viewer, query, deadlines):
    """The page of cases ``query`` asks for, as ``viewer`` may see them, each with its next deadline's words and
    tag (from ``deadlines``): a dict of rows, total, page, pages and the positions of the first and last row."""
    def fetch(offset):
        return case_data.page(db, viewer, **query.sql(deadlines.today), offset=offset, limit=PAGE_SIZE,
                              stage_order=tuple(STAGES))

    rows, total = fetch((query.page - 1) * PAGE_SIZE)
    page = min(query.page, query.pages(total))
    if not rows and total:
        rows, total = fetch(query.offset(total))
    shown = []
    for row in rows:
        row = dict(row)
        row["next_due"] = None
        if row["next_due_on"]:
            due = datetime.date.fromisoformat(row["next_due_on"])
            status, tag_text, tag_class = deadlines.tag(due)
            row["next_due"] = {"label": str(KINDS.get(row["next_due_kind"], "")), "due": due, "status": status,
                               "tag_text": tag_text, "tag_class": tag_class}
        shown.append(row)
    first = (page - 1) * PAGE_SIZE + 1 if shown else 0
    return {"rows": shown, "total": total, "page": page, "pages": query.pages(total), "first": first,
            "last": first + len(shown) - 1 if shown else 0}
