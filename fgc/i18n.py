"""Welsh and English for the pages families see, and staff pages ready to be translated.

The family pages follow the language the family chose with the switch on every page, kept
in a cookie. Staff pages are in English for now, but every word on them goes through
gettext (docs/architecture.md, "Words and languages"). Catalogues live in
``fgc/translations`` (see README: ``scripts/translations``). Dates are formatted by Babel
in the page's language.
"""

import datetime
import re
from pathlib import Path

from babel import dates
from flask import request
from flask.globals import _cv_app
from flask_babel import Babel, Domain, get_locale
from markupsafe import Markup

LANGUAGES = {"en": "English", "cy": "Cymraeg"}
COOKIE = "fgc_lang"
FAMILY_BLUEPRINT = "family"
# The explicit embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI). Typed, they
# would reorder whatever follows them, the app's own words included; no page or PDF ever shows them. The
# letters of right-to-left scripts, and the plain marks LRM and RLM, are kept.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_ANY_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


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
    # Every value a page writes passes through here: look before copying, as almost none has one.
    if isinstance(value, str) and _ANY_BIDI_CONTROL.search(value):
        return value.__class__(value.translate(BIDI_CONTROLS)) if isinstance(value, Markup) else \
            value.translate(BIDI_CONTROLS)
    return value


def bdi(value):
    """A name or other text typed by a person, isolated for right-to-left scripts, escaped, ready to put
    into a translated sentence: ``_('Revoke %(name)s’s link', name=bdi(link.person_name))``."""
    return Markup("<bdi>{}</bdi>").format(without_bidi_controls(str(value)))


class _Catalogue(Domain):
    """Flask-Babel's domain, finding the request's catalogue once rather than on every string.

    Flask-Babel looks the locale and its catalogue up again for each ``_()``, through several context lookups:
    about 75 µs a string, and a case page has hundreds. Here the catalogue is kept beside the locale Flask-Babel
    chose for the request, and used while that locale stands (``force_locale`` sets another, so it is looked up
    again for that).
    """

    def get_translations(self):
        context = _cv_app.get(None)
        state = getattr(context.g, "_flask_babel", None) if context is not None else None
        kept = getattr(state, "fgc_catalogue", None)
        if kept is not None and kept[0] is getattr(state, "babel_locale", None):
            return kept[1]
        translations = super().get_translations()
        state = getattr(context.g, "_flask_babel", None) if context is not None else None
        locale = getattr(state, "babel_locale", None)
        if locale is not None:
            state.fgc_catalogue = (locale, translations)
        return translations


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations"))
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/London")
    babel = Babel(app, locale_selector=language)
    catalogue = _Catalogue(domain=app.extensions["babel"].default_domain)
    babel.domain_instance = catalogue  # what flask_babel.gettext and lazy_gettext use too
    app.jinja_env.install_gettext_callables(lambda string: catalogue.get_translations().ugettext(string),
                                            lambda singular, plural, n: catalogue.get_translations().ungettext(
                                                singular, plural, n), newstyle=True)
    # Every value a template writes, in pages and in PDFs alike, loses its bidi controls.
    app.jinja_env.finalize = without_bidi_controls
    app.jinja_env.filters["family_date"] = long_date
    app.context_processor(lambda: {"page_language": language()})
