"""GOV.UK-style error pages. Nothing a user sends should ever produce a bare 500."""

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .data.cases import VersionConflict

PAGES = {
    400: ("Sorry, there is a problem with the service",
          "The request could not be understood. Go back and try again."),
    403: ("You do not have permission to see this page",
          "If you think you should have access, ask your manager or an admin."),
    404: ("Page not found",
          "If you typed the web address, check it is correct. If you pasted it, check you copied all of it."),
    405: ("Sorry, there is a problem with the service",
          "That page cannot be used in this way. Go back and try again."),
    413: ("The information you sent was too large",
          "Go back, shorten what you entered and try again."),
    429: ("You have made too many requests",
          "Wait 15 minutes, then try again."),
    500: ("Sorry, there is a problem with the service",
          "Try again later. Nothing you entered on the page before has been saved unless you saw a message saying so."),
}


def render_error(status, title=None, message=None):
    default_title, default_message = PAGES.get(status) or PAGES[400 if status < 500 else 500]
    return render_template("error.html", title=title or default_title,
                           message=message or default_message, status=status), status


def http_error(error):
    """Every HTTP error keeps its status; those without a page of their own get the general one."""
    return render_error(error.code or 500)


def csrf_error(_error):
    return render_error(400, "Sorry, this page has expired",
                        "To protect your information, the form timed out or was opened in another "
                        "session. Go back, reload the page and try again.")


def conflict(_error):
    """Someone else changed the record first: nothing was saved; say so and show it as it is now."""
    case = g.get("case")
    flash("Someone else changed this case at the same time, so your change was not saved. "
          "Check the case as it is now, then try again if you still need to", "error")
    if case:
        return redirect(url_for("cases.view", case_id=case["id"]))
    return render_error(409, "Your change was not saved",
                        "Someone else changed this record at the same time. Go back, reload the page and try again.")


def unexpected_error(error):
    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_error(500)


def init_app(app):
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(VersionConflict, conflict)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
