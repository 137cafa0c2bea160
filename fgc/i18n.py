"""Welsh and English for the pages families see, and staff pages ready to be translated.

The family pages follow the language the family chose with the switch on every page, kept
in a cookie. Staff pages are in English for now, but every word on them goes through
gettext (docs/architecture.md, "Words and languages"). Catalogues live in
``fgc/translations`` (see README: ``scripts/translations``). Dates are formatted by Babel
in the page's language.
"""

import datetime
from pathlib import Path

from babel import dates
from flask import request
from flask_babel import Babel, get_locale
from markupsafe import Markup

LANGUAGES = {"en": "English", "cy": "Cymraeg"}
COOKIE = "fgc_lang"
FAMILY_BLUEPRINT = "family"
# The explicit embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI). Typed, they
# would reorder whatever follows them, the app's own words included; no page or PDF ever shows them. The
# letters of right-to-left scripts, and the plain marks LRM and RLM, are kept.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def language():
    """The family's chosen language on family pages; English everywhere else."""
    if request and request.blueprint == FAMILY_BLUEPRINT:
        chosen = request.cookies.get(COOKIE, "")
        return chosen if chosen in LANGUAGES else "en"
    return "en"


def long_date(value, *, weekday=False):
    """'22 Tachwedd 2026' or '22 November 2026' (with ``weekday``, 'Sunday 22 November 2026'), in the page's
    language; '' for nothing. Takes a date or ISO text (text that is not a date comes back as it is). Outside a
    request, English."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return dates.format_date(value, format="EEEE d MMMM yyyy" if weekday else "d MMMM yyyy",
                             locale=get_locale() or "en")


def without_bidi_controls(value):
    """Template output with any explicit bidi control removed (Markup stays Markup)."""
    if isinstance(value, str):
        return value.__class__(value.translate(BIDI_CONTROLS)) if isinstance(value, Markup) else \
            value.translate(BIDI_CONTROLS)
    return value


def bdi(value):
    """A name or other text typed by a person, isolated for right-to-left scripts, escaped, ready to put
    into a translated sentence: ``_('Revoke %(name)s’s link', name=bdi(link.person_name))``."""
    return Markup("<bdi>{}</bdi>").format(without_bidi_controls(str(value)))


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations"))
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/London")
    Babel(app, locale_selector=language)
    # Every value a template writes, in pages and in PDFs alike, loses its bidi controls.
    app.jinja_env.finalize = without_bidi_controls
    app.jinja_env.filters["family_date"] = long_date
    app.context_processor(lambda: {"page_language": language()})
