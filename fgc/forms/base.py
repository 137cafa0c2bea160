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


def strip(value):
    return value.strip() if isinstance(value, str) else value
