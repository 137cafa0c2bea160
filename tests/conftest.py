"""Shared fixtures: an app on a temporary SQLite file, clients, sign-in helpers and page checks."""

import threading
import time

import html5lib
import pytest
from bs4 import BeautifulSoup

from fgc import create_app, worker
from fgc.domain import passwords, second_factor
from fgc.db import connect, write
from fgc.data import users as user_data

# A local GOV.UK Notify and a mail relay, and apps pointed at them: fixtures for every test (tests/messaging.py).
pytest_plugins = ["messaging"]

PASSWORD = "lantern orchard pebble galaxy"
SECRET_KEY = "test secret key, not for use anywhere else"
ROLES = ("admin", "manager", "coordinator", "social_worker")
_hash_cache = {}


def password_hash():
    """Hash the shared test password once: argon2 is slow on purpose."""
    if "hash" not in _hash_cache:
        _hash_cache["hash"] = passwords.hash_password(PASSWORD)
    return _hash_cache["hash"]


def make_app(tmp_path, **overrides):
    config = {
        "TESTING": True,
        "DATABASE": str(tmp_path / "fgc.sqlite"),
        "SECRET_KEY": SECRET_KEY,
        "SERVER_NAME": None,
        # Messages to families wait out the night; tests that are not about that send at any hour.
        "MESSAGE_QUIET_HOURS": None,
    }
    config.update(overrides)
    return create_app(config)


def staffed_app(tmp_path, **overrides):
    """An app on its own database with one test user per role, each with an authenticator app set up, as
    (app, connection): the ``app`` fixture, and module-scoped fixtures, which cannot use it."""
    app = make_app(tmp_path, **overrides)
    db = connect(app.config["DATABASE"])
    with write(db):
        for role in ROLES:
            user_id = user_data.create(db, email=f"{role}@example.org",
                                       name=f"Test {role.replace('_', ' ').title()}", role=role,
                                       password_hash=password_hash())
            give_app(db, user_id)
    return app, db


def give_app(db, user_id, secret=None):
    """Set up an authenticator app for the account, as its first sign-in would, for an app with the tests'
    ``SECRET_KEY`` (which its secret is sealed with)."""
    from flask import Flask

    keys = Flask("keys")
    keys.config["SECRET_KEY"] = SECRET_KEY
    with keys.app_context(), write(db):
        second_factor.set_up_known(db, user_id, secret or second_factor.new_secret())


def app_code(app, email):
    """A code from the account's authenticator app that fgc has not accepted before. A code works once, so a
    test that signs one person in many times inside 30 seconds waits here for the next one."""
    db = connect(app.config["DATABASE"])
    try:
        secret, last_step = db.execute("SELECT totp_secret, totp_last_step FROM users WHERE email = ?",
                                       [email]).fetchone()
    finally:
        db.close()
    with app.app_context():
        secret = second_factor.unseal(secret)
    while True:
        now = time.time()
        step = second_factor.current_step(now)
        # The step before is accepted too, unless it is about to fall out of the window.
        for candidate in ([step - 1] if now % 30 < 20 else []) + [step, step + 1]:
            if last_step is None or candidate > last_step:
                return second_factor.code_for(secret, candidate)
        time.sleep(30 - now % 30 + 0.05)


def set_up_app(client):
    """A first sign-in's second step: read the key off the set-up page, as a person's app would from the QR code,
    and enter its code. Returns (secret, the recovery codes shown)."""
    page = client.page("/sign-in/set-up")
    secret = page.select_one("#setup-key").get_text().replace(" ", "")
    response = client.submit("/sign-in/set-up", {"code": second_factor.code_for(secret, second_factor.current_step())})
    assert response.status_code == 200, response.status_code
    codes = [item.get_text(strip=True) for item in check_page(response).select(".app-recovery-codes li")]
    assert len(codes) == 10
    return secret, codes


def sign_in_raw(client, email, password=PASSWORD):
    """:func:`sign_in_as` by plain POSTs, for a raw test client of an app that does not check CSRF tokens."""
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302 and response.location == "/sign-in/code", f"password refused for {email}"
    response = client.post("/sign-in/code", data={"code": app_code(client.application, email)})
    assert response.status_code == 302, f"code refused for {email}"
    return response


def sign_in_as(client, email, password=PASSWORD):
    """Sign ``client`` in: the password, then a code from the authenticator app. Returns the last answer."""
    response = client.submit("/sign-in", {"email": email, "password": password})
    assert response.status_code == 302 and response.location == "/sign-in/code", f"password refused for {email}"
    response = client.submit("/sign-in/code", {"code": app_code(client.raw.application, email)})
    assert response.status_code == 302, f"code refused for {email}"
    return response


@pytest.fixture
def app(tmp_path):
    app, db = staffed_app(tmp_path)
    db.close()
    return app


@pytest.fixture
def db(app):
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture
def run_jobs(app):
    """``run_jobs()`` runs the background jobs that are due, as ``flask --app fgc worker --once`` does, and
    returns them as they ended."""
    return lambda: worker.run_due(app)


@pytest.fixture
def start_worker(app):
    """``start_worker()`` runs the real worker loop (``flask --app fgc worker``'s) in threads of this process until
    the test ends, as ``make run`` runs it beside the web server."""
    stopping = threading.Event()
    started = []

    def start(threads=1):
        thread = threading.Thread(target=worker.serve, args=(app,),
                                  kwargs={"threads": threads, "poll": 0.2, "stopping": stopping}, daemon=True)
        thread.start()
        started.append(thread)

    yield start
    stopping.set()
    for thread in started:
        thread.join(timeout=150)


