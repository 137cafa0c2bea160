"""Family Group Conferences: a case record for council FGC services."""

from flask import Flask

from . import config


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

    from . import account, admin, auth, cli, db, errors, main, security, templating

    db.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    for blueprint in (main.bp, account.bp, admin.bp):
        app.register_blueprint(blueprint)

    if app.config["MIGRATE_ON_START"]:
        db.migrate(app)
    return app
