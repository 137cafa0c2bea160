"""GOV.UK Notify through its official client, against a local server that speaks Notify's API and checks the API
key's signed token: what Notify takes, what it refuses for good, and what is worth trying again."""

import pytest
from notify_server import API_KEY, SERVICE_ID, template_id

from fgc.gateways import Outgoing, Refused, TryAgain
from fgc.gateways.notify import Notify


def gateway(server, **overrides):
    config = server.config()
    return Notify(overrides.get("api_key", API_KEY), base_url=server.base_url, templates=config["NOTIFY_TEMPLATES"],
                  timeout=overrides.get("timeout", 2))


def text_message(reference="fgc-test-1", to="07700 900123", **values):
    personalisation = {"service": "Gwasanaeth FGC", "link": "https://fgc.example/f/abc", "expires_on": "1 March",
                       "has_pin": "no", **values}
    return Outgoing(channel="sms", address=to, kind="family_link", language="cy", reference=reference, subject="",
                    body="…", personalisation=personalisation)


def test_a_text_message_goes_with_its_template_personalisation_and_reference(notify):
    handed = gateway(notify).send(text_message())
    [sent] = notify.sent("sms")
    assert handed.gateway == "notify" and handed.gateway_id == sent["id"]
    assert sent["reference"] == "fgc-test-1" and sent["phone_number"] == "07700 900123"
    assert sent["template"]["id"] == template_id("family_link", "sms", "cy"), "the Welsh template"
    assert sent["personalisation"]["link"] == "https://fgc.example/f/abc"


def test_an_email_goes_to_the_email_template(notify):
    message = Outgoing(channel="email", address="nain@example.org", kind="task_reminder", language="en",
                       reference="fgc-test-e", subject="Reminder", body="…",
                       personalisation={"service": "FGC", "due_on": "Friday 4 December 2026"})
    gateway(notify).send(message)
    [sent] = notify.sent("email")
    assert sent["email_address"] == "nain@example.org"
    assert sent["template"]["id"] == template_id("task_reminder", "email", "en")


def test_a_message_sent_before_is_found_by_its_reference(notify):
    notify_gateway = gateway(notify)
    assert notify_gateway.find("fgc-test-2") is None
    handed = notify_gateway.send(text_message(reference="fgc-test-2"))
    assert notify_gateway.find("fgc-test-2") == handed.gateway_id


@pytest.mark.parametrize(("status", "expected"), [("created", "waiting"), ("sending", "waiting"),
                                                  ("delivered", "delivered"), ("permanent-failure", "failed"),
                                                  ("temporary-failure", "failed"), ("technical-failure", "failed")])
def test_delivery_status_is_read_back(notify, status, expected):
    notify_gateway = gateway(notify)
    handed = notify_gateway.send(text_message())
    notify.deliver(handed.gateway_id, status)
    state, why = notify_gateway.status(handed.gateway_id)
    assert state == expected
    assert bool(why) == (expected == "failed") or expected == "waiting"


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_a_busy_or_broken_notify_is_tried_again_later(notify, status):
    notify.failures.append((status, "Exception", "Internal server error" if status != 429 else "RateLimitError"))
    with pytest.raises(TryAgain, match=str(status)):
        gateway(notify).send(text_message())
    assert notify.sent() == []


def test_no_answer_in_time_is_tried_again_later(notify):
    notify.hangs.append(3)
    with pytest.raises(TryAgain):
        gateway(notify, timeout=0.5).send(text_message())


def test_a_number_notify_will_never_take_is_refused_for_good(notify):
    with pytest.raises(Refused, match="Not a UK mobile number"):
        gateway(notify).send(text_message(to="01234 567890"))


def test_a_template_missing_personalisation_is_refused_for_good(notify):
    message = text_message()
    del message.personalisation["link"]
    with pytest.raises(Refused, match="Missing personalisation: link"):
        gateway(notify).send(message)


def test_a_kind_with_no_template_set_is_refused_with_what_to_set(notify):
    notify_gateway = Notify(API_KEY, base_url=notify.base_url, templates={}, timeout=2)
    with pytest.raises(Refused, match="NOTIFY_TEMPLATES"):
        notify_gateway.send(text_message())
    assert notify.requests == []


def test_a_key_notify_does_not_know_is_tried_again_not_dropped(notify):
    wrong = f"fgc_test-{SERVICE_ID}-00000000-0000-4000-8000-000000000000"
    with pytest.raises(TryAgain, match="refused the API key"):
        gateway(notify, api_key=wrong).send(text_message())
