"""The password rules and hashing."""

from fgc.domain import passwords


def test_hash_is_argon2id_and_verifies():
    hashed = passwords.hash_password("velvet canyon marble drum")
    assert hashed.startswith("$argon2id$")
    assert passwords.verify(hashed, "velvet canyon marble drum")
    assert not passwords.verify(hashed, "velvet canyon marble drum ")


def test_no_hash_never_verifies():
    assert not passwords.verify(None, "anything at all here")
    assert not passwords.verify("not a hash", "anything at all here")


def test_short_passwords_are_refused():
    assert passwords.problem("Xy7$kQ2!mZ") == "Password must be 12 characters or more"


def test_common_passwords_are_refused_with_advice():
    advice = passwords.problem("password1234")
    assert advice.startswith("Password is too easy to guess")
    assert "three or more random words" in advice


def test_no_composition_rules_for_a_good_passphrase():
    assert passwords.problem("velvet canyon marble drum") is None
    assert passwords.problem("ffenestr mynydd afon cwmwl") is None


def test_long_passphrases_are_allowed():
    long_one = ("the heron waited by the weir while the kettle sang in the cottage below the old slate quarry "
                "and nobody noticed the time")
    assert len(long_one) > 100
    assert passwords.problem(long_one) is None
    assert passwords.problem("x" * 1001) == "Password must be 1000 characters or fewer"


def test_passwords_made_from_the_persons_details_are_refused():
    assert passwords.problem("cerys.llywelyn2026", related=("cerys.llywelyn@example.org", "Cerys Llywelyn")) is not None
