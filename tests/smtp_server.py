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
    def __init__(self):
        self.messages = []
        self.envelopes = []
        self.refuse_rcpt = []
        self.refuse_data = []
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

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
