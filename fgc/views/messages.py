"""A case's messages: every text message and email queued for its family, its professionals and its staff, where
each has got to (queued, sent, delivered, failed and why), and what each said."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import login_required

from .. import access
from ..data import messages as message_data
from ..db import get_db
from ..domain import messages, vocabulary
from ..forms.base import whole_number

bp = Blueprint("messages", __name__, url_prefix="/cases/<id:case_id>/messages")


def labels():
    """The words for a message's kind, channel and status, for the templates."""
    return {"kinds": vocabulary.MESSAGE_KINDS, "channels": vocabulary.MESSAGE_CHANNELS,
            "statuses": vocabulary.MESSAGE_STATUSES, "status_classes": vocabulary.MESSAGE_STATUS_CLASSES,
            "mode": messages.sending_mode()}


@bp.route("")
@login_required
def index(case_id):
    case = access.current_case()
    page = whole_number(request.args.get("page", "1"), digits=5) or 1
    rows, total = message_data.for_case(get_db(), case_id, page=page)
    pages = max(1, -(-total // message_data.PAGE_SIZE))
    if page > pages:
        return redirect(url_for("messages.index", case_id=case_id, page=pages))
    return render_template("messages/index.html", case=case, messages=rows, total=total, page=page, pages=pages,
                           page_size=message_data.PAGE_SIZE, **labels())


@bp.route("/<id:message_id>")
@login_required
def view(case_id, message_id):
    case = access.current_case()
    message = message_data.get(get_db(), message_id)
    if message is None or message["case_id"] != case["id"]:
        return access.found(None)
    subject, body = messages.shown(message)
    return render_template("messages/message.html", case=case, message=message, subject=subject, body=body,
                           **labels())
