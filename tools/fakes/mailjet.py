"""Fake Mailjet API v3 REST: Basic auth, {Count, Data, Total} envelopes, contact properties,
managemanycontacts jobs (Allocated → Importing → Completed), event callbacks and events."""

import itertools
import json
import urllib.request

from .base import FakeServer, Response, paginate_offset

API_KEY = "mj-assoc-demo-key"
API_SECRET = "mj-assoc-demo-secret"


def envelope(rows, total=None):
    return {"Count": len(rows), "Data": rows, "Total": len(rows) if total is None else total}


class MailjetFake(FakeServer):
    name = "mailjet"
    state_attrs = ("lists", "members", "properties", "jobs", "callbacks", "ids")

    def __init__(self, port=0, api_key=API_KEY, api_secret=API_SECRET, lists=None):
        self.credentials = (api_key, api_secret)
        self.lists = {int(k): v for k, v in (lists or [(10, "Lettre d'information"), (11, "Bénévoles")])}
        self.members = {}  # list id -> {email: properties}
        self.properties = {}
        self.jobs = {}
        self.callbacks = []
        self.ids = itertools.count(35800)
        super().__init__(port)

    def list_members(self, list_id):
        return sorted(self.members.get(int(list_id), {}))

    def event(self, event, email, campaign_id=4321, **extra):
        payload = {
            "event": event,
            "time": 1741770300,
            "MessageID": 19421777835146490,
            "Message_GUID": "1ab23cd4-e567-8901-2345-6789f0gh1i2j",
            "email": email,
            "mj_campaign_id": campaign_id,
            "mj_contact_id": 987654321,
            "customcampaign": "mj.nl=58424",
            "CustomID": "",
            "Payload": "",
        }
        if event == "open":
            payload.update(ip="88.123.44.5", geo="FR", agent="Mozilla/5.0")
        if event == "click":
            payload.update(
                url="https://www.amis-du-patrimoine.fr/agenda", ip="88.123.44.5", geo="FR", agent="Mozilla/5.0"
            )
        if event == "bounce":
            payload.update(
                blocked=False, hard_bounce=True, error_related_to="recipient", error="user unknown", comment=""
            )
        if event == "unsub":
            payload.update(mj_list_id=10, ip="88.123.44.5", geo="FR", agent="Mozilla/5.0")
        payload.update(extra)
        return payload

    @staticmethod
    def webhook(events):
        """(body, headers) of an event delivery: grouped (an array) or a single object."""
        body = events if len(events) != 1 else events[0]
        return json.dumps(body).encode(), {"Content-Type": "application/json"}

    def send_events(self, url, events, timeout=60):
        body, headers = self.webhook(events)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status

    # ---------------------------------------------------------------- routes
    def setup(self):
        self.route("GET", "/v3/REST/contactslist", self.get_lists)
        self.route("GET", "/v3/REST/contactmetadata", lambda r: Response(200, envelope(list(self.properties.values()))))
        self.route("POST", "/v3/REST/contactmetadata", self.post_property)
        self.route("POST", r"/v3/REST/contactslist/(?P<id>\d+)/managemanycontacts", self.post_job)
        self.route("GET", r"/v3/REST/contactslist/(?P<id>\d+)/managemanycontacts/(?P<job>\d+)", self.get_job)
        self.route("GET", "/v3/REST/contact", self.get_contacts)
        self.route("POST", "/v3/REST/eventcallbackurl", self.post_callback)

    def authorize(self, request):
        if request.basic_auth() != self.credentials:
            return Response(
                401,
                {
                    "ErrorInfo": "",
                    "ErrorMessage": "API key authentication/authorization failure. You may be unauthorized "
                    "to access the API or your API key may be expired.",
                    "StatusCode": 401,
                },
            )
        return None

    def get_lists(self, request):
        rows = [
            {
                "Address": f"list{k}",
                "ID": k,
                "IsDeleted": False,
                "Name": v,
                "SubscriberCount": len(self.list_members(k)),
            }
            for k, v in sorted(self.lists.items())
        ]
        limit = int(request.query.get("Limit") or 10) or 1000
        return Response(200, envelope(paginate_offset(rows, request.query.get("Offset"), limit), len(rows)))

    def post_property(self, request):
        body = request.json()
        if body.get("Name") in self.properties:
            return Response(
                400,
                {"ErrorInfo": "", "ErrorMessage": "A contactmetadata with this name already exists", "StatusCode": 400},
            )
        row = {
            "ID": len(self.properties) + 1,
            "Datatype": body.get("Datatype"),
            "Name": body.get("Name"),
            "NameSpace": body.get("NameSpace"),
        }
        self.properties[body["Name"]] = row
        return Response(201, envelope([row]))

    def post_job(self, request):
        list_id = int(request.params["id"])
        body = request.json()
        if list_id not in self.lists:
            return Response(
                400,
                {
                    "ErrorInfo": "",
                    "ErrorMessage": {
                        "ContactsLists": [
                            {"ListID": list_id, "Action": body.get("Action"), "Error": "listID missing or not valid"}
                        ]
                    },
                    "StatusCode": 400,
                },
            )
        unknown = {
            name
            for c in body.get("Contacts") or []
            for name in (c.get("Properties") or {})
            if name not in self.properties
        }
        if unknown:
            return Response(
                400, {"ErrorInfo": "", "ErrorMessage": f"Unknown properties: {sorted(unknown)}", "StatusCode": 400}
            )
        with self.lock:
            job_id = next(self.ids)
            self.jobs[job_id] = {"polls": 0, "list_id": list_id, "body": body}
        return Response(201, envelope([{"JobID": job_id}]))

    def _apply(self, job):
        members = self.members.setdefault(job["list_id"], {})
        for contact in job["body"].get("Contacts") or []:
            email = contact["Email"].strip().lower()
            if job["body"]["Action"] == "remove":
                members.pop(email, None)
            else:
                members.setdefault(email, {}).update(contact.get("Properties") or {})

    def get_job(self, request):
        with self.lock:
            job = self.jobs.get(int(request.params["job"]))
            if not job:
                return Response(404, {"ErrorInfo": "", "ErrorMessage": "Object not found", "StatusCode": 404})
            job["polls"] += 1
            status = {1: "Allocated", 2: "Importing"}.get(job["polls"], "Completed")
            if status == "Completed" and not job.get("done"):
                self._apply(job)
                job["done"] = True
        return Response(
            200,
            envelope(
                [
                    {
                        "Status": status,
                        "JobStart": "",
                        "JobEnd": "",
                        "Count": len(job["body"].get("Contacts") or []),
                        "Error": "",
                        "ErrorFile": "",
                    }
                ]
            ),
        )

    def get_contacts(self, request):
        list_id = int(request.query.get("ContactsList") or 0)
        rows = [
            {"Email": email, "ID": index + 1, "IsExcludedFromCampaigns": False, "Name": ""}
            for index, email in enumerate(self.list_members(list_id))
        ]
        limit = int(request.query.get("Limit") or 10) or 1000
        return Response(200, envelope(paginate_offset(rows, request.query.get("Offset"), limit), len(rows)))

    def post_callback(self, request):
        body = request.json()
        self.callbacks.append(body)
        return Response(201, envelope([dict(body, ID=len(self.callbacks))]))
