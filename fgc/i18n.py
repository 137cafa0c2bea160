"""Welsh and English for the pages families see.

Staff pages are in English for now; their strings are still plain text ready for
translation. The family pages follow the language the family chose with the switch on
every page, kept in a cookie. Catalogues live in ``fgc/translations`` (see README:
``scripts/translations``). Dates are formatted by Babel in ``cy`` or ``en``.
"""

import datetime
from pathlib import Path

from flask import request
from flask_babel import Babel, format_date

LANGUAGES = {"en": "English", "cy": "Cymraeg"}
COOKIE = "fgc_lang"
FAMILY_BLUEPRINT = "family"


def language():
    """The family's chosen language on family pages; English everywhere else."""
    if request and request.blueprint == FAMILY_BLUEPRINT:
        chosen = request.cookies.get(COOKIE, "")
        return chosen if chosen in LANGUAGES else "en"
    return "en"


def long_date(value):
    """'22 Tachwedd 2026' or '22 November 2026', in the page's language."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return format_date(value, format="d MMMM yyyy")


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations"))
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/London")
    Babel(app, locale_selector=language)
    app.jinja_env.filters["family_date"] = long_date
    app.context_processor(lambda: {"page_language": language()})
