"""A real SMTP server on loopback (aiosmtpd) that keeps what it is sent, and can be told to refuse.

    relay = Relay().start()       # relay.url is smtp://127.0.0.1:PORT
    relay.refuse_rcpt.append("550 5.1.1 No such user")   # the next RCPT is refused with that answer
    relay.refuse_data.append("451 4.3.0 Try again later") # the next DATA is
    relay.messages                 # email.message.EmailMessage objects, in the order received
"""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Relay:
    def __init__(self, *, tls_context=None, require_starttls=False, login=None):
        """``tls_context`` offers STARTTLS; ``login`` ((user, password)) asks for AUTH and accepts only that."""
        self.messages = []
        self.envelopes = []
        self.refuse_rcpt = []
        self.refuse_data = []
        self.lock = threading.Lock()
        self.port = free_port()
        options = {}
        if tls_context is not None:
            options.update(tls_context=tls_context, require_starttls=require_starttls)
        if login is not None:
            options.update(authenticator=self._authenticate, auth_require_tls=True)
        self.login = login
        self.logins = []
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, **options)

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult
        user = auth_data.login.decode() if isinstance(auth_data.login, bytes) else auth_data.login
        password = auth_data.password.decode() if isinstance(auth_data.password, bytes) else auth_data.password
        self.logins.append((user, password, bool(session.ssl)))
        return AuthResult(success=(user, password) == tuple(self.login))

    # aiosmtpd's handler hooks

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        with self.lock:
            refusal = self.refuse_rcpt.pop(0) if self.refuse_rcpt else None
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            refusal = self.refuse_data.pop(0) if self.refuse_data else None
            if refusal:
                return refusal
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def self_signed(folder):
    """A certificate for 127.0.0.1 and its key, made with openssl: (certificate path, key path)."""
    import subprocess
    cert, key = folder / "relay.pem", folder / "relay.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out",
                    str(cert)], check=True, capture_output=True)
    return cert, key
