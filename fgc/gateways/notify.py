"""GOV.UK Notify, through its official client (``notifications-python-client``).

Notify's templates hold the words, one per message kind, channel and language (``NOTIFY_TEMPLATES`` in
``instance/config.py``; docs/messages.md lists them with their personalisation). Every message is sent with its
own ``reference``, so a send whose answer never came (a timeout, a worker killed half-way) is looked up by
reference before it is tried again: the message is never sent twice.
"""

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from . import Handed, Refused, TryAgain

NAME = "notify"
# Notify's statuses (https://docs.notifications.service.gov.uk/python.html#status-text-and-email): where each
# leaves a message, and the words for a failure.
DELIVERED = {"delivered"}
WAITING = {"created", "sending", "pending", "sent", "accepted", "received"}
FAILURES = {
    "permanent-failure": "The phone number or email address does not exist or cannot take messages",
    "temporary-failure": "The phone was off or the inbox was full for 72 hours",
    "technical-failure": "GOV.UK Notify could not send it",
    "validation-failed": "GOV.UK Notify could not send it",
    "virus-scan-failed": "GOV.UK Notify could not send it",
}


class Notify:
    name = NAME

    def __init__(self, api_key, *, base_url=None, templates=None, timeout=20):
        self.api_key = api_key
        self.base_url = base_url or "https://api.notifications.service.gov.uk"
        self.templates = templates or {}
        self.timeout = timeout

    def _client(self):
        # The client is not thread-safe: one for each call.
        return NotificationsAPIClient(self.api_key, base_url=self.base_url, timeout=self.timeout)

    def template(self, kind, channel, language):
        found = ((self.templates.get(kind) or {}).get(channel) or {}).get(language)
        if not found:
            raise Refused(f"No GOV.UK Notify template is set for {kind} by {channel} in {language} "
                          f"(NOTIFY_TEMPLATES)")
        return found

    def missing_templates(self, wanted):
        """The (kind, channel, language) in ``wanted`` that have no template."""
        return [key for key in wanted if not ((self.templates.get(key[0]) or {}).get(key[1]) or {}).get(key[2])]

    def send(self, outgoing):
        template_id = self.template(outgoing.kind, outgoing.channel, outgoing.language)
        client = self._client()
        with _errors("send"):
            if outgoing.channel == "sms":
                answer = client.send_sms_notification(outgoing.address, template_id, outgoing.personalisation,
                                                      reference=outgoing.reference)
            else:
                answer = client.send_email_notification(outgoing.address, template_id, outgoing.personalisation,
                                                        reference=outgoing.reference)
        return Handed(NAME, _id(answer))

    def find(self, reference):
        """The id of a notification already sent with ``reference``, or None."""
        with _errors("look up"):
            answer = self._client().get_all_notifications(reference=reference)
        for notification in (answer or {}).get("notifications") or []:
            if notification.get("reference") == reference and notification.get("id"):
                return str(notification["id"])
        return None

    def status(self, gateway_id):
        """("delivered" | "waiting" | "failed", why) for a notification."""
        with _errors("ask about"):
            answer = self._client().get_notification_by_id(gateway_id)
        status = str((answer or {}).get("status") or "")
        if status in DELIVERED:
            return "delivered", ""
        if status in FAILURES:
            return "failed", FAILURES[status]
        return "waiting", status


def _id(answer):
    found = (answer or {}).get("id")
    if not found:
        raise TryAgain("GOV.UK Notify answered without a notification id")
    return str(found)


class _errors:
    """Notify's answers as TryAgain (timeouts, no answer, 5xx, 429, a key it refused) or Refused (anything else
    it will not take: a number that is not a mobile, missing personalisation)."""

    def __init__(self, doing):
        self.doing = doing

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback):
        if error is None or not isinstance(error, APIError):
            return False
        code, words = error.status_code, _words(error.message)
        if code >= 500 or code in (408, 429):
            raise TryAgain(f"GOV.UK Notify could not {self.doing} it just now ({code}: {words})") from error
        if code in (401, 403):
            raise TryAgain(f"GOV.UK Notify refused the API key ({code}: {words})") from error
        raise Refused(f"GOV.UK Notify will not send it ({code}: {words})") from error


def _words(message):
    if isinstance(message, list):
        return "; ".join(str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in message)
    return str(message)[:300]
