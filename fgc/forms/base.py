"""The base form and the fields every form shares."""

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto


class Form(FlaskForm):
    """Base form: reads only url-encoded or multipart text fields.

    Flask-WTF would otherwise mix in uploaded files and JSON bodies, whose values are
    not strings; every field here expects text.
    """

    class Meta:
        def wrap_formdata(self, form, formdata):
            if formdata is not _Auto:
                return formdata
            return request.form if request.method == "POST" else None


_CONTROL = {code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]}


def strip(value):
    """Trim a text answer and drop control characters (other than tab and line breaks),
    which are never meant and are not allowed in HTML."""
    return value.translate(_CONTROL).strip() if isinstance(value, str) else value


def version_of(form):
    """The record version a form was opened at; -1 (never a real version) if missing or tampered with."""
    version = whole_number(form.version.data)
    return -1 if version is None else version


def whole_number(value, *, digits=9):
    """A plain ASCII whole number typed or posted (a version, a score), else None.

    str.isdigit() alone accepts characters such as '²' that int() then refuses.
    """
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= digits:
        return int(value)
    return None


def show_outcome(form, outcome, conflict_message):
    """Put an action's conflict or refusal (an :class:`fgc.domain.outcome.Outcome`) on ``form``, which keeps
    what was typed. After a conflict the form is at the version saved now, so a second save is deliberate."""
    if outcome.conflict:
        form.form_errors.append(conflict_message)
        if outcome.current is not None and hasattr(form, "version"):
            form.version.data = outcome.current["version"]
    elif outcome.field:
        getattr(form, outcome.field).errors = [outcome.problem]
    elif outcome.problem:
        form.form_errors.append(outcome.problem)
