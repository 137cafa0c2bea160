"""The second factor every staff account signs in with: an authenticator app (TOTP, RFC 6238) and recovery codes.

**The app.** On a person's first sign-in they are given a new secret, as a QR code (segno) and as text to type,
and set it up by entering a code from their app. The secret is kept encrypted with a key derived from the app's
``SECRET_KEY`` (so a copy of the database alone does not give it away; a new ``SECRET_KEY`` means everyone sets
their app up again). A code is accepted for its own 30-second step or one either side (clocks drift), and only
once: the step is recorded, and no code from it or an earlier step works again.

**Recovery codes.** Ten single-use codes are shown once when the app is set up, and kept only as argon2id hashes
(they are 50 bits each: short enough to type, so hashed as passwords are, with OWASP's minimum argon2id cost,
19 MiB and 2 passes, so checking all ten stays quick; 50 random bits need no more). Using one tells the person by email.
They can make a new set from their account page; an admin can reset the second factor, and the person sets the
app up again at their next sign-in.

Checking codes here only answers right or wrong; ``fgc.domain.signing_in`` and ``fgc.domain.accounts`` count each
try against the throttle and audit it.
"""

import base64
import hmac
import secrets
import time

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_babel import gettext as _

from ..data import second_factor as factor_data

STEP_SECONDS = 30
RECOVERY_CODES = 10
# No 0/o, 1/l/i: easy to read off paper and type.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10
_recovery_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def _fernet():
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"fgc second factor secrets").derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret):
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed):
    """The TOTP secret, or None if it cannot be read (the ``SECRET_KEY`` changed)."""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, AttributeError):
        return None


def new_secret():
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def setup_uri(secret, email):
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=current_app.config["SERVICE_NAME"])


def qr_svg(uri):
    """The setup address as a QR code: inline SVG with a title, no text from the secret in it."""
    return segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code to set up your authenticator app"),
                                                 svgclass="app-qr", lineclass=None, omitsize=False)


def grouped(secret):
    """The secret in fours, as people type it into an app."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def clean_code(text):
    return "".join((text or "").split()).replace("-", "")


def current_step(at=None):
    return int((at if at is not None else time.time()) // STEP_SECONDS)


def code_for(secret, step):
    return pyotp.TOTP(secret).generate_otp(step)


def matching_step(secret, code, at=None):
    """The step ``code`` belongs to (this one or one either side), or None."""
    code = clean_code(code)
    if not secret or len(code) != 6 or not code.isdigit():
        return None
    now_step = current_step(at)
    found = None
    for step in (now_step - 1, now_step, now_step + 1):
        if hmac.compare_digest(code_for(secret, step), code):
            found = step
    return found


def has_app(db, user_id):
    """Whether the account has an authenticator app it can use: set up, and its secret readable (a new
    ``SECRET_KEY`` makes every secret unreadable, and its owner sets up their app again)."""
    found = factor_data.get(db, user_id)
    return bool(found and found["confirmed_at"] and unseal(found["secret"]))


def set_up_known(db, user_id, secret):
    """Give the account an authenticator app with ``secret``, already set up: for demo accounts, whose secrets
    ``seed-demo`` prints. Call inside ``write()``."""
    factor_data.set_unconfirmed_secret(db, user_id, seal(secret))
    factor_data.confirm(db, user_id, None)


def check_app_code(db, user_id, code):
    """Whether ``code`` is right for the person's app and not used before; if so its step is now used. Call inside
    ``write()``, so two requests with the same code cannot both pass."""
    found = factor_data.get(db, user_id)
    if not found or not found["confirmed_at"]:
        return False
    step = matching_step(unseal(found["secret"]), code)
    return step is not None and factor_data.use_step(db, user_id, step)


def new_recovery_codes():
    return [_format("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH)))
            for _ in range(RECOVERY_CODES)]


def _format(code):
    return f"{code[:5]}-{code[5:]}"


def hash_recovery_codes(codes):
    """The hashes ``codes`` are kept as. Slow on purpose (argon2): call outside a write."""
    return [_recovery_hasher.hash(clean_code(code).lower()) for code in codes]


def find_recovery_code(db, user_id, typed):
    """The id of the unused recovery code ``typed`` is, or None. Slow on purpose (argon2): call outside a write."""
    typed = clean_code(typed).lower()
    if len(typed) != _RECOVERY_LENGTH:
        return None
    for code_id, code_hash in factor_data.unused_recovery_codes(db, user_id):
        try:
            if _recovery_hasher.verify(code_hash, typed):
                return code_id
        except (VerificationError, InvalidHashError):
            continue
    return None
