"""Brevo API v3: contact imports into a list, removals, list members, webhooks."""

from .base import BaseClient, ProviderError, chunks

IMPORT_BATCH = 5000  # about 1 MB of JSON: far below Brevo's advised 8 MB per import
REMOVE_BATCH = 150  # Brevo's maximum per add/remove call
LIST_PAGE = 500


class BrevoClient(BaseClient):
    provider = "Brevo"

    def __init__(self, base_url, api_key, **kwargs):
        super().__init__(base_url, **kwargs)
        self.api_key = api_key

    def _prepare(self, kwargs):
        headers = dict(kwargs.pop("headers", None) or {})
        headers.update({"api-key": self.api_key or "", "accept": "application/json"})
        kwargs["headers"] = headers
        return kwargs

    def _retry_after(self, response):
        delay = super()._retry_after(response)
        if delay is None and response is not None and response.headers.get("x-sib-ratelimit-reset"):
            try:
                delay = float(response.headers["x-sib-ratelimit-reset"])
            except ValueError:
                delay = None
        return delay

    def check(self):
        return self.get("account")

    def get_lists(self):
        """[(id, name)] of every contact list."""
        lists, offset = [], 0
        while True:
            payload = self.get("contacts/lists", params={"limit": 50, "offset": offset}) or {}
            page = payload.get("lists") or []
            lists += [(str(item["id"]), item.get("name") or str(item["id"])) for item in page]
            offset += len(page)
            if not page or offset >= int(payload.get("count") or 0):
                return lists

    def import_contacts(self, list_id, contacts, timeout=300.0):
        """Upsert contacts ({email, attributes}) into a list, one import process per batch.
        Returns the number of contacts sent; raises if a process does not complete."""
        for batch in chunks(contacts, IMPORT_BATCH):
            payload = self.post(
                "contacts/import",
                json={
                    "jsonBody": batch,
                    "listIds": [int(list_id)],
                    "updateExistingContacts": True,
                    "emptyContactsAttributes": False,
                    "disableNotification": True,
                },
            )
            self.wait_process(payload["processId"], timeout=timeout)
        return len(contacts)

    def wait_process(self, process_id, timeout=300.0):
        def finished():
            process = self.get(f"processes/{int(process_id)}") or {}
            if process.get("status") == "completed":
                return process
            if process.get("status") not in ("queued", "in_process"):
                raise ProviderError(f"Brevo import {process_id} ended with status {process.get('status')!r}")
            return None

        return self.wait_until(finished, timeout=timeout)

    def remove_from_list(self, list_id, emails):
        """Unlink e-mails from a list; returns the e-mails Brevo could not remove."""
        failures = []
        for batch in chunks(list(emails), REMOVE_BATCH):
            payload = self.post(f"contacts/lists/{int(list_id)}/contacts/remove", json={"emails": batch}) or {}
            failures += (payload.get("contacts") or {}).get("failure") or []
        return failures

    def iter_list_contacts(self, list_id, modified_since=None):
        """Contacts of a list (with emailBlacklisted and listUnsubscribed), for polling unsubscribes."""
        offset = 0
        params = {"limit": LIST_PAGE, "sort": "asc"}
        if modified_since:
            params["modifiedSince"] = modified_since.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        while True:
            payload = self.get(f"contacts/lists/{int(list_id)}/contacts", params=dict(params, offset=offset)) or {}
            page = payload.get("contacts") or []
            yield from page
            offset += len(page)
            if not page or offset >= int(payload.get("count") or 0):
                return

    def create_webhook(self, url, token, events=("unsubscribed", "hardBounce", "opened", "click")):
        return self.post(
            "webhooks",
            json={
                "url": url,
                "description": "Assoc (Odoo)",
                "events": list(events),
                "type": "marketing",
                "auth": {"type": "bearer", "token": token},
            },
        )
