"""HelloAsso API v5: OAuth2 client credentials with refresh, orders and payments."""

import time

from .base import AuthenticationError, BaseClient, ProviderError, ProviderUnavailable

PAGE_SIZE = 100
# Refresh a little before HelloAsso's 30 minutes, so a long pull never sends a dead token.
TOKEN_MARGIN = 60


class HelloAssoClient(BaseClient):
    """`base_url` is the host root (https://api.helloasso.com): the API lives under /v5 and
    tokens under /oauth2/token. `token` is the stored token state (access_token, refresh_token,
    expires_at) and `on_token` is called with the new state whenever it changes."""

    provider = "HelloAsso"

    def __init__(self, base_url, client_id, client_secret, organization_slug, token=None, on_token=None, **kwargs):
        super().__init__(base_url, **kwargs)
        self.client_id = client_id
        self.client_secret = client_secret
        self.organization_slug = organization_slug
        self.token = dict(token or {})
        self.on_token = on_token

    # ------------------------------------------------------------------ token
    def _token_request(self, data):
        response = self.send("POST", f"{self.base_url}/oauth2/token", authenticate=False, data=data)
        payload = self._decode(response) or {}
        if response.status_code >= 500 or response.status_code == 429:
            raise ProviderUnavailable(f"HelloAsso is unavailable (HTTP {response.status_code})", response.status_code)
        if response.status_code >= 400 or not payload.get("access_token"):
            detail = payload.get("error_description") or payload.get("error") or response.text[:200]
            raise AuthenticationError(
                f"HelloAsso refused the credentials (HTTP {response.status_code}: {detail})",
                response.status_code,
                payload,
            )
        self.token = {
            "access_token": payload["access_token"],
            "refresh_token": payload.get("refresh_token"),
            "expires_at": time.time() + int(payload.get("expires_in") or 1800),
        }
        if self.on_token:
            self.on_token(dict(self.token))
        return self.token

    def authenticate(self):
        """Get a new token with the client credentials."""
        return self._token_request(
            {"grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self.client_secret}
        )

    def refresh(self):
        """Refresh the token; fall back to the client credentials when the refresh token is refused."""
        if self.token.get("refresh_token"):
            try:
                return self._token_request(
                    {
                        "grant_type": "refresh_token",
                        "client_id": self.client_id,
                        "client_secret": self.client_secret,
                        "refresh_token": self.token["refresh_token"],
                    }
                )
            except AuthenticationError:
                pass
        return self.authenticate()

    def _access_token(self):
        if not self.token.get("access_token"):
            self.authenticate()
        elif float(self.token.get("expires_at") or 0) - TOKEN_MARGIN < time.time():
            self.refresh()
        return self.token["access_token"]

    def _prepare(self, kwargs):
        headers = dict(kwargs.pop("headers", None) or {})
        headers["Authorization"] = f"Bearer {self._access_token()}"
        headers.setdefault("Accept", "application/json")
        kwargs["headers"] = headers
        return kwargs

    def _refresh_credentials(self):
        self.refresh()
        return True

    # -------------------------------------------------------------- endpoints
    def _api(self, path):
        return f"{self.base_url}/v5/{path.lstrip('/')}"

    def _paginate(self, path, params):
        """Every item of a paginated list, following continuationToken (and stopping on an empty page)."""
        params = dict(params, pageSize=PAGE_SIZE)
        page_index = 1
        while True:
            payload = self.get(self._api(path), params=params) or {}
            data = payload.get("data") or []
            yield from data
            pagination = payload.get("pagination") or {}
            token = pagination.get("continuationToken")
            total_pages = pagination.get("totalPages")
            if not data or not token or (total_pages and page_index >= total_pages and len(data) < PAGE_SIZE):
                return
            params["continuationToken"] = token
            page_index += 1

    @staticmethod
    def _date_param(value):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None

    def iter_orders(self, since=None, until=None):
        """Orders of the organization, oldest first, with custom fields."""
        params = {"withDetails": "true", "sortOrder": "Asc"}
        if since:
            params["from"] = self._date_param(since)
        if until:
            params["to"] = self._date_param(until)
        return self._paginate(f"organizations/{self.organization_slug}/orders", params)

    def iter_payments(self, since=None):
        """Payments changed since a date (refunds, instalments), oldest change first."""
        params = {"sortOrder": "Asc", "sortField": "UpdateDate"}
        if since:
            params["from"] = self._date_param(since)
        return self._paginate(f"organizations/{self.organization_slug}/payments", params)

    def get_order(self, order_id):
        return self.get(self._api(f"orders/{int(order_id)}"), params={"withDetails": "true"})

    def get_payment(self, payment_id):
        return self.get(self._api(f"payments/{int(payment_id)}"))

    def check(self):
        """Check the credentials and the organization slug with one cheap call."""
        payload = self.get(self._api(f"organizations/{self.organization_slug}/forms"), params={"pageSize": 1})
        if payload is None:
            raise ProviderError("HelloAsso answered an empty page for the organization's forms")
        return payload
