"""Mailchimp Marketing API 3.0: batch upserts, members by status, campaign activity, webhooks."""

import gzip
import hashlib
import io
import json
import tarfile

from .base import BaseClient, ProviderError, chunks

BATCH_SIZE = 5000
PAGE = 1000


def subscriber_hash(email):
    return hashlib.md5(email.strip().lower().encode()).hexdigest()  # noqa: S324 (Mailchimp's own key)


class MailchimpClient(BaseClient):
    """`base_url` is configurable; empty, it is derived from the key's data center (…-us21)."""

    provider = "Mailchimp"

    def __init__(self, base_url, api_key, **kwargs):
        api_key = api_key or ""
        if not base_url:
            data_center = api_key.rsplit("-", 1)[-1] if "-" in api_key else "us1"
            base_url = f"https://{data_center}.api.mailchimp.com/3.0"
        super().__init__(base_url, **kwargs)
        self.api_key = api_key

    def _prepare(self, kwargs):
        kwargs["auth"] = ("assoc", self.api_key)
        return kwargs

    def check(self):
        return self.get("ping")

    def get_lists(self):
        lists, offset = [], 0
        while True:
            payload = self.get(
                "lists", params={"count": PAGE, "offset": offset, "fields": "lists.id,lists.name,total_items"}
            )
            page = (payload or {}).get("lists") or []
            lists += [(item["id"], item.get("name") or item["id"]) for item in page]
            offset += len(page)
            if not page or offset >= int(payload.get("total_items") or 0):
                return lists

    def _run_batch(self, operations, timeout, done_statuses=()):
        """Submit one batch and return the operations that failed: [(operation_id, message)];
        an operation answered with one of `done_statuses` has not failed."""
        batch = self.post("batches", json={"operations": operations})

        def finished():
            state = self.get(f"batches/{batch['id']}") or {}
            return state if state.get("status") == "finished" else None

        state = self.wait_until(finished, timeout=timeout)
        if not state.get("errored_operations"):
            return []
        return self._batch_errors(state.get("response_body_url"), done_statuses)

    def _batch_errors(self, url, done_statuses):
        if not url:
            raise ProviderError("Mailchimp reported failed operations without a result file")
        response = self.session.get(url, timeout=self.timeout)
        errors = []
        with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:*") as archive:
            for member in archive.getmembers():
                if not member.isfile():
                    continue
                content = archive.extractfile(member).read()
                if content[:2] == b"\x1f\x8b":
                    content = gzip.decompress(content)
                for result in json.loads(content or b"[]"):
                    status = int(result.get("status_code") or 0)
                    if status >= 400 and status not in done_statuses:
                        detail = json.loads(result.get("response") or "{}")
                        errors.append((result.get("operation_id"), detail.get("detail") or detail.get("title") or ""))
        return errors

    def upsert_members(self, list_id, members, timeout=300.0):
        """members: [{email, merge_fields}] subscribed when new, left as they are otherwise."""
        errors = []
        for batch in chunks(members, BATCH_SIZE):
            operations = [
                {
                    "method": "PUT",
                    "path": f"/lists/{list_id}/members/{subscriber_hash(member['email'])}",
                    "operation_id": member["email"],
                    "body": json.dumps(
                        {
                            "email_address": member["email"],
                            "status_if_new": "subscribed",
                            "merge_fields": member.get("merge_fields") or {},
                        }
                    ),
                    "params": {"skip_merge_validation": "true"},
                }
                for member in batch
            ]
            errors += self._run_batch(operations, timeout)
        return errors

    def archive_members(self, list_id, emails, timeout=300.0):
        """Archive members; one Mailchimp does not find (deleted from the audience there) is gone already."""
        errors = []
        for batch in chunks(list(emails), BATCH_SIZE):
            operations = [
                {
                    "method": "DELETE",
                    "path": f"/lists/{list_id}/members/{subscriber_hash(email)}",
                    "operation_id": email,
                }
                for email in batch
            ]
            errors += self._run_batch(operations, timeout, done_statuses=(404,))
        return errors

    def iter_members(self, list_id, status, since=None):
        params = {
            "status": status,
            "count": PAGE,
            "fields": "members.email_address,members.status,members.last_changed,total_items",
        }
        if since:
            params["since_last_changed"] = since.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        offset = 0
        while True:
            payload = self.get(f"lists/{list_id}/members", params=dict(params, offset=offset)) or {}
            page = payload.get("members") or []
            yield from page
            offset += len(page)
            if not page or offset >= int(payload.get("total_items") or 0):
                return

    def iter_campaigns(self, list_id, since=None):
        params = {"list_id": list_id, "status": "sent", "count": PAGE}
        if since:
            params["since_send_time"] = since.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        offset = 0
        while True:
            payload = self.get("campaigns", params=dict(params, offset=offset)) or {}
            page = payload.get("campaigns") or []
            yield from page
            offset += len(page)
            if not page or offset >= int(payload.get("total_items") or 0):
                return

    def iter_email_activity(self, campaign_id):
        offset = 0
        while True:
            payload = self.get(f"reports/{campaign_id}/email-activity", params={"count": PAGE, "offset": offset}) or {}
            page = payload.get("emails") or []
            yield from page
            offset += len(page)
            if not page or offset >= int(payload.get("total_items") or 0):
                return

    def create_webhook(self, list_id, url):
        return self.post(
            f"lists/{list_id}/webhooks",
            json={
                "url": url,
                "events": {
                    "subscribe": False,
                    "unsubscribe": True,
                    "profile": False,
                    "cleaned": True,
                    "upemail": False,
                    "campaign": False,
                },
                "sources": {"user": True, "admin": True, "api": False},
            },
        )
