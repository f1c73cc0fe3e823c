"""Fake Mailchimp Marketing API 3.0: Basic/Bearer key auth, problem+json errors, 429 beyond
10 concurrent requests, batches (pending → started → finished, tar.gz results), members by
status, campaigns and their e-mail activity, list webhooks; signed form-encoded webhooks."""

import hashlib
import hmac
import io
import itertools
import json
import re
import tarfile
import threading
import time
import urllib.parse
import urllib.request

from .base import FakeServer, Response, paginate_offset

API_KEY = "0123456789abcdef0123456789abcdef-us21"
VALID_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def problem(status, title, detail, errors=None):
    body = {
        "type": "https://mailchimp.com/developer/marketing/docs/errors/",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": "7f1b2c3d-0000-4000-8000-000000000000",
    }
    if errors:
        body["errors"] = errors
    return Response(status, body, content_type="application/problem+json")


def member_hash(email):
    return hashlib.md5(email.strip().lower().encode()).hexdigest()  # noqa: S324 (Mailchimp's own key)


class MailchimpFake(FakeServer):
    name = "mailchimp"
    state_attrs = ("lists", "members", "batches", "campaigns", "webhooks", "ids")
    max_concurrent = 10

    def __init__(self, port=0, api_key=API_KEY, lists=None):
        self.api_key = api_key
        self.lists = dict(lists or [("a1b2c3d4e5", "Lettre d'information")])
        self.members = {}  # (list_id, hash) -> member
        self.batches = {}
        self.campaigns = []  # {id, list_id, title, send_time, activity: {email: [actions]}}
        self.webhooks = []
        self.active = 0
        self.active_lock = threading.Lock()
        self.ids = itertools.count(1)
        super().__init__(port)

    # --------------------------------------------------------------- helpers
    def list_members(self, list_id, status="subscribed"):
        return sorted(
            m["email_address"] for (lid, _h), m in self.members.items() if lid == list_id and m["status"] == status
        )

    def set_status(self, list_id, email, status):
        with self.lock:
            member = self.members[(list_id, member_hash(email))]
            member.update(status=status, last_changed=time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()))

    def delete_permanently(self, list_id, email):
        """A member deleted from the audience in Mailchimp: the API no longer finds it (404)."""
        with self.lock:
            del self.members[(list_id, member_hash(email))]

    def add_campaign(self, list_id, campaign_id, title, activity, send_time="2025-03-12T10:00:00+00:00"):
        self.campaigns.append(
            {"id": campaign_id, "list_id": list_id, "title": title, "send_time": send_time, "activity": activity}
        )

    @staticmethod
    def webhook_body(event_type, data, fired_at="2025-03-12 10:05:00"):
        fields = [("type", event_type), ("fired_at", fired_at)]
        for key, value in data.items():
            if isinstance(value, dict):
                fields += [(f"data[{key}][{sub}]", subvalue) for sub, subvalue in value.items()]
            else:
                fields.append((f"data[{key}]", value))
        return urllib.parse.urlencode(fields).encode()

    @staticmethod
    def signature(secret, body, timestamp=None):
        timestamp = int(timestamp or time.time())
        digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        return f"t={timestamp},v1={digest}"

    def webhook(self, event_type, data, signing_secret=None):
        """(body, headers) of a list webhook delivery, signed when a secret is given."""
        body = self.webhook_body(event_type, data)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "MailChimp"}
        if signing_secret:
            headers["X-Mailchimp-Signature"] = self.signature(signing_secret, body)
        return body, headers

    def send_webhook(self, url, event_type, data, signing_secret=None, timeout=60):
        body, headers = self.webhook(event_type, data, signing_secret)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status

    # ---------------------------------------------------------------- routes
    def dispatch(self, handler, method):
        with self.active_lock:
            self.active += 1
            crowded = self.active > self.max_concurrent
        try:
            if crowded:
                handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
                return problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.")
            return super().dispatch(handler, method)
        finally:
            with self.active_lock:
                self.active -= 1

    def setup(self):
        self.route("GET", "/3.0/ping", lambda r: Response(200, {"health_status": "Everything's Chimpy!"}))
        self.route("GET", "/3.0/lists", self.get_lists)
        self.route("POST", "/3.0/batches", self.post_batch)
        self.route("GET", "/3.0/batches/(?P<id>[^/]+)", self.get_batch)
        self.route("GET", "/batch-results/(?P<id>[^/]+).tar.gz", self.get_batch_results)
        self.route("GET", "/3.0/lists/(?P<list>[^/]+)/members", self.get_members)
        self.route("GET", "/3.0/campaigns", self.get_campaigns)
        self.route("GET", "/3.0/reports/(?P<id>[^/]+)/email-activity", self.get_activity)
        self.route("POST", "/3.0/lists/(?P<list>[^/]+)/webhooks", self.post_webhook)

    def authorize(self, request):
        if request.path.startswith("/batch-results/"):
            return None  # pre-signed result URLs need no key, as on Mailchimp's storage
        credentials = request.basic_auth()
        bearer = request.headers.get("Authorization", "")
        key = credentials[1] if credentials else (bearer[7:] if bearer.startswith("Bearer ") else None)
        if key != self.api_key:
            return problem(
                401,
                "API Key Invalid",
                "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
            )
        return None

    def get_lists(self, request):
        rows = [{"id": k, "name": v} for k, v in sorted(self.lists.items())]
        return Response(
            200,
            {
                "lists": paginate_offset(rows, request.query.get("offset"), request.query.get("count") or 10),
                "total_items": len(rows),
            },
        )

    def _operation(self, operation):
        parts = operation["path"].strip("/").split("/")
        if len(parts) != 4 or parts[0] != "lists" or parts[2] != "members" or parts[1] not in self.lists:
            return 404, {"title": "Resource Not Found", "detail": "The requested resource could not be found."}
        key = (parts[1], parts[3])
        if operation["method"] == "DELETE":
            if key not in self.members:
                return 404, {"title": "Resource Not Found", "detail": "The requested resource could not be found."}
            self.members[key]["status"] = "archived"
            return 204, {}
        body = json.loads(operation.get("body") or "{}")
        email = body.get("email_address") or ""
        if not VALID_EMAIL.match(email) or member_hash(email) != parts[3]:
            return 400, {
                "title": "Invalid Resource",
                "detail": f"{email} looks fake or invalid, please enter a real email address.",
            }
        member = self.members.get(key)
        if member is None or member["status"] == "archived":
            member = {
                "id": parts[3],
                "email_address": email,
                "status": body.get("status_if_new") or "subscribed",
                "merge_fields": {},
                "list_id": parts[1],
            }
            self.members[key] = member
        member["merge_fields"].update(body.get("merge_fields") or {})
        member["last_changed"] = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        return 200, member

    def post_batch(self, request):
        operations = request.json().get("operations") or []
        batch_id = f"b{next(self.ids)}"
        with self.lock:
            self.batches[batch_id] = {"operations": operations, "polls": 0, "results": None}
        return Response(
            200,
            {
                "id": batch_id,
                "status": "pending",
                "total_operations": len(operations),
                "finished_operations": 0,
                "errored_operations": 0,
                "submitted_at": "",
                "completed_at": "",
                "response_body_url": "",
            },
        )

    def get_batch(self, request):
        batch_id = request.params["id"]
        with self.lock:
            batch = self.batches.get(batch_id)
            if not batch:
                return problem(404, "Resource Not Found", "The requested resource could not be found.")
            batch["polls"] += 1
            status = {1: "started"}.get(batch["polls"], "finished")
            if status == "finished" and batch["results"] is None:
                batch["results"] = []
                for operation in batch["operations"]:
                    code, response = self._operation(operation)
                    batch["results"].append(
                        {
                            "status_code": code,
                            "operation_id": operation.get("operation_id"),
                            "response": json.dumps(response),
                        }
                    )
        errored = sum(1 for r in batch["results"] or [] if r["status_code"] >= 400)
        return Response(
            200,
            {
                "id": batch_id,
                "status": status,
                "total_operations": len(batch["operations"]),
                "finished_operations": len(batch["results"] or []),
                "errored_operations": errored,
                "response_body_url": f"{self.url}/batch-results/{batch_id}.tar.gz" if status == "finished" else "",
            },
        )

    def get_batch_results(self, request):
        batch = self.batches[request.params["id"]]
        content = json.dumps(batch["results"]).encode()
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            info = tarfile.TarInfo(f"{request.params['id']}.json")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        return Response(200, raw=buffer.getvalue(), content_type="application/x-tar")

    def get_members(self, request):
        list_id = request.params["list"]
        status = request.query.get("status")
        since = request.query.get("since_last_changed")
        rows = [
            m
            for (lid, _h), m in sorted(self.members.items())
            if lid == list_id and (not status or m["status"] == status) and (not since or m["last_changed"] >= since)
        ]
        return Response(
            200,
            {
                "members": paginate_offset(rows, request.query.get("offset"), request.query.get("count") or 10),
                "total_items": len(rows),
                "list_id": list_id,
            },
        )

    def get_campaigns(self, request):
        rows = [
            {
                "id": c["id"],
                "type": "regular",
                "status": "sent",
                "send_time": c["send_time"],
                "recipients": {"list_id": c["list_id"]},
                "settings": {"title": c["title"], "subject_line": c["title"]},
            }
            for c in self.campaigns
            if c["list_id"] == request.query.get("list_id")
        ]
        return Response(
            200,
            {
                "campaigns": paginate_offset(rows, request.query.get("offset"), request.query.get("count") or 10),
                "total_items": len(rows),
            },
        )

    def get_activity(self, request):
        campaign = next((c for c in self.campaigns if c["id"] == request.params["id"]), None)
        if not campaign:
            return problem(404, "Resource Not Found", "The requested resource could not be found.")
        rows = [
            {
                "campaign_id": campaign["id"],
                "list_id": campaign["list_id"],
                "email_id": member_hash(email),
                "email_address": email,
                "activity": [
                    dict(action, timestamp=action.get("timestamp", "2025-03-12T10:05:00+00:00")) for action in actions
                ],
            }
            for email, actions in sorted(campaign["activity"].items())
        ]
        return Response(
            200,
            {
                "emails": paginate_offset(rows, request.query.get("offset"), request.query.get("count") or 10),
                "campaign_id": campaign["id"],
                "total_items": len(rows),
            },
        )

    def post_webhook(self, request):
        body = request.json()
        self.webhooks.append(body)
        return Response(
            200, dict(body, id=f"w{len(self.webhooks)}", list_id=request.params["list"], signing_enabled=False)
        )
