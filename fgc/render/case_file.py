"""The family plan as a PDF for the council's case file: a plan document in, print HTML and PDF bytes out.

Which copy is made and kept (drafts every time, a frozen version once) is :mod:`fgc.domain.filing`'s. The
HTML comes from ``templates/print/plan.html`` (with ``static/print/plan.css``) and is rendered
by :mod:`fgc.render.pdf`, whose fetcher serves only the bundled print assets. Everything printed comes
from the plan document (:func:`fgc.domain.plan_document.assemble`, or a frozen version's content), which holds
no contact details, so none can reach the PDF.

Bump ``TEMPLATE_REVISION`` when the template or its CSS changes what a PDF looks like, so frozen versions
are printed afresh.
"""

import re

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..domain import vocabulary
from . import network_picture

TEMPLATE = "print/plan.html"
TEMPLATE_REVISION = 3  # bump whenever print/plan.html, its CSS or the print fonts change what a PDF looks like
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


def is_agreed(outcome):
    return outcome in AGREED_OUTCOMES


def html_for(document, *, agreed, generated_by, generated_at, sha256, key=(), answers=None):
    """The print HTML for a plan document. Needs an app context.

    ``agreed`` False prints DRAFT on every page (the working draft, or a declined version);
    ``sha256`` is the frozen version's hash, None for the working draft. ``key`` is what the plan's tasks
    can answer and ``answers`` what each task answers, by task key (fgc.domain.plan_document's
    ``answer_key`` and ``task_answers``): printed as references (BL1, Q1, D1) with the key under the tasks.
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
        sha256=sha256, author=str(AUTHOR), labels=LABELS, network_svg=picture, key=list(key),
        answers=answers or {},
        task_text={number: task["what"] for number, task in enumerate(document["tasks"], start=1)})


def filename(reference, number, *, draft=False):
    """``FGC-2026-0107-plan-v2.pdf``: from the case reference and version number only, never a name."""
    safe = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9-]", "-", str(reference or ""))).strip("-")[:60].strip("-")
    try:
        number = max(int(number), 0)
    except (TypeError, ValueError):
        number = 0
    return f"{safe or 'case'}-plan-v{number}{'-draft' if draft else ''}.pdf"
