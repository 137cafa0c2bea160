"""A subject access export as a PDF (``fgc.domain.subject_access`` gathers it; the worker prints it).

The HTML comes from ``templates/print/subject_access.html`` with ``static/print/subject_access.css`` on top of
``base.css``, and is rendered by :mod:`fgc.render.pdf`, whose fetcher serves only the bundled print assets.
Every value is text the export holds, autoescaped; sections marked for redaction review say so in a box at their
head, and the running header says "For redaction review: not for release as it stands" on every page.
"""

from flask import current_app

from . import pdf as printing

TEMPLATE = "print/subject_access.html"


def html_for(content):
    return current_app.jinja_env.get_template(TEMPLATE).render(export=content)


def pdf(content):
    """PDF bytes of the export. Raises fgc.render.pdf.RenderError if it cannot be made."""
    return printing.render(html_for(content), timeout=current_app.config["PDF_JOB_TIMEOUT"])


def filename(content):
    return f"subject-access-{content['subject']['case_reference']}-{content['subject']['kind']}-" \
           f"{content['subject']['id']}.pdf"