@pytest.fixture
def download(client, run_jobs):
    """``download(url)``: what a person gets for a PDF link, once the worker has made it. Checks that the first
    answer is the "being prepared" page, runs the jobs, and returns the second answer."""
    def fetch(url, via=None):
        via = via or client
        waiting = via.get(url)
        assert waiting.status_code == 202, (waiting.status_code, waiting.get_data(as_text=True)[:300])
        check_page(waiting)
        run_jobs()
        return via.get(url)

    return fetch


@pytest.fixture
def client(app):
    return PageClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def new_client(app):
    """Another browser: ``new_client("manager")`` is signed in as that role; ``ip=`` sets its address."""

    def make(role=None, *, ip=None):
        other = PageClient(app.test_client())
        if ip:
            other.raw.environ_base["REMOTE_ADDR"] = ip
        if role:
            sign_in_as(other, f"{role}@example.org")
        return other

    return make


@pytest.fixture
def sign_in(client):
    """``sign_in("coordinator")`` signs the client in as that role's test user."""

    def do(role, password=PASSWORD):
        sign_in_as(client, f"{role}@example.org", password)
        return client

    return do


class PageClient:
    """A Flask test client whose page fetches are all checked with :func:`check_page`."""

    def __init__(self, client):
        self.raw = client

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def page(self, url, status=200):
        """GET a page, check it, and return it parsed."""
        response = self.raw.get(url)
        assert response.status_code == status, (response.status_code, response.location)
        return check_page(response)

    def csrf_token(self, url):
        """The token from the form page, which is itself checked like any other page."""
        token = self.page(url).find("input", attrs={"name": "csrf_token"})
        assert token is not None, f"no CSRF token on {url}"
        return token["value"]

    def submit(self, url, data, form_url=None):
        """POST ``data`` to ``url`` with the CSRF token from the form page, as a browser would."""
        payload = {"csrf_token": self.csrf_token(form_url or url), **data}
        response = self.raw.post(url, data=payload)
        if response.status_code != 302 and response.mimetype == "text/html":
            check_page(response)
        return response


def check_page(response):
    """Every page: HTML that parses, one <h1>, <title> starting with it, unique ids, CSRF on POST forms."""
    html = response.get_data(as_text=True)
    html5lib.HTMLParser(strict=True).parse(html)
    soup = BeautifulSoup(html, "html.parser")
    headings = soup.find_all("h1")
    assert len(headings) == 1, f"expected one <h1>, found {len(headings)}"
    h1 = " ".join(headings[0].get_text().split())
    title = " ".join(soup.title.get_text().split())
    has_errors = soup.select_one(".govuk-error-summary") is not None
    # GOV.UK Frontend's Welsh for "Error: " on the family pages.
    expected_prefix = ("Gwall: " if soup.html.get("lang") == "cy" else "Error: ") if has_errors else ""
    assert title.startswith(expected_prefix + h1), f"<title> {title!r} does not start with {expected_prefix + h1!r}"
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "post":
            token = form.find("input", attrs={"name": "csrf_token"})
            assert token is not None and token.get("value"), f"POST form without a CSRF token: {form.get('action')}"
    return soup


def text(soup):
    """The words of a page or an element as a reader sees them. <bdi> isolates typed text; it adds no space."""
    html = str(soup)
    if "<bdi>" in html:
        soup = BeautifulSoup(html.replace("<bdi>", "").replace("</bdi>", ""), "html.parser")
    return " ".join(soup.get_text(" ").split())


# --- Browser tests: Debian's Chromium driven by pytest-playwright, with axe-core -----------

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def chromium_path():
    import os
    import shutil

    path = os.environ.get("FGC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium was not found: run scripts/install-test-deps or set FGC_CHROMIUM. "
                    "Browser tests are never skipped.", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS,
            "headless": True}


@pytest.fixture
def live_server(app):
    """The app served on 127.0.0.1 from a thread, on a free port."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    _served[url] = app
    yield url
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def browser_context_args(live_server):
    """Each browser test gets a fresh context pointed at its own live server."""
    return {"base_url": live_server, "locale": "en-GB", "timezone_id": "Europe/London"}


class Accessibility:
    """axe-core for browser tests: ``check(page)`` fails on any WCAG 2.2 A/AA violation.

    Every page load in a watched page is recorded, and the fixture fails at the end of
    the test if any page that loaded was never checked.
    """

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.loaded = []
        self.checked = set()

    def watch(self, page):
        page.on("load", lambda loaded: self.loaded.append((id(loaded), loaded.url.split("#")[0])))
        return page

    def check(self, page):
        page.wait_for_load_state("load")
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                              "resultTypes": ["violations"]})
        self.checked.add((id(page), page.url.split("#")[0]))
        assert results.violations_count == 0, f"axe-core on {page.url}:\n{results.generate_report()}"

    def unchecked(self):
        return [url for key in self.loaded if key not in self.checked for url in [key[1]]]


def browser_sign_in(page, axe, email, password=PASSWORD, app=None):
    """Sign in through the pages as a person would: password, then the code from their app, each page checked
    with axe-core. ``app`` is the app whose database holds the account (the ``live_server``'s by default)."""
    page.goto("/sign-in")
    axe.check(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/sign-in/code")
    axe.check(page)
    page.get_by_label("Code", exact=True).fill(app_code(app or _served_app(page), email))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")


_served = {}


def _served_app(page):
    return _served[page.url.split("/sign-in")[0]]


@pytest.fixture
def axe(page):
    accessibility = Accessibility()
    accessibility.watch(page)
    yield accessibility
    page.wait_for_timeout(50)  # let any last load event arrive
    assert not accessibility.unchecked(), f"pages visited without an axe-core check: {accessibility.unchecked()}"
