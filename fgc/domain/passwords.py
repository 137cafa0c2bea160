"""Password hashing (argon2id) and the password rules.

The rules follow NCSC and OWASP ASVS: at least 12 characters, long passphrases
welcome, no composition rules, and guessable passwords refused with advice
(zxcvbn score below 3).
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 1000
# zxcvbn's cost grows with length; beyond this a password is long enough to judge on its start.
_ZXCVBN_CHARS = 72  # zxcvbn refuses longer input

_hasher = PasswordHasher()
# Verified against when no account matches, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password: timing equaliser")


def hash_password(password):
    return _hasher.hash(password)


def verify(password_hash, password):
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    return _hasher.check_needs_rehash(password_hash)


def problem(password, *, related=()):
    """Advice to show if the password is not acceptable, else None.

    The advice is in the page's language, except zxcvbn's own warning, which it has only in English."""
    if len(password) < MIN_LENGTH:
        return _("Password must be %(num)d characters or more", num=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Password must be %(num)d characters or fewer", num=MAX_LENGTH)
    related = [str(value).strip().lower() for value in related if value and str(value).strip()]
    inputs = related + [part for value in related for part in value.replace("@", " ").replace(".", " ").split()]
    lowered = password.lower()
    for value in inputs:
        if len(value) >= 4 and value in lowered and len(lowered.replace(value, "")) < MIN_LENGTH:
            return _("Password must not be based on your name or email address")
    result = zxcvbn(password[:_ZXCVBN_CHARS], user_inputs=inputs + ["family", "group", "conference", "fgc"])
    if result["score"] < 3:
        warning = (result["feedback"].get("warning") or "").strip().rstrip(".")
        if warning:
            return _("Password is too easy to guess (%(warning)s). Try three or more random words together",
                     warning=f"{warning[0].lower()}{warning[1:]}")
        return _("Password is too easy to guess. Try three or more random words together")
    return None
