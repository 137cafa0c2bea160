"""The authenticator app's codes and the recovery codes: which codes are accepted, that a secret is kept sealed
with the app's key, and that recovery codes are easy to type and stored only as hashes."""

import re

import pyotp
import pytest

from fgc.data import second_factor as factor_data
from fgc.db import write
from fgc.domain import second_factor

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MOMENT = 1_790_000_015.0  # 15 seconds into a step


@pytest.mark.parametrize("offset, accepted", [(-60, False), (-30, True), (0, True), (30, True), (60, False)],
                         ids=["two-steps-ago", "one-step-ago", "now", "one-step-ahead", "two-steps-ahead"])
def test_a_code_is_accepted_for_its_own_step_or_one_either_side(offset, accepted):
    code = pyotp.TOTP(SECRET).at(MOMENT + offset)
    step = second_factor.matching_step(SECRET, code, MOMENT)
    assert (step is not None) == accepted
    if accepted:
        assert step == second_factor.current_step(MOMENT + offset)


@pytest.mark.parametrize("typed", ["12345", "1234567", "abcdef", "", None, "12 34 5x"])
def test_what_cannot_be_a_code_is_never_accepted(typed):
    assert second_factor.matching_step(SECRET, typed, MOMENT) is None


def test_spaces_and_dashes_people_type_are_ignored():
    code = pyotp.TOTP(SECRET).at(MOMENT)
    assert second_factor.matching_step(SECRET, f" {code[:3]} {code[3:]} ", MOMENT) is not None
    assert second_factor.matching_step(SECRET, f"{code[:3]}-{code[3:]}", MOMENT) is not None


def test_a_secret_is_sealed_with_the_apps_key_and_unreadable_with_another(app):
    with app.app_context():
        sealed = second_factor.seal(SECRET)
        assert SECRET not in sealed and second_factor.unseal(sealed) == SECRET
    app.config["SECRET_KEY"] = "a different key"
    with app.app_context():
        assert second_factor.unseal(sealed) is None


def test_the_setup_address_names_the_service_and_the_person(app):
    with app.app_context():
        uri = second_factor.setup_uri(SECRET, "cerys@example.org")
        svg = second_factor.qr_svg(uri)
    assert uri.startswith("otpauth://totp/Family%20Group%20Conferences:cerys%40example.org?secret=" + SECRET)
    assert SECRET not in svg and "<title>" in svg


def test_recovery_codes_are_ten_distinct_codes_without_letters_that_look_alike():
    codes = second_factor.new_recovery_codes()
    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}", code) for code in codes)


def test_a_recovery_code_is_found_however_it_is_typed_and_only_while_unused(app, db):
    codes = second_factor.new_recovery_codes()
    with app.app_context(), write(db):
        factor_data.replace_recovery_codes(db, 1, second_factor.hash_recovery_codes(codes))
    stored = [code_hash for _id, code_hash in factor_data.unused_recovery_codes(db, 1)]
    assert all(code_hash.startswith("$argon2id$") for code_hash in stored)
    found = second_factor.find_recovery_code(db, 1, " " + codes[2].upper().replace("-", " "))
    assert found is not None
    with write(db):
        assert factor_data.use_recovery_code(db, found)
        assert not factor_data.use_recovery_code(db, found), "a code is spent once, even by two at once"
    assert second_factor.find_recovery_code(db, 1, codes[2]) is None
    assert second_factor.find_recovery_code(db, 1, "not-a-code") is None
