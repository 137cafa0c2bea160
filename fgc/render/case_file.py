"""The family plan as a PDF: the working draft on demand, frozen versions rendered once and kept.

The HTML comes from ``templates/print/plan.html`` (with ``static/print/plan.css``) and is rendered
by :mod:`fgc.render.pdf`, whose fetcher serves only the bundled print assets. Everything printed comes
from the plan document (:func:`fgc.domain.plan_document.assemble`, or a frozen version's content), which holds
no contact details, so none can reach the PDF.

A frozen version never changes, so its PDF is made once and kept in ``plan_pdfs`` under a key
made of the version's id, its SHA-256 and ``TEMPLATE_REVISION``: bump that when the template or its
CSS changes so versions are printed afresh. The kept PDF says who first generated it and when; that
copy is the filed document. Drafts are never kept.
"""

import hashlib
import json
import re

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import network_picture, pdf
from ..domain import vocabulary
from ..data import now
from ..data import plans as plan_data
from ..db import write
from ..domain.plan_document import assemble, digest

TEMPLATE = "print/plan.html"
TEMPLATE_REVISION = 2  # bump whenever print/plan.html or print/plan.css changes what a PDF looks like
AUTHOR = _l("Family Group Conference service")
AGREED_OUTCOMES = ("agreed", "agreed_with_changes")

LABELS = {
    "kind": {"bottom_line": _l("Bottom line"), "question": _l("Question")},
    "status": vocabulary.TASK_STATUSES,
    "mode": vocabulary.ATTENDANCE,
    "gathered": vocabulary.GATHERED,
    "outcome": vocabulary.DECISIONS,
    "role": vocabulary.NETWORK_ROLES,
    "side": vocabulary.SIDES,
}


class VersionTampered(Exception):
    """A frozen version's content no longer matches its SHA-256: it is not printed as agreed."""


def is_agreed(outcome):
    return outcome in AGREED_OUTCOMES


def html_for(document, *, agreed, generated_by, generated_at, sha256):
    """The print HTML for a plan document. Needs an app context.

    ``agreed`` False prints DRAFT on every page (the working draft, or a declined version);
    ``sha256`` is the frozen version's hash, None for the working draft.
    """
    network = document["network"]
    # Someone excluded is drawn only as excluded: no role, no relationship, no line to a child.
    people = [dict(person, roles=[], relationships=[]) if person["excluded"] else person
              for person in network["people"]]
    picture = network_picture.draw(
        network["children"], people, network["professionals"],
        title=_("Family network for %(reference)s", reference=document["reference"]),
        description=_("%(children)d children, %(people)d people in the family network and %(professionals)d "
                      "professionals.", children=len(network["children"]), people=len(network["people"]),
                      professionals=len(network["professionals"])),
        id_prefix="plan-network")
    # Straight through the app's Jinja environment: the web pages' context processors (CSP nonce,
    # signed-in user) need a request and have nothing to say to a PDF, which may be made outside one.
    return current_app.jinja_env.get_template(TEMPLATE).render(
        doc=document, agreed=bool(agreed), generated_by=generated_by, generated_at=generated_at,
        sha256=sha256, author=str(AUTHOR), labels=LABELS, network_svg=picture,
        task_text={number: task["what"] for number, task in enumerate(document["tasks"], start=1)})


def _render(html):
    return pdf.render(html, timeout=current_app.config["PDF_TIMEOUT"])


def draft_pdf(db, case, plan, user):
    """The plan as it stands now, marked DRAFT. Rendered every time, never kept."""
    document = assemble(db, case, plan)
    return _render(html_for(document, agreed=False, generated_by=user.name, generated_at=now(), sha256=None))


def cache_key(version_row):
    text = f"plan-version:{version_row['id']}:{version_row['sha256']}:template-{TEMPLATE_REVISION}"
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
    html = html_for(document, agreed=is_agreed(version_row["outcome"]), generated_by=user.name,
                    generated_at=now(), sha256=version_row["sha256"])
    rendered = _render(html)
    with write(db):
        plan_data.store_pdf(db, key, version_row["id"], rendered, user_id=user.id)
        # Someone else may have kept theirs first: everyone gets the same filed copy.
        kept = plan_data.cached_pdf(db, key)
    return bytes(kept)


def filename(reference, number, *, draft=False):
    """``FGC-2026-0107-plan-v2.pdf``: from the case reference and version number only, never a name."""
    safe = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9-]", "-", str(reference or ""))).strip("-")[:60].strip("-")
    try:
        number = max(int(number), 0)
    except (TypeError, ValueError):
        number = 0
    return f"{safe or 'case'}-plan-v{number}{'-draft' if draft else ''}.pdf"
