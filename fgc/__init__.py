"""Family Group Conferences: a case record for council FGC services."""

from flask import Flask
from werkzeug.routing import IntegerConverter

from . import config


class RecordId(IntegerConverter):
    """``<id:name>``: a positive row id that fits SQLite's INTEGER; anything else is not found."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**63 - 1)


def create_app(test_config=None):
    """Build the app: defaults, then ``instance/config.py``, then ``FGC_*`` environment variables.

    ``test_config``, when given, replaces the last two.
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    config.load(app, test_config)
    from .templating import Environment

    app.jinja_environment = Environment  # before anything creates app.jinja_env
    app.url_map.converters["id"] = RecordId

    from . import access, cli, db, errors, i18n, security, templating, worker
    from .views import access_records, account, admin, auth, cases, child_outcomes, family, links, main, meetings
    from .views import messages, network, reports
    from .views import plan_records, plans, preparation, referrals, retention

    db.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    access.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    i18n.init_app(app)
    cli.init_app(app)
    worker.init_app(app)
    for blueprint in (main.bp, account.bp, admin.bp, referrals.bp, cases.bp, meetings.bp, network.bp,
                      preparation.bp, plans.bp, plan_records.bp, links.bp, messages.bp, family.bp, access_records.bp,
                      retention.bp, child_outcomes.bp, reports.bp):
        app.register_blueprint(blueprint)

    if app.config["MIGRATE_ON_START"]:
        db.migrate(app)
    return app
