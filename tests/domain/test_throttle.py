"""Slowing down password guesses: each line of the policy in docs/security.md, with the clock moved by hand.

The sign-in pages' own tests (tests/views/test_auth.py) drive the whole journey, in parallel too; these test the
rules.
"""

from datetime import timedelta

import pytest

from fgc.data import now as real_now
from fgc.db import write
from fgc.domain import throttle

SAM = "social_worker@example.org"
HOME = "192.0.2.10"
ELSEWHERE = "198.51.100.66"
OFFICE = "203.0.113.5"


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


class Clock:
    def __init__(self):
        self.at = real_now()

    def __call__(self):
        return self.at

    def wait(self, **kwargs):
        self.at += timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle, "now", clock)
    return clock


class Browser:
    """One browser at one address: its ``fgc_browser`` cookie is kept once a sign-in gives it one."""

    def __init__(self, app, address, cookie=None):
        self.app, self.address, self.cookie = app, address, cookie

    def attempt(self, email=SAM, right=False):
        """One try: the Attempt; a right one is forgiven and remembered, as a whole sign-in is."""
        headers = {"Cookie": f"{throttle.BROWSER_COOKIE}={self.cookie}"} if self.cookie else {}
        with self.app.test_request_context(environ_base={"REMOTE_ADDR": self.address}, headers=headers):
            with write():
                attempt = throttle.reserve(email)
            if right and attempt.allowed:
                throttle.forgive(attempt)
                with write():
                    throttle.remember(email)
                self.cookie = throttle.browser_cookie()
            return attempt

    def guesses(self, count, email=SAM):
        return [self.attempt(email) for _ in range(count)]


def test_from_somewhere_new_five_tries_are_free_then_each_waits_longer_then_guessing_stops(app, clock):
    stranger = Browser(app, ELSEWHERE)
    assert all(attempt.allowed for attempt in stranger.guesses(5))
    waits = []
    for _ in range(5):
        refused = stranger.attempt()
        assert not refused.allowed and refused.refused == "account"
        waits.append(refused.wait)
        clock.wait(seconds=refused.wait.total_seconds())
        assert stranger.attempt().allowed, "after the wait, one more try"
    assert waits == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4),
                     timedelta(minutes=8)]
    # Ten failures inside the hour: stopped until the first of them is an hour old, however long one waits.
    clock.wait(minutes=15)
    stopped = stranger.attempt()
    assert not stopped.allowed
    assert stopped.wait == timedelta(minutes=29, seconds=30)
    with app.test_request_context():
        assert stopped.message() == "You have tried to sign in too many times. Wait 30 minutes, then try again"
    clock.wait(seconds=stopped.wait.total_seconds())
    assert stranger.attempt().allowed


def test_the_longest_wait_is_fifteen_minutes(app, clock):
    app.config["THROTTLE_LIMITS"] = dict(app.config["THROTTLE_LIMITS"], account=(1, 100))
    stranger = Browser(app, ELSEWHERE)
    waits = []
    for _ in range(8):
        assert stranger.attempt().allowed
        refused = stranger.attempt()
        waits.append(refused.wait)
        clock.wait(seconds=refused.wait.total_seconds())
    assert waits[-3:] == [timedelta(minutes=15)] * 3


def test_while_a_stranger_is_stopped_the_owner_signs_in_from_their_own_browser(app, clock):
    own = Browser(app, HOME)
    assert own.attempt(right=True).allowed and own.cookie
    stranger = Browser(app, ELSEWHERE)
    stranger.guesses(12)
    assert stranger.attempt().refused == "account"
    # The owner's browser is known to the account: only its own tries count against it.
    own.address = "192.0.2.99"  # the same laptop, on a train
    assert own.attempt().allowed
    assert own.attempt(right=True).allowed


def test_an_address_the_owner_signed_in_from_counts_as_known_without_the_cookie(app, clock):
    Browser(app, OFFICE).attempt(right=True)
    Browser(app, ELSEWHERE).guesses(12)
    another_browser_in_the_office = Browser(app, OFFICE)
    attempt = another_browser_in_the_office.attempt(right=True)
    assert attempt.allowed and attempt.keys["known"] == 1


def test_a_known_browser_has_five_free_tries_then_waits_then_stops_after_ten(app, clock):
    own = Browser(app, HOME)
    own.attempt(right=True)
    assert all(attempt.allowed for attempt in own.guesses(5))
    refused = own.attempt()
    assert refused.refused == "pair" and refused.wait == timedelta(seconds=30)
    for _ in range(5):
        clock.wait(minutes=8)
        assert own.attempt().allowed
    clock.wait(minutes=8)
    stopped = own.attempt()
    assert stopped.refused == "pair", "ten failures inside the hour stop it"
    assert stopped.wait == timedelta(minutes=60 - 6 * 8)
    # A stranger guessing meanwhile is counted on its own.
    assert Browser(app, ELSEWHERE).attempt().allowed


def test_a_right_password_forgives_only_its_own_browsers_tries(app, clock):
    stranger = Browser(app, ELSEWHERE)
    stranger.guesses(2)
    own = Browser(app, HOME)
    own.guesses(2)
    assert own.attempt(right=True).allowed
    # The stranger's two still count: three more, and they wait.
    assert all(attempt.allowed for attempt in stranger.guesses(3))
    assert not stranger.attempt().allowed


def test_one_address_spraying_many_accounts_is_stopped_without_stopping_people_known_there(app, clock):
    colleague = Browser(app, OFFICE)
    colleague.attempt(email="manager@example.org", right=True)
    sprayer = Browser(app, OFFICE)
    results = [sprayer.attempt(email=f"person{number}@example.org") for number in range(21)]
    assert all(attempt.allowed for attempt in results[:20])
    assert results[20].refused == "address"
    # Someone who has signed in from this office before still can, from another browser there too.
    assert Browser(app, OFFICE).attempt(email="manager@example.org", right=True).allowed
    # Someone never seen there is slowed down with the sprayer: the address is all that is known of them.
    assert Browser(app, OFFICE).attempt(email="admin@example.org").refused == "address"


def test_each_scope_is_refused_first_once_in_a_window(app, clock):
    stranger = Browser(app, ELSEWHERE)
    stranger.guesses(5)
    refusals = stranger.guesses(3)
    assert [attempt.first for attempt in refusals] == [True, False, False]
    clock.wait(hours=1, minutes=1)
    stranger.guesses(5)
    assert stranger.attempt().first, "a new window, a new first refusal"


def test_a_browser_cookie_that_is_not_one_of_ours_is_ignored(app, clock):
    forged = Browser(app, ELSEWHERE, cookie="<script>")
    assert forged.attempt().keys["client_key"] == "address:" + ELSEWHERE
    with app.test_request_context(headers={"Cookie": f"{throttle.BROWSER_COOKIE}=<script>"}):
        assert throttle.browser_cookie() != "<script>"
