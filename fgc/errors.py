"""GOV.UK-style error pages. Nothing a user sends should ever produce a bare 500."""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .data.cases import VersionConflict
from .domain import audit

# Lazy: translated when the page is drawn, in the page's language.
PAGES = {
    400: (_l("Sorry, there is a problem with the service"),
          _l("The request could not be understood. Go back and try again.")),
    403: (_l("You do not have permission to see this page"),
          _l("If you think you should have access, ask your manager or an admin.")),
    404: (_l("Page not found"),
          _l("If you typed the web address, check it is correct. If you pasted it, check you copied all of it.")),
    405: (_l("Sorry, there is a problem with the service"),
          _l("That page cannot be used in this way. Go back and try again.")),
    413: (_l("The information you sent was too large"),
          _l("Go back, shorten what you entered and try again.")),
    429: (_l("You have made too many requests"),
          _l("Wait 15 minutes, then try again.")),
    500: (_l("Sorry, there is a problem with the service"),
          _l("Try again later. Nothing you entered on the page before has been saved unless you saw a message "
             "saying so.")),
}


def render_error(status, title=None, message=None):
    default_title, default_message = PAGES.get(status) or PAGES[400 if status < 500 else 500]
    return render_template("error.html", title=str(title or default_title),
                           message=str(message or default_message), status=status), status


def http_error(error):
    """Every HTTP error keeps its status; those without a page of their own get the general one. A signed-in
    person refused a page (403) is recorded in the audit trail."""
    if error.code == 403 and current_user.is_authenticated:
        audit.record("access.refused", detail={"page": request.endpoint, "method": request.method,
                                               "path": request.path[:200]})
    return render_error(error.code or 500)


def csrf_error(error):
    current_app.logger.warning("CSRF check refused %s %s: %s", request.method, request.path[:200],
                               str(error.description).replace("\n", " ")[:200])
    return render_error(400, _("Sorry, this page has expired"),
                        _("To protect your information, the form timed out or was opened in another "
                          "session. Go back, reload the page and try again."))


def conflict(_error):
    """Someone else changed the record first: nothing was saved; say so and show it as it is now."""
    case = g.get("case")
    flash(_("Someone else changed this case at the same time, so your change was not saved. "
            "Check the case as it is now, then try again if you still need to"), "error")
    if case:
        return redirect(url_for("cases.view", case_id=case["id"]))
    return render_error(409, _("Your change was not saved"),
                        _("Someone else changed this record at the same time. Go back, reload the page and try "
                          "again."))


def unexpected_error(error):
    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_error(500)


def init_app(app):
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(VersionConflict, conflict)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
