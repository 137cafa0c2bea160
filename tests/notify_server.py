"""A local stand-in for GOV.UK Notify's API: the parts fgc uses, over real HTTP on loopback.

It checks every request's bearer token as Notify does (HS256, signed with the API key's secret, ``iss`` the
service id, ``iat`` within 30 seconds), answers in Notify's JSON shapes, refuses a template whose
personalisation is missing (400, as Notify does), and lets a test make it fail: answer 500 or 429, hang past
the client's timeout, or take a notification and then hang (so the sender never hears it was taken).

    POST /v2/notifications/sms      POST /v2/notifications/email
    GET  /v2/notifications/<id>     GET  /v2/notifications?reference=…
"""

import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt

SERVICE_ID = "0b0f6c36-5e8b-4a57-9b2c-7d6d1a4e2f11"
SECRET = "9d4c2a61-3f7e-4b8a-a1c5-6e2f8b9d0c47"
API_KEY = f"fgc_test-{SERVICE_ID}-{SECRET}"


def template_id(kind, channel, language):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fgc-test/{kind}/{channel}/{language}"))


class FakeNotify:
    def __init__(self, fields):
        """``fields``: {kind: personalisation a template of that kind uses}; templates are made for each kind in
        both channels and languages."""
        self.templates = {}
        for kind, names in fields.items():
            for channel in ("sms", "email"):
                for language in ("en", "cy"):
                    self.templates[template_id(kind, channel, language)] = {
                        "kind": kind, "type": channel, "language": language, "fields": tuple(names)}
        self.notifications = {}
        self.requests = []
        self.failures = []  # (status, error json) answered to the next POSTs, one each
        self.hangs = []  # seconds to wait before answering the next POSTs, one each
        self.take_then_hang = []  # seconds to wait after storing the next POSTs' notifications, one each
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def config(self):
        """The app settings that point fgc at this server."""
        templates = {}
        for found, template in self.templates.items():
            templates.setdefault(template["kind"], {}).setdefault(template["type"], {})[template["language"]] = found
        return {"NOTIFY_API_KEY": API_KEY, "NOTIFY_BASE_URL": self.base_url, "NOTIFY_TEMPLATES": templates,
                "MESSAGE_TIMEOUT": 2}

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # What tests ask

    def sent(self, channel=None):
        with self.lock:
            return [n for n in self.notifications.values() if channel is None or n["type"] == channel]

    def deliver(self, notification_id, status="delivered"):
        with self.lock:
            self.notifications[notification_id]["status"] = status

    # The API

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status, kind, message):
                self._answer(status, {"status_code": status, "errors": [{"error": kind, "message": message}]})

            def _authorised(self):
                header = self.headers.get("Authorization", "")
                if not header.startswith("Bearer "):
                    self._error(401, "AuthError", "Unauthorized: authentication token must be provided")
                    return False
                try:
                    claims = jwt.decode(header[7:], SECRET, algorithms=["HS256"], options={"verify_iat": False})
                except jwt.InvalidTokenError:
                    self._error(403, "AuthError", "Invalid token: signature, api token not found")
                    return False
                if claims.get("iss") != SERVICE_ID:
                    self._error(403, "AuthError", "Invalid token: service not found")
                    return False
                if abs(time.time() - int(claims.get("iat", 0))) > 30:
                    self._error(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds")
                    return False
                return True

            def do_GET(self):  # noqa: N802 (http.server's name)
                if not self._authorised():
                    return
                parts = urlsplit(self.path)
                fake.requests.append(("GET", parts.path))
                found = re.fullmatch(r"/v2/notifications/([0-9a-f-]+)", parts.path)
                with fake.lock:
                    if found:
                        notification = fake.notifications.get(found.group(1))
                        if notification is None:
                            return self._error(404, "NoResultFound", "No result found")
                        return self._answer(200, notification)
                    if parts.path == "/v2/notifications":
                        reference = parse_qs(parts.query).get("reference", [None])[0]
                        listed = [n for n in fake.notifications.values()
                                  if reference is None or n["reference"] == reference]
                        return self._answer(200, {"notifications": listed, "links": {"current": self.path}})
                self._error(404, "NotFound", "Not found")

            def do_POST(self):  # noqa: N802
                if not self._authorised():
                    return
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append(("POST", self.path))
                with fake.lock:
                    failure = fake.failures.pop(0) if fake.failures else None
                    hang = fake.hangs.pop(0) if fake.hangs else 0
                    take_then_hang = fake.take_then_hang.pop(0) if fake.take_then_hang else 0
                if hang:
                    time.sleep(hang)
                    return
                if failure:
                    status, kind, message = failure
                    return self._error(status, kind, message)
                channel = {"/v2/notifications/sms": "sms", "/v2/notifications/email": "email"}.get(self.path)
                if channel is None:
                    return self._error(404, "NotFound", "Not found")
                template = fake.templates.get(body.get("template_id"))
                if template is None or template["type"] != channel:
                    return self._error(400, "BadRequestError", "Template not found")
                address = body.get("phone_number" if channel == "sms" else "email_address") or ""
                compact = re.sub(r"[\s\-().]", "", address)  # Notify takes spaces, dashes and brackets
                if channel == "sms" and not re.fullmatch(r"(?:\+44|0044|0)7\d{9}|\+\d{8,15}", compact):
                    return self._error(400, "ValidationError", "phone_number Not a UK mobile number")
                personalisation = body.get("personalisation") or {}
                missing = [name for name in template["fields"] if name not in personalisation]
                if missing:
                    return self._error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
                notification = {
                    "id": str(uuid.uuid4()), "reference": body.get("reference"), "type": channel,
                    "status": "created", "template": {"id": body["template_id"], "version": 1}, "kind": template["kind"],
                    "language": template["language"], "personalisation": personalisation,
                    "phone_number" if channel == "sms" else "email_address": address,
                }
                with fake.lock:
                    fake.notifications[notification["id"]] = notification
                if take_then_hang:
                    time.sleep(take_then_hang)
                    return
                self._answer(201, {"id": notification["id"], "reference": notification["reference"],
                                   "content": {"body": "…"}, "template": notification["template"],
                                   "uri": f"{fake.base_url}/v2/notifications/{notification['id']}"})

        return Handler
