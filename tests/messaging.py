"""A local GOV.UK Notify and a local mail relay, and apps pointed at them, for the tests of messages."""

import pytest
from conftest import staffed_app
from notify_server import FakeNotify
from smtp_server import Relay

from fgc.render.messages import FIELDS


@pytest.fixture
def notify():
    server = FakeNotify(FIELDS).start()
    yield server
    server.stop()


@pytest.fixture
def relay():
    server = Relay().start()
    yield server
    server.stop()


def staffed(tmp_path, **config):
    """An app with one test user per role (as conftest's ``app``), configured with ``config``."""
    app, db = staffed_app(tmp_path, **config)
    db.close()
    return app


@pytest.fixture
def notify_app(tmp_path, notify):
    return staffed(tmp_path, **notify.config())


@pytest.fixture
def smtp_app(tmp_path, relay):
    return staffed(tmp_path, SMTP_URL=relay.url, MAIL_FROM="FGC service <fgc@council.example.org>",
                   MESSAGE_TIMEOUT=2)


@pytest.fixture
def both_app(tmp_path, notify, relay):
    """Text messages through the local GOV.UK Notify, emails through the local relay."""
    return staffed(tmp_path, **notify.config(), SMTP_URL=relay.url,
                   MAIL_FROM="FGC service <fgc@council.example.org>")
