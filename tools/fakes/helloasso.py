"""Fake HelloAsso API v5: OAuth2 tokens (30 min, refresh), paginated orders and payments,
single order/payment, refunds, and signed notifications sent to a webhook URL."""

import base64
import copy
import hashlib
import hmac
import json
import secrets
import time
import urllib.request
from datetime import datetime, timezone
from functools import cache

from .base import FakeServer, Response
from .helloasso_data import ORG, paris_iso, sample_orders

CLIENT_ID = "assoc-demo-client"
CLIENT_SECRET = "assoc-demo-secret"


@cache
def _parse(value):
    moment = datetime.fromisoformat(value.replace(" ", "T"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class HelloAssoFake(FakeServer):
    name = "helloasso"
    state_attrs = ("orders", "tokens", "refresh_tokens")

    def __init__(self, port=0, orders=None, organization_slug=ORG, client_id=CLIENT_ID, client_secret=CLIENT_SECRET):
        self.organization_slug = organization_slug
        self.client_id = client_id
        self.client_secret = client_secret
        self.orders = {}
        self.tokens = {}  # access token -> expiry (epoch)
        self.refresh_tokens = set()
        self.token_requests = []
        super().__init__(port)
        self.add_orders(sample_orders() if orders is None else orders)

    # --------------------------------------------------------------- helpers
    def add_orders(self, orders):
        with self.lock:
            for order in orders:
                self.orders[order["id"]] = copy.deepcopy(order)

    def expire_tokens(self):
        """Make every access token expire now, so the client must refresh."""
        with self.lock:
            self.tokens = {token: 0 for token in self.tokens}

    def _find_payment(self, payment_id):
        for order in self.orders.values():
            for payment in order["payments"]:
                if payment["id"] == payment_id:
                    return order, payment
        return None, None

    def refund(self, payment_id, when=None, amount=None):
        """Refund a payment, in full as HelloAsso's back office does, or `amount` cents of it
        (the API's partial refund): a refund operation is added; the payment becomes Refunded
        once nothing is left."""
        with self.lock:
            order, payment = self._find_payment(payment_id)
            if not payment:
                return None
            stamp = paris_iso(when or datetime.now(timezone.utc))
            given_back = sum(op["amount"] for op in payment["refundOperations"] if op["status"] == "Processed")
            left = payment["amount"] - given_back
            amount = left if amount is None else min(amount, left)
            if amount >= left:
                payment.update(state="Refunded", cashOutState="Refunded")
            payment["meta"]["updatedAt"] = stamp
            payment["refundOperations"].append(
                {
                    "id": payment_id * 10 + len(payment["refundOperations"]),
                    "amount": amount,
                    "amountTip": 0,
                    "status": "Processed",
                    "meta": {"createdAt": stamp, "updatedAt": stamp},
                }
            )
            order["meta"]["updatedAt"] = stamp
            return copy.deepcopy(payment)

    def authorize_payment(self, payment_id, when=None):
        """A pending payment (SEPA awaiting the bank, a future instalment) is paid."""
        with self.lock:
            _order, payment = self._find_payment(payment_id)
            stamp = paris_iso(when or datetime.now(timezone.utc))
            payment.update(state="Authorized")
            payment["meta"]["updatedAt"] = stamp
            return copy.deepcopy(payment)

    def payment_view(self, order, payment):
        """A Statistics.Payment (payment with its light order, payer and items)."""
        light = {
            key: order[key]
            for key in (
                "id",
                "date",
                "formSlug",
                "formType",
                "organizationName",
                "organizationSlug",
                "organizationType",
                "organizationIsUnderColucheLaw",
                "checkoutIntentId",
                "meta",
            )
        }
        light.update(formName=order["formSlug"], isAnonymous=False, isAmountHidden=False)
        shares = {share["id"]: share for share in payment["items"]}
        items = [
            dict(
                {key: it[key] for key in ("id", "name", "type", "state", "amount", "initialAmount")},
                shareAmount=shares[it["id"]]["shareAmount"],
                shareItemAmount=shares[it["id"]]["shareItemAmount"],
                shareOptionsAmount=0,
            )
            for it in order["items"]
            if it["id"] in shares
        ]
        view = {key: value for key, value in payment.items() if key != "items"}
        view.update(order=light, payer=order["payer"], items=items)
        return view

    def notification(self, event_type, obj, signature_key=None):
        """(body, headers) of a HelloAsso notification, signed when a key is given."""
        body = json.dumps({"data": obj, "eventType": event_type}).encode()
        headers = {"Content-Type": "application/json"}
        if signature_key:
            headers["x-ha-signature"] = hmac.new(signature_key.encode(), body, hashlib.sha256).hexdigest()
        return body, headers

    def send_notification(self, url, event_type, obj, signature_key=None, timeout=60):
        body, headers = self.notification(event_type, obj, signature_key)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status

    # ---------------------------------------------------------------- routes
    def setup(self):
        self.route("POST", "/oauth2/token", self.token)
        self.route("GET", "/v5/organizations/(?P<slug>[^/]+)/orders", self.list_orders)
        self.route("GET", "/v5/organizations/(?P<slug>[^/]+)/payments", self.list_payments)
        self.route("GET", "/v5/organizations/(?P<slug>[^/]+)/forms", self.list_forms)
        self.route("GET", r"/v5/orders/(?P<id>\d+)", self.get_order)
        self.route("GET", r"/v5/payments/(?P<id>\d+)", self.get_payment)
        self.route("POST", r"/v5/payments/(?P<id>\d+)/refund", self.post_refund)

    def token(self, request):
        form = request.form()
        self.token_requests.append(form.get("grant_type"))
        client_id, client_secret = request.basic_auth() or (form.get("client_id"), form.get("client_secret"))
        grant = form.get("grant_type")
        if client_id != self.client_id or (grant == "client_credentials" and client_secret != self.client_secret):
            return Response(
                401, {"error": "unauthorized_client", "error_description": f"Invalid client_id '{client_id}'"}
            )
        if grant == "refresh_token" and form.get("refresh_token") not in self.refresh_tokens:
            return Response(400, {"error": "invalid_grant", "error_description": "Invalid refresh token"})
        if grant not in ("client_credentials", "refresh_token"):
            return Response(400, {"error": "unsupported_grant_type"})
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[access] = time.time() + 1800
            self.refresh_tokens.add(refresh)
        return Response(
            200, {"access_token": access, "refresh_token": refresh, "token_type": "bearer", "expires_in": 1800}
        )

    def _authorized(self, request):
        value = request.headers.get("Authorization") or ""
        token = value[7:] if value.startswith("Bearer ") else None
        return token is not None and self.tokens.get(token, 0) > time.time()

    def _guard(self, request, slug=None):
        if not self._authorized(request):
            return Response(401, {"message": "Authorization has been denied for this request."})
        if slug is not None and slug != self.organization_slug:
            return Response(403, {"message": f"No access to organization '{slug}'"})
        return None

    def _page(self, request, items, render=copy.deepcopy):
        """data + pagination, by continuationToken (an encoded offset) or pageIndex; a final empty page.
        Only the page's items are rendered (copied), so that paging through 10,000 orders stays linear."""
        size = int(request.query.get("pageSize") or 20)
        token = request.query.get("continuationToken")
        if token:
            offset = int(base64.urlsafe_b64decode(token.encode()).decode())
        else:
            offset = (int(request.query.get("pageIndex") or 1) - 1) * size
        page = [render(item) for item in items[offset : offset + size]]
        following = base64.urlsafe_b64encode(str(offset + len(page)).encode()).decode()
        return Response(
            200,
            {
                "data": page,
                "pagination": {
                    "pageSize": size,
                    "totalCount": len(items),
                    "pageIndex": offset // size + 1,
                    "totalPages": (len(items) + size - 1) // size,
                    "continuationToken": following,
                },
            },
        )

    def _window(self, request, stamp):
        since, until = request.query.get("from"), request.query.get("to")
        moment = _parse(stamp)
        return (not since or moment >= _parse(since)) and (not until or moment < _parse(until))

    def list_orders(self, request):
        denied = self._guard(request, request.params["slug"])
        if denied:
            return denied
        details = request.query.get("withDetails") == "true"

        def render(order):
            order = copy.deepcopy(order)
            if not details:
                for it in order["items"]:
                    it.pop("customFields", None)
            return order

        with self.lock:
            orders = [o for o in self.orders.values() if self._window(request, o["date"])]
            orders.sort(key=lambda o: (_parse(o["date"]), o["id"]), reverse=request.query.get("sortOrder") != "Asc")
            return self._page(request, orders, render)

    def list_payments(self, request):
        denied = self._guard(request, request.params["slug"])
        if denied:
            return denied
        field = "updatedAt" if request.query.get("sortField") == "UpdateDate" else "createdAt"
        with self.lock:
            payments = [
                self.payment_view(o, p)
                for o in self.orders.values()
                for p in o["payments"]
                if self._window(request, p["meta"][field])
            ]
            payments.sort(
                key=lambda p: (_parse(p["meta"][field]), p["id"]), reverse=request.query.get("sortOrder") != "Asc"
            )
            return self._page(request, payments)

    def list_forms(self, request):
        denied = self._guard(request, request.params["slug"])
        if denied:
            return denied
        with self.lock:
            forms = sorted({(o["formType"], o["formSlug"]) for o in self.orders.values()})
        return self._page(
            request, [{"formType": kind, "formSlug": slug, "title": slug, "state": "Public"} for kind, slug in forms]
        )

    def get_order(self, request):
        denied = self._guard(request)
        if denied:
            return denied
        with self.lock:
            order = self.orders.get(int(request.params["id"]))
            return Response(200, copy.deepcopy(order)) if order else Response(404, {"message": "Order not found"})

    def get_payment(self, request):
        denied = self._guard(request)
        if denied:
            return denied
        with self.lock:
            order, payment = self._find_payment(int(request.params["id"]))
            if not payment:
                return Response(404, {"message": "Payment not found"})
            return Response(200, copy.deepcopy(self.payment_view(order, payment)))

    def post_refund(self, request):
        denied = self._guard(request)
        if denied:
            return denied
        amount = request.query.get("amount")
        payment = self.refund(int(request.params["id"]), amount=int(amount) if amount else None)
        if not payment:
            return Response(404, {"message": "Payment not found"})
        operation = payment["refundOperations"][-1]
        return Response(
            200,
            {
                "id": operation["id"],
                "amount": operation["amount"],
                "cancelOrder": request.query.get("cancelOrder", "false").lower() == "true",
                "creationDate": operation["meta"]["createdAt"],
                "state": "Processed",
                "sendRefundMail": request.query.get("sendRefundMail", "true").lower() == "true",
                "paymentId": payment["id"],
            },
        )
