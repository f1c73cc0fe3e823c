"""Shared HTTP plumbing: timeouts, retries with backoff on 429/5xx, errors that say what went wrong."""

import logging
import time

import requests

_logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ProviderError(Exception):
    """The provider answered with an error the caller must look at."""

    def __init__(self, message, status=None, payload=None):
        super().__init__(message)
        self.status = status
        self.payload = payload


class AuthenticationError(ProviderError):
    """The provider refused the credentials."""


class ProviderUnavailable(ProviderError):
    """Network failure, timeout, or 429/5xx still there after every retry."""


class BaseClient:
    """One provider's API. Subclasses set `provider` and add authentication in `_prepare`."""

    provider = "API"
    timeout = (5, 60)

    def __init__(self, base_url, max_retries=3, backoff=1.0, max_wait=30.0, session=None):
        self.base_url = base_url.rstrip("/")
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.session = session or requests.Session()

    # ------------------------------------------------------------------ hooks
    def _prepare(self, kwargs):
        """Add the authentication (headers, auth) to the request's keyword arguments."""
        return kwargs

    def _error_message(self, response, payload):
        """The provider's own explanation of an error, as one line."""
        if isinstance(payload, dict):
            for key in ("message", "detail", "ErrorMessage", "error_description", "error", "title"):
                if payload.get(key):
                    return str(payload[key])
        return (response.text or response.reason or "").strip()[:300]

    def _retry_after(self, response):
        """Seconds the provider asks us to wait before retrying, if it says so."""
        value = response.headers.get("Retry-After") if response is not None else None
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None

    def _refresh_credentials(self):
        """Called once on a 401 from an API call; return True to retry with new credentials."""
        return False

    # ---------------------------------------------------------------- request
    def _url(self, path):
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    def _wait(self, attempt, response=None):
        delay = self._retry_after(response)
        if delay is None:
            delay = self.backoff * (2**attempt)
        time.sleep(min(max(delay, 0), self.max_wait))

    def send(self, method, url, authenticate=True, **kwargs):
        """The raw response, after retrying network errors, 429 and 5xx with backoff."""
        attempt = 0
        while True:
            try:
                options = self._prepare(dict(kwargs)) if authenticate else dict(kwargs)
                response = self.session.request(method, url, timeout=self.timeout, **options)
            except requests.RequestException as exc:
                if attempt >= self.max_retries:
                    raise ProviderUnavailable(
                        f"{self.provider} cannot be reached ({exc.__class__.__name__}: {exc})"
                    ) from exc
                self._wait(attempt)
                attempt += 1
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.max_retries:
                _logger.info("%s answered %s on %s %s, retrying", self.provider, response.status_code, method, url)
                self._wait(attempt, response)
                attempt += 1
                continue
            return response

    def request(self, method, path, raw=False, **kwargs):
        """Send a request; return the decoded JSON (or the response when raw=True)."""
        url = self._url(path)
        response = self.send(method, url, **kwargs)
        if response.status_code == 401 and self._refresh_credentials():
            response = self.send(method, url, **kwargs)
        return self._handle(response, raw)

    def _handle(self, response, raw):
        payload = self._decode(response)
        status = response.status_code
        if status < 400:
            return response if raw else payload
        detail = self._error_message(response, payload)
        if status in (401, 403):
            raise AuthenticationError(
                f"{self.provider} refused the credentials (HTTP {status}: {detail})", status, payload
            )
        if status in RETRY_STATUSES:
            raise ProviderUnavailable(f"{self.provider} is unavailable (HTTP {status}: {detail})", status, payload)
        raise ProviderError(f"{self.provider} rejected the request (HTTP {status}: {detail})", status, payload)

    @staticmethod
    def _decode(response):
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            return None

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def wait_until(self, check, timeout=300.0, first_delay=0.05, max_delay=2.0):
        """Poll check() until it returns something not None (asynchronous jobs, imports)."""
        deadline = time.monotonic() + timeout
        delay = first_delay
        while True:
            result = check()
            if result is not None:
                return result
            if time.monotonic() > deadline:
                raise ProviderUnavailable(f"{self.provider} did not finish the job within {int(timeout)} s")
            time.sleep(delay)
            delay = min(delay * 2, max_delay)


def chunks(items, size):
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
