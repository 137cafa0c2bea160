"""Configuration: defaults, then ``instance/config.py``, then the ``FGC_*`` environment.

The environment variables are a documented contract (see README.md):

``FGC_DATABASE``     path of the SQLite file (default ``instance/fgc.sqlite``)
``FGC_SECRET_KEY``   session signing key; generated into ``instance/secret_key`` if unset
``FGC_HTTPS``        ``1`` when served over HTTPS: Secure cookies and HSTS
``FGC_PROXY_COUNT``  number of trusted reverse proxies in front of the app (default 0)
``FGC_PUBLIC_URL``   the address staff reach fgc at (``https://fgc.example.gov.uk``), for links in messages the
                     worker sends on its own (reminders)
``FGC_NOTIFY_API_KEY``, ``FGC_NOTIFY_BASE_URL``   GOV.UK Notify: the API key, and another API address (a trial)
``FGC_SMTP_URL``, ``FGC_MAIL_FROM``               the council's mail relay and the From address of its emails
``FGC_DATA_RETURN_KEY``  the key the data return's pseudonymous ids are made with (default: derived from the
                     secret key), so ids stay the same across returns even if the secret key changes
"""

import os
import re
import secrets
from datetime import timedelta

DEFAULTS = {
    "SERVICE_NAME": "Family Group Conferences",
    "MIGRATE_ON_START": True,
    "HTTPS": False,
    "PROXY_COUNT": 0,
    # Sessions end after this long without a request, and after MAX_AGE whatever happens.
    "SESSION_IDLE_TIMEOUT": timedelta(minutes=30),
    "SESSION_MAX_AGE": timedelta(hours=12),
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
    "SESSION_COOKIE_NAME": "fgc_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "SESSION_REFRESH_EACH_REQUEST": True,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 12 * 60 * 60,
    # Sign-in throttling (docs/security.md). Per scope, (free tries, stop after) failures inside the window:
    # an account from a browser or address it has signed in from before ("pair"); an account from anywhere else
    # ("account"); an address at any account it has not signed in to before ("address"). After the free tries
    # each next try waits, from FIRST_WAIT doubling to at most LONGEST_WAIT.
    "THROTTLE_WINDOW": timedelta(hours=1),
    "THROTTLE_LIMITS": {"pair": (5, 10), "account": (5, 10), "address": (20, 25)},
    "THROTTLE_FIRST_WAIT": timedelta(seconds=30),
    "THROTTLE_LONGEST_WAIT": timedelta(minutes=15),
    # How long a browser or address an account signed in from stays known to it.
    "THROTTLE_KNOWN_FOR": timedelta(days=90),
    # Retention (docs/security.md): an ended case comes up for a manager's disposal review this many years after it
    # ended, or when its youngest child reaches RETENTION_CHILD_AGE, whichever is later (None: years only).
    "RETENTION_YEARS": 6,
    "RETENTION_CHILD_AGE": 25,
    # How long a right password waits for its second factor before the sign-in starts again.
    "SECOND_FACTOR_WAIT": timedelta(minutes=10),
    "PASSWORD_LINK_LIFETIME": timedelta(hours=24),
    # Targets for FGC work, in working days (weekends, bank holidays and closure days excluded).
    "BASELINE_TARGET_DAYS": 5,
    "BASELINE_TARGET_URGENT_DAYS": 1,
    "CONFERENCE_TARGET_DAYS": 40,
    "REVIEW_AFTER_MONTHS": 3,
    "DUE_SOON_DAYS": 3,
    # The domain part of calendar invite UIDs.
    "INVITE_UID_DOMAIN": "fgc.invalid",
    # Seconds a PDF may take to render before it is stopped: the letter, made while its page waits (kept
    # under gunicorn's 30 s timeout), and the plans, made by the background worker and tried again if stopped.
    "PDF_TIMEOUT": 20,
    "PDF_JOB_TIMEOUT": 120,
    # The background worker (flask --app fgc worker): jobs run at once, seconds between looks at the queue
    # when it is empty, and how much it lowers its CPU priority so pages are served first.
    "WORKER_THREADS": 2,
    "WORKER_POLL_SECONDS": 1.0,
    "WORKER_NICE": 10,
    # Family links: how long the cookie a link's token is swapped for lasts; how many unknown
    # links one address may try in the window before it is made to wait; where quick exit goes.
    "FAMILY_SESSION_MINUTES": 60,
    "FAMILY_MISS_LIMIT": 20,
    "FAMILY_MISS_WINDOW_MINUTES": 15,
    "QUICK_EXIT_URL": "https://www.bbc.co.uk/weather",
    # Messages (docs/messages.md). With neither GOV.UK Notify nor a mail relay set, nothing leaves the machine:
    # messages are kept and shown on the admin Messages page.
    "PUBLIC_URL": "",
    # The data return's pseudonymous ids (docs/data-return.md); empty: derived from SECRET_KEY.
    "DATA_RETURN_KEY": "",
    "NOTIFY_API_KEY": "",
    "NOTIFY_BASE_URL": "",
    # {kind: {"sms"|"email": {"en"|"cy": template id}}}: the Notify templates that hold each message's words.
    "NOTIFY_TEMPLATES": {},
    "SMTP_URL": "",
    "SMTP_CA_FILE": "",
    "MAIL_FROM": "",
    # Hours (UK time) between which nothing goes to families: it waits until the second one. None: no quiet hours.
    "MESSAGE_QUIET_HOURS": (21, 8),
    # Seconds a gateway may take to answer before the send is tried again later.
    "MESSAGE_TIMEOUT": 20,
    # Days before a task is due that its owner is reminded (if they chose reminders), and before a plan's review
    # date that the coordinator is.
    "TASK_REMINDER_DAYS": 3,
    "REVIEW_REMINDER_DAYS": 7,
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
}


