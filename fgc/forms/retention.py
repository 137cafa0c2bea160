"""Forms of the disposal review: confirming a disposal, and keeping a case for longer."""

from flask_babel import lazy_gettext as _l

from .base import Form
from .fields import DateInput, long_text, text


class DisposeForm(Form):
    reference = text(_l("Type the case reference to confirm"), _l("Type the case reference to confirm"),
                     max_length=40)


class KeepLongerForm(Form):
    until = DateInput(_l("Review it again on"), subject=_l("date to review it again"), not_past=True)
    note = long_text(_l("Why it is being kept"), _l("Enter why the case is being kept"))
