"""Email through the council's SMTP mail relay, with the standard library (``smtplib``, ``email``).

``SMTP_URL`` names the relay: ``smtp://host:port`` (STARTTLS whenever the relay offers it), ``smtp://user:password@
host:587`` (credentials are only ever sent after STARTTLS), ``smtps://host:465`` (TLS from the start), and
``?starttls=required`` to refuse a relay that will not encrypt. ``SMTP_CA_FILE`` trusts a council's own
certificate authority. "Sent" means the relay accepted the message: a relay reports nothing after that.

A meeting invitation carries its .ics as a ``text/calendar`` part (``method=REQUEST`` or ``CANCEL``) beside the
words, and again as an attachment for mail programs that only look there.
"""

import smtplib
import ssl
import urllib.parse
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

from . import Handed, Refused, TryAgain

NAME = "smtp"


class Smtp:
    name = NAME

    def __init__(self, url, *, sender, timeout=30, ca_file=None, local_hostname=None):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("SMTP_URL must look like smtp://host:port or smtps://host:port")
        self.host = parts.hostname
        self.implicit_tls = parts.scheme == "smtps"
        self.port = parts.port or (465 if self.implicit_tls else 25)
        self.user = urllib.parse.unquote(parts.username) if parts.username else None
        self.password = urllib.parse.unquote(parts.password) if parts.password else None
        options = urllib.parse.parse_qs(parts.query)
        self.require_tls = options.get("starttls", [""])[0] == "required" or bool(self.user)
        self.sender = sender
        self.timeout = timeout
        self.ca_file = ca_file
        self.local_hostname = local_hostname

    def message(self, outgoing):
        """The email: ``outgoing``'s words, and its calendar if it has one."""
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = Address(addr_spec=outgoing.address)
        email["Subject"] = " ".join(outgoing.subject.split())  # no line breaks in a header, whatever was typed
        email["Date"] = formatdate(localtime=False)
        email["Message-ID"] = f"<{outgoing.reference}@{_domain(self.sender)}>"
        email["Content-Language"] = outgoing.language
        email.set_content(outgoing.body)
        if outgoing.calendar:
            method = outgoing.calendar_method
            email.add_alternative(outgoing.calendar.encode("utf-8"), maintype="text", subtype="calendar",
                                  params={"method": method, "charset": "utf-8"})
            email.add_attachment(outgoing.calendar.encode("utf-8"), maintype="application", subtype="ics",
                                 filename="invite.ics")
        return email

    def send(self, outgoing):
        if outgoing.channel != "email":
            raise Refused("The mail relay carries emails only")
        try:
            email = self.message(outgoing)
        except (ValueError, TypeError, IndexError) as error:  # an address the email library cannot write
            raise Refused(f"The email address cannot be used ({type(error).__name__})") from error
        try:
            with self._connect() as relay:
                relay.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            code, words = next(iter(error.recipients.values()))
            raise _by_code(code, words, "refused the address") from error
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            raise _by_code(error.smtp_code, error.smtp_error, "refused the message") from error
        except smtplib.SMTPAuthenticationError as error:
            raise TryAgain(f"The mail relay refused fgc's sign-in ({error.smtp_code})") from error
        except (smtplib.SMTPException, OSError) as error:  # no connection, cut off, timed out, TLS refused
            raise TryAgain(f"The mail relay could not be reached or stopped answering ({type(error).__name__}: "
                           f"{error})") from error
        return Handed(NAME, email["Message-ID"])

    def _context(self):
        return ssl.create_default_context(cafile=self.ca_file)

    def _connect(self):
        if self.implicit_tls:
            relay = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self._context(),
                                     local_hostname=self.local_hostname)
        else:
            relay = smtplib.SMTP(self.host, self.port, timeout=self.timeout, local_hostname=self.local_hostname)
            try:
                relay.ehlo()
                if relay.has_extn("starttls"):
                    relay.starttls(context=self._context())
                    relay.ehlo()
                elif self.require_tls:
                    raise TryAgain("The mail relay does not offer STARTTLS, and fgc will not send credentials or "
                                   "mail to it unencrypted (SMTP_URL)")
            except BaseException:
                relay.close()
                raise
        if self.user:
            relay.login(self.user, self.password or "")
        return relay


def _domain(sender):
    address = sender.rsplit("<", 1)[-1].rstrip(">").strip()
    return address.rsplit("@", 1)[-1] if "@" in address else "fgc.invalid"


def _by_code(code, words, what):
    text = words.decode("utf-8", "replace") if isinstance(words, bytes) else str(words)
    if 400 <= (code or 0) < 500:
        return TryAgain(f"The mail relay {what} for now ({code}: {text[:200]})")
    return Refused(f"The mail relay {what} ({code}: {text[:200]})")
