"""The plan PDFs that go on the council's case file: the working draft on demand, frozen versions once.

A frozen version never changes, so its PDF is made once and kept in ``plan_pdfs`` under a key made of the
version's id, its SHA-256 and :data:`fgc.render.case_file.TEMPLATE_REVISION`. The kept PDF says who first
generated it and when; that copy is the filed document. Drafts are never kept. Everything printed comes
from the plan document, which holds no contact details.
"""

import hashlib
import json

from ..data import now
from ..data import plans as plan_data
from ..db import write
from ..render import case_file
from . import audit
from .plan_document import answer_key, assemble, digest, task_answers


class VersionTampered(Exception):
    """A frozen version's content no longer matches its SHA-256: it is not printed as agreed."""


def _html(document, *, agreed, user, sha256):
    key = answer_key(document)
    return case_file.html_for(document, agreed=agreed, generated_by=audit.user_name(user), generated_at=now(),
                              sha256=sha256, key=key,
                              answers={task["key"]: task_answers(task, key) for task in document["tasks"]})


def draft_pdf(db, case, plan, user):
    """The plan as it stands now, marked DRAFT. Rendered every time, never kept."""
    return case_file.render(_html(assemble(db, case, plan), agreed=False, user=user, sha256=None))


def cache_key(version_row):
    text = f"plan-version:{version_row['id']}:{version_row['sha256']}:template-{case_file.TEMPLATE_REVISION}"
    return hashlib.sha256(text.encode()).hexdigest()


def version_pdf(db, case, plan, version_row, user):
    """A frozen version's PDF: the kept copy if there is one, else rendered now and kept.

    Raises VersionTampered if the stored content no longer matches its hash.
    """
    if version_row["plan_id"] != plan["id"] or plan["case_id"] != case["id"]:
        raise LookupError(version_row["id"])
    key = cache_key(version_row)
    kept = plan_data.cached_pdf(db, key)
    if kept is not None:
        return bytes(kept)
    if digest(version_row["content"]) != version_row["sha256"]:
        raise VersionTampered(version_row["id"])
    document = json.loads(version_row["content"])
    rendered = case_file.render(_html(document, agreed=case_file.is_agreed(version_row["outcome"]), user=user,
                                      sha256=version_row["sha256"]))
    with write(db):
        plan_data.store_pdf(db, key, version_row["id"], rendered, user_id=audit.user_id(user))
        # Someone else may have kept theirs first: everyone gets the same filed copy.
        kept = plan_data.cached_pdf(db, key)
    return bytes(kept)
