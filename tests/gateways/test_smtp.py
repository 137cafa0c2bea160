"""Email through a mail relay: a real SMTP server on loopback receives what fgc sends, refuses when told to, and
the gateway says whether that is worth trying again."""

import pytest
from icalendar import Calendar
from smtp_server import free_port

from fgc.gateways import Outgoing, Refused, TryAgain
from fgc.gateways.smtp import Smtp

ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fgc//test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "UID:meeting-1@fgc.invalid\r\nSEQUENCE:2\r\nDTSTAMP:20261201T090000Z\r\nDTSTART:20261210T100000Z\r\n"
       "DTEND:20261210T120000Z\r\nSUMMARY:Family group conference\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def email(**changes):
    values = {"channel": "email", "address": "nain@example.org", "kind": "meeting_invitation", "language": "en",
              "reference": "fgc-test-1", "subject": "Invitation: family group conference",
              "body": "Croeso, Siân 👋 שָׁלוֹם\nWhen: Thursday 10 December 2026\n"}
    values.update(changes)
    return Outgoing(**values)


def gateway(relay, **options):
    return Smtp(relay.url, sender="FGC service <fgc@council.example.org>", timeout=2, **options)


def test_the_relay_gets_the_words_the_subject_and_a_message_id_from_the_reference(relay):
    handed = gateway(relay).send(email())
    [message] = relay.messages
    assert relay.envelopes == [("fgc@council.example.org", ["nain@example.org"])]
    assert message["Subject"] == "Invitation: family group conference"
    assert message["Message-ID"] == "<fgc-test-1@council.example.org>" == handed.gateway_id
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == "Croeso, Siân 👋 שָׁלוֹם\nWhen: Thursday 10 December 2026\n"


def test_an_invitation_carries_its_calendar_as_a_text_calendar_part(relay):
    gateway(relay).send(email(calendar=ICS, calendar_method="REQUEST"))
    [message] = relay.messages
    [part] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    event = Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
    assert str(event["UID"]) == "meeting-1@fgc.invalid" and int(event["SEQUENCE"]) == 2
    attachments = [part.get_filename() for part in message.iter_attachments()]
    assert "invite.ics" in attachments


def test_a_typed_line_break_never_reaches_a_header(relay):
    gateway(relay).send(email(subject="Invitation\r\nBcc: everyone@example.org"))
    [message] = relay.messages
    assert message["Bcc"] is None and relay.envelopes[0][1] == ["nain@example.org"]
    assert message["Subject"] == "Invitation Bcc: everyone@example.org"


def test_an_address_the_relay_will_never_take_is_refused_for_good(relay):
    relay.refuse_rcpt.append("550 5.1.1 No such user here")
    with pytest.raises(Refused, match="550"):
        gateway(relay).send(email())


@pytest.mark.parametrize("where", ["refuse_rcpt", "refuse_data"])
def test_a_relay_that_says_later_is_tried_again_later(relay, where):
    getattr(relay, where).append("451 4.3.0 Try again later")
    with pytest.raises(TryAgain, match="451"):
        gateway(relay).send(email())
    assert relay.messages == []


def test_a_relay_that_cannot_be_reached_is_tried_again_later():
    nobody = Smtp(f"smtp://127.0.0.1:{free_port()}", sender="fgc@council.example.org", timeout=1)
    with pytest.raises(TryAgain, match="could not be reached"):
        nobody.send(email())


def test_credentials_are_never_sent_to_a_relay_without_starttls(relay):
    with_login = Smtp(relay.url.replace("smtp://", "smtp://fgc:secret@"), sender="fgc@council.example.org",
                      timeout=2)
    with pytest.raises(TryAgain, match="STARTTLS"):
        with_login.send(email())
    assert relay.messages == []


def test_an_address_that_cannot_be_written_is_refused(relay):
    with pytest.raises(Refused):
        gateway(relay).send(email(address="not an address"))


@pytest.fixture
def tls_relay(tmp_path):
    import ssl

    from smtp_server import Relay, self_signed
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = Relay(tls_context=context, require_starttls=True, login=("fgc", "s3cret p@ss")).start()
    yield server, cert
    server.stop()


def test_credentials_go_only_over_starttls_to_a_relay_that_is_trusted(tls_relay):
    relay, cert = tls_relay
    url = relay.url.replace("smtp://", "smtp://fgc:s3cret%20p%40ss@")
    Smtp(url, sender="fgc@council.example.org", timeout=5, ca_file=str(cert)).send(email())
    assert relay.logins == [("fgc", "s3cret p@ss", True)], "signed in once, over TLS"
    assert [message["To"] for message in relay.messages] == ["nain@example.org"]


def test_a_relay_whose_certificate_is_not_trusted_gets_nothing(tls_relay):
    relay, _cert = tls_relay
    with pytest.raises(TryAgain):
        Smtp(relay.url.replace("smtp://", "smtp://fgc:x@"), sender="fgc@council.example.org", timeout=5).send(email())
    assert relay.logins == [] and relay.messages == []