def load(app, test_config=None):
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE"] = os.path.join(app.instance_path, "fgc.sqlite")
    if test_config is None:
        app.config.from_pyfile(os.path.join(app.instance_path, "config.py"), silent=True)
        _load_environment(app)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)
    _check_messages(app.config)
    if app.config["HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
        # "__Host-": the browser keeps the cookie only if it came over HTTPS, for this host alone and every path.
        if app.config["SESSION_COOKIE_NAME"] == DEFAULTS["SESSION_COOKIE_NAME"]:
            app.config["SESSION_COOKIE_NAME"] = "__Host-" + DEFAULTS["SESSION_COOKIE_NAME"]


def _load_environment(app):
    env = os.environ
    if env.get("FGC_DATABASE"):
        app.config["DATABASE"] = env["FGC_DATABASE"]
    if env.get("FGC_SECRET_KEY"):
        app.config["SECRET_KEY"] = env["FGC_SECRET_KEY"]
    if "FGC_HTTPS" in env:
        app.config["HTTPS"] = env["FGC_HTTPS"] == "1"
    if env.get("FGC_PROXY_COUNT"):
        app.config["PROXY_COUNT"] = int(env["FGC_PROXY_COUNT"])
    for name in ("PUBLIC_URL", "NOTIFY_API_KEY", "NOTIFY_BASE_URL", "SMTP_URL", "MAIL_FROM", "DATA_RETURN_KEY"):
        if env.get(f"FGC_{name}"):
            app.config[name] = env[f"FGC_{name}"]


NOTIFY_KEY = re.compile(r".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                        r"-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _check_messages(config):
    """Refuse to start with message settings that could only fail later, one message at a time."""
    key = config.get("NOTIFY_API_KEY") or ""
    if key and not NOTIFY_KEY.fullmatch(key):
        raise RuntimeError("FGC_NOTIFY_API_KEY is not a GOV.UK Notify API key (its name, then the service id and "
                           "the secret, two UUIDs)")
    url = config.get("SMTP_URL") or ""
    if url and not re.fullmatch(r"smtps?://[^/?#]+(:\d+)?/?(\?[^#]*)?", url):
        raise RuntimeError("FGC_SMTP_URL must look like smtp://host:port or smtps://host:port")
    if url and not config.get("MAIL_FROM"):
        raise RuntimeError("FGC_MAIL_FROM (the From address of fgc's emails) must be set with FGC_SMTP_URL")


def _instance_secret(instance_path):
    """Read the generated key, creating it (mode 0600) on the first run.

    The key is written to a private temporary file and then hard-linked into place,
    so when several workers start at once exactly one key wins and nobody reads a
    half-written file.
    """
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        tmp = f"{path}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_urlsafe(48))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    with open(path, encoding="ascii") as f:
        key = f.read().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it to generate a new key")
    return key
