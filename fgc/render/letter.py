"""The printed letter that carries a family link to someone without email: one A4 page with the
link in full and as a QR code, in plain words.

The HTML comes from ``templates/print/letter.html`` (with ``static/print/letter.css``) and is rendered
by :mod:`fgc.render.pdf`, whose fetcher serves only the bundled print assets. The QR code is drawn by segno
as inline SVG (one ``<path>``), which WeasyPrint draws as vectors: no image file, no fetch.

The letter is addressed to the person by name and says who their coordinator is. It never
carries the PIN (that goes by phone), a child's name or anyone's address. The token in the link
is never stored, so a letter can only be made while the coordinator still has it: straight after
the link is made.
"""

import re

import segno
from flask import current_app
from flask_babel import gettext as _

from . import pdf

TEMPLATE = "print/letter.html"
# M (15%) asked for; segno raises it to the best level that fits the same QR version, as is its default.
QR_ERROR = "m"


def qr_code(link):
    return segno.make(link, error=QR_ERROR)


def qr_svg(link):
    """The link as a QR code: inline SVG with a title for screen readers, sized by letter.css.

    Nothing from the link is written into the SVG as text: it is one path of dark modules.
    """
    return qr_code(link).svg_inline(scale=4, title=_("QR code for your link"), svgclass="qr", lineclass=None,
                                    omitsize=False)


def html_for(*, person_name, link, expires_on, has_pin, coordinator_name, coordinator_email, service_name,
             written_on, language="en"):
    """The letter's print HTML, in ``language`` ("en" or "cy"): call it inside ``force_locale(language)``,
    so that its words (in the family pages' catalogue) and dates are in that language too.

    ``expires_on`` is the (UK) day the link stops working at the end of; ``written_on`` the day
    printed at the top. Every value is autoescaped except the QR code's SVG, which holds no text.
    """
    # Straight through the app's Jinja environment, as fgc.render.case_file does: the web pages' context
    # processors need a request and have nothing to say to a PDF.
    return current_app.jinja_env.get_template(TEMPLATE).render(
        person_name=person_name, link=link, qr_svg=qr_svg(link), expires_on=expires_on, has_pin=bool(has_pin),
        coordinator_name=coordinator_name, coordinator_email=coordinator_email, service_name=service_name,
        written_on=written_on, author=_("Family Group Conference service"), language=language)


def letter_pdf(**values):
    """The letter as PDF bytes (see :func:`html_for`). Raises fgc.render.pdf.RenderError if it cannot be made."""
    return pdf.render(html_for(**values), timeout=current_app.config["PDF_TIMEOUT"])


def filename(reference, language="en"):
    """``FGC-2026-0107-letter.pdf`` (``…-llythyr.pdf`` in Welsh): from the case reference only, never a name."""
    safe = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9-]", "-", str(reference or ""))).strip("-")[:60].strip("-")
    return f"{safe or 'case'}-{'llythyr' if language == 'cy' else 'letter'}.pdf"
