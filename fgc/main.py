"""The home page and the health check."""

from flask import Blueprint, current_app, render_template
from flask_login import login_required

from . import db

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def home():
    return render_template("main/home.html")


@bp.route("/healthz")
def healthz():
    """200 ``ok`` when the database answers a query, 503 otherwise. Needs no sign-in."""
    if db.ping(current_app.config["DATABASE"]):
        return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
    return "database unavailable\n", 503, {"Content-Type": "text/plain; charset=utf-8"}


