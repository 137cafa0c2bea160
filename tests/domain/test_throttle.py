"""Throttling password guesses: who is counted together, and when guessing stops.

The sign-in pages' own tests (tests/views/test_auth.py) drive the whole journey; these test the rules.
"""

import pytest

from fgc.db import write
from fgc.domain import throttle


@pytest.mark.parametrize("address, key", [
    ("192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
    ("::ffff:192.0.2.7", "192.0.2.7"),
    ("not an address", "not an address"),
], ids=["ipv4", "ipv6", "same-ipv6-block", "ipv4-mapped", "unparseable"])
def test_addresses_are_counted_per_host_or_ipv6_block(address, key):
    assert throttle.ip_key(address) == key


def test_an_email_is_counted_however_it_is_typed_and_never_kept_as_typed(app):
    with app.app_context():
        key = throttle.account_key("Nain.Jones@Example.org")
        assert throttle.account_key("  nain.jones@example.ORG ") == key
        assert throttle.account_key("someone.else@example.org") != key
        assert "nain" not in key and len(key) == 64


def guess(app, email, address):
    """One sign-in attempt from ``address``: (attempt id, None), or (None, whether this is the first refusal)."""
    with app.test_request_context(environ_base={"REMOTE_ADDR": address}), write():
        return throttle.reserve(email)


@pytest.mark.parametrize("who, limit", [("account", 5), ("address", 20)])
def test_guessing_stops_at_the_limit_and_the_refusal_is_reported_once(app, who, limit):
    def attempt(number):
        email = "coordinator@example.org" if who == "account" else f"person{number}@example.org"
        return guess(app, email, "192.0.2.7")

    results = [attempt(number) for number in range(limit + 2)]
    assert all(attempt_id is not None for attempt_id, _ in results[:limit])
    assert [first for attempt_id, first in results[limit:]] == [True, False], "throttled, audited once"
    assert all(attempt_id is None for attempt_id, _ in results[limit:])


def test_a_right_password_forgives_the_attempt(app):
    for _ in range(10):
        with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.8"}):
            with write():
                attempt, _ = throttle.reserve("manager@example.org")
            assert attempt is not None, "each forgiven attempt leaves the count where it was"
            throttle.forgive(attempt, "manager@example.org")
