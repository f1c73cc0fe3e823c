import hashlib
import hmac
import time

from odoo import _, models

# Mailchimp signs "{timestamp}.{body}"; older timestamps are refused to stop replays.
SIGNATURE_TOLERANCE = 300


class AssocConnector(models.Model):
    _inherit = "assoc.connector"

    def _webhook_authentication_error(self, event, raw, headers, token=None):
        """Why this delivery must be refused (a translated sentence), or None when it is genuine.
        The secret token of the address is always required; the signature too when a key is set."""
        self.ensure_one()
        connector = self.sudo()
        bearer = headers.get("Authorization", "")
        supplied = token or (bearer[7:] if bearer.startswith("Bearer ") else "")
        if not supplied or not hmac.compare_digest(supplied, connector.webhook_token or ""):
            return _("Missing or wrong secret token in the webhook address.")
        if not connector.signature_key:
            event.signature_state = "token"
            return None
        checker = getattr(connector, f"_signature_valid_{connector.provider}", None)
        if checker is None or not checker(raw, headers):
            return _("The payload signature does not match the connector's signature key.")
        event.signature_state = "valid"
        return None

    def _signature_valid_helloasso(self, raw, headers):
        expected = hmac.new(self.signature_key.encode(), raw, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, (headers.get("x-ha-signature") or "").lower())

    def _signature_valid_mailchimp(self, raw, headers):
        parts = dict(
            item.split("=", 1) for item in (headers.get("X-Mailchimp-Signature") or "").split(",") if "=" in item
        )
        try:
            timestamp = int(parts.get("t", ""))
        except ValueError:
            return False
        if abs(time.time() - timestamp) > SIGNATURE_TOLERANCE:
            return False
        expected = hmac.new(self.signature_key.encode(), f"{timestamp}.".encode() + raw, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, parts.get("v1", ""))

    def _handle_webhook(self, event, payload):
        """Process one authenticated payload; return (state, error message or None)."""
        handler = getattr(self, f"_webhook_{self.provider}", None)
        if handler is None:
            return "ignored", _("This connector does not process webhooks.")
        return handler(event, payload)
