"""The words of each message, as fgc writes them: in Welsh or English, every kind with a subject and a body,
values written out safely (no bidi controls), and GOV.UK Notify given every value its template fills in."""

import pytest

from fgc.render import messages

VALUES = {
    "family_link": {"service": "FGC", "link": "https://fgc.example/f/abc", "expires_on": "2027-03-01",
                    "has_pin": True},
    "meeting_invitation": {"service": "FGC", "meeting_kind": "conference", "starts_on": "2026-12-10",
                           "starts_at": "10:00", "ends_at": "12:00", "place": "Family centre, 1 High Street",
                           "remote": True},
    "meeting_changed": {"service": "FGC", "meeting_kind": "review", "starts_on": "2026-12-11", "starts_at": "14:00",
                        "ends_at": "15:30", "place": "Library"},
    "meeting_cancelled": {"service": "FGC", "meeting_kind": "conference", "starts_on": "2026-12-10"},
    "task_reminder": {"service": "FGC", "due_on": "2026-12-09"},
    "review_reminder": {"reference": "FGC-1", "review_on": "2027-03-01", "review_meeting": False,
                        "url": "https://fgc.example/cases/1"},
    "referral_waiting": {"reference": "FGC-2", "received_on": "2026-12-04", "urgent": True, "url": ""},
    "plan_acknowledged": {"reference": "FGC-3", "number": 2, "url": "https://fgc.example/cases/3"},
    "task_updated": {"reference": "FGC-4", "url": "https://fgc.example/cases/4"},
    "pin_locked": {"reference": "FGC-5", "url": "https://fgc.example/cases/5"},
    "sign_in_under_attack": {"account": "sam@example.org", "yours": True, "url": "https://fgc.example/"},
    "second_factor_reset": {"account": "sam@example.org", "url": "https://fgc.example/sign-in"},
    "recovery_code_used": {"account": "sam@example.org", "left": 9, "url": "https://fgc.example/account"},
}


def test_every_kind_has_values_here():
    assert set(VALUES) == set(messages.PUBLIC + messages.STAFF) == set(messages.FIELDS)


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_every_kind_has_a_subject_and_a_tidy_body(app, kind):
    with app.app_context():
        subject, body = messages.compose(kind, "en", VALUES[kind])
    assert subject and "\n" not in subject
    assert body.strip() and body.endswith("\n") and "\n\n\n" not in body and not body.startswith("\n")
    assert "{{" not in body and "%(" not in body


@pytest.mark.parametrize("kind", messages.PUBLIC)
def test_messages_to_families_are_in_welsh_when_asked(app, kind):
    with app.app_context():
        _, english = messages.compose(kind, "en", VALUES[kind])
        subject, welsh = messages.compose(kind, "cy", VALUES[kind])
    assert welsh != english
    assert not any(word in welsh for word in ("Your ", "The link", "Reminder", "When:", "Where:")), welsh


def test_a_welsh_invitation_names_the_meeting_and_the_day_in_welsh(app):
    with app.app_context():
        subject, body = messages.compose("meeting_invitation", "cy", VALUES["meeting_invitation"])
    assert "cynhadledd grŵp teulu" in body and "Dydd Iau 10 Rhagfyr 2026" in body
    assert subject == "Gwahoddiad: cynhadledd grŵp teulu ar 10 Rhagfyr 2026"


def test_no_message_to_a_family_names_a_child_or_a_case(app):
    with app.app_context():
        for kind in messages.PUBLIC:
            _, body = messages.compose(kind, "en", dict(VALUES[kind], reference="FGC-SECRET", child="Jayden"))
            assert "FGC-SECRET" not in body and "Jayden" not in body


def test_typed_values_lose_their_bidi_controls(app):
    values = dict(VALUES["meeting_invitation"], place="Canolfan \u202eevil\u202c שָׁלוֹם 🏠")
    with app.app_context():
        _, body = messages.compose("meeting_invitation", "en", values)
        given = messages.personalisation("meeting_invitation", "en", values)
    assert "\u202e" not in body and "Canolfan evil שָׁלוֹם 🏠" in body
    assert given["place"] == "Canolfan evil שָׁלוֹם 🏠"


def test_notify_is_given_every_value_its_template_fills_in_as_text(app):
    with app.app_context():
        for kind, fields in messages.FIELDS.items():
            given = messages.personalisation(kind, "en", VALUES[kind])
            assert set(fields) <= set(given), kind
            assert all(isinstance(value, str) for value in given.values())
        given = messages.personalisation("family_link", "cy", VALUES["family_link"])
    assert given["has_pin"] == "yes" and given["expires_on"] == "Dydd Llun 1 Mawrth 2027"
