"""Fake Brevo API v3: lists, asynchronous contact imports (queued → in_process → completed),
list removals, list members, webhooks; marketing webhook payloads to post back."""

import itertools
import json
import urllib.request
from datetime import datetime, timezone

from .base import FakeServer, Response, paginate_offset

API_KEY = "xkeysib-assoc-demo"


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class BrevoFake(FakeServer):
    name = "brevo"
    state_attrs = ("lists", "contacts", "processes", "webhooks", "import_calls", "ids")

    def __init__(self, port=0, api_key=API_KEY, lists=None):
        self.api_key = api_key
        self.lists = {}
        self.contacts = {}  # email -> {attributes, emailBlacklisted, listIds:set, listUnsubscribed:set, modifiedAt}
        self.processes = {}
        self.webhooks = []
        self.import_calls = 0
        self.ids = itertools.count(1)
        super().__init__(port)
        for list_id, name in lists or [(2, "Lettre d'information"), (7, "Adhérents")]:
            self.lists[int(list_id)] = name

    # --------------------------------------------------------------- helpers
    def list_members(self, list_id):
        return sorted(email for email, contact in self.contacts.items() if int(list_id) in contact["listIds"])

    def empty_list(self, list_id):
        """What a user does in Brevo's screens when replacing a list."""
        with self.lock:
            for contact in self.contacts.values():
                contact["listIds"].discard(int(list_id))

    def unsubscribe(self, email):
        with self.lock:
            contact = self.contacts[email]
            contact.update(emailBlacklisted=True, modifiedAt=_now())

    def marketing_event(self, event, email, camp_id=12, campaign="Lettre de mars", list_ids=(2,), url=None):
        """One marketing webhook payload as Brevo documents it."""
        payload = {
            "id": 1,
            "camp_id": camp_id,
            "email": email,
            "campaign name": campaign,
            "date_sent": "2025-03-12 10:00:00",
            "date_event": "2025-03-12 10:05:00",
            "ts_sent": 1741770000,
            "ts_event": 1741770300,
            "ts": 1741773900,
            "tag": "",
            "event": event,
        }
        if event in ("unsubscribe", "unsubscribed"):
            payload.update(list_id=list(list_ids), sending_ip="185.107.232.10")
        if event in ("hard_bounce", "hard_bounced", "soft_bounce", "soft_bounced"):
            payload.update(reason="550 5.1.1 The email account does not exist", sending_ip="185.107.232.10")
        if event == "click":
            payload["URL"] = url or "https://www.amis-du-patrimoine.fr/agenda"
        return payload

    @staticmethod
    def webhook(payload, token=None):
        """(body, headers) of a webhook delivery; `token` is the bearer set on the webhook."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return json.dumps(payload).encode(), headers

    def send_webhook(self, url, payload, token=None, timeout=60):
        body, headers = self.webhook(payload, token)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status

    # ---------------------------------------------------------------- routes
    def setup(self):
        self.route(
            "GET",
            "/v3/account",
            lambda r: Response(
                200, {"email": "contact@amis-du-patrimoine.fr", "companyName": "Les Amis du Patrimoine"}
            ),
        )
        self.route("GET", "/v3/contacts/lists", self.get_lists)
        self.route("POST", "/v3/contacts/import", self.import_contacts)
        self.route("GET", r"/v3/processes/(?P<id>\d+)", self.get_process)
        self.route("POST", r"/v3/contacts/lists/(?P<id>\d+)/contacts/remove", self.remove)
        self.route("GET", r"/v3/contacts/lists/(?P<id>\d+)/contacts", self.get_list_contacts)
        self.route("POST", "/v3/webhooks", self.create_webhook)

    def authorize(self, request):
        if request.headers.get("api-key") != self.api_key:
            return Response(401, {"code": "unauthorized", "message": "Key not found"})
        return None

    def get_lists(self, request):
        lists = [
            {"id": list_id, "name": name, "totalSubscribers": len(self.list_members(list_id)), "folderId": 1}
            for list_id, name in sorted(self.lists.items())
        ]
        return Response(
            200,
            {
                "lists": paginate_offset(lists, request.query.get("offset"), request.query.get("limit") or 10),
                "count": len(lists),
            },
        )

    def import_contacts(self, request):
        body = request.json()
        list_ids = [int(x) for x in body.get("listIds") or []]
        missing = [x for x in list_ids if x not in self.lists]
        if missing or not isinstance(body.get("jsonBody"), list):
            return Response(
                400,
                {
                    "code": "invalid_parameter",
                    "message": f"listIds {missing} not found" if missing else "jsonBody is missing",
                },
            )
        with self.lock:
            self.import_calls += 1
            process_id = next(self.ids)
            self.processes[process_id] = {"polls": 0, "body": body, "list_ids": list_ids}
        return Response(202, {"processId": process_id})

    def _apply_import(self, process):
        stamp = _now()
        for entry in process["body"]["jsonBody"]:
            email = entry["email"].strip().lower()
            contact = self.contacts.setdefault(
                email,
                {
                    "attributes": {},
                    "emailBlacklisted": False,
                    "listIds": set(),
                    "listUnsubscribed": set(),
                    "modifiedAt": stamp,
                },
            )
            contact["attributes"].update(entry.get("attributes") or {})
            contact["listIds"].update(process["list_ids"])
            contact["modifiedAt"] = stamp

    def get_process(self, request):
        with self.lock:
            process = self.processes.get(int(request.params["id"]))
            if not process:
                return Response(404, {"code": "document_not_found", "message": "Process not found"})
            process["polls"] += 1
            status = {1: "queued", 2: "in_process"}.get(process["polls"], "completed")
            if status == "completed" and not process.get("done"):
                self._apply_import(process)
                process["done"] = True
        return Response(200, {"id": int(request.params["id"]), "status": status, "name": "import", "export_url": None})

    def remove(self, request):
        list_id = int(request.params["id"])
        emails = request.json().get("emails") or []
        if len(emails) > 150:
            return Response(400, {"code": "out_of_range", "message": "emails: at most 150 per call"})
        success, failure = [], []
        with self.lock:
            for email in emails:
                contact = self.contacts.get(email.lower())
                if contact and list_id in contact["listIds"]:
                    contact["listIds"].discard(list_id)
                    success.append(email)
                else:
                    failure.append(email)
        return Response(201, {"contacts": {"success": success, "failure": failure}})

    def get_list_contacts(self, request):
        list_id = int(request.params["id"])
        since = request.query.get("modifiedSince")
        with self.lock:
            # select first, render only the page: paging through 50,000 contacts stays linear
            selected = [
                (index, email, c)
                for index, (email, c) in enumerate(sorted(self.contacts.items()))
                if list_id in c["listIds"] and (not since or c["modifiedAt"] >= since)
            ]
            page = [
                {
                    "email": email,
                    "id": index + 1,
                    "emailBlacklisted": c["emailBlacklisted"],
                    "smsBlacklisted": False,
                    "modifiedAt": c["modifiedAt"],
                    "listIds": sorted(c["listIds"]),
                    "listUnsubscribed": sorted(c["listUnsubscribed"]),
                    "attributes": dict(c["attributes"]),
                }
                for index, email, c in paginate_offset(
                    selected, request.query.get("offset"), request.query.get("limit") or 50
                )
            ]
        return Response(
            200,
            {
                "contacts": page,
                "count": len(selected),
            },
        )

    def create_webhook(self, request):
        body = request.json()
        self.webhooks.append(body)
        return Response(201, {"id": len(self.webhooks)})

    def rate_limit(self, count=1, reset=1):
        """The next `count` calls answer 429 with Brevo's rate-limit headers."""
        self.fail_next(
            count,
            429,
            {"code": "too_many_requests", "message": "Too many requests"},
            {"x-sib-ratelimit-limit": "10", "x-sib-ratelimit-remaining": "0", "x-sib-ratelimit-reset": str(reset)},
        )
