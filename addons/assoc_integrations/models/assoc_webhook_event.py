import hashlib
import json
import logging
from urllib.parse import parse_qsl

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# Headers never worth keeping (secrets, cookies); the rest helps understand a delivery.
HIDDEN_HEADERS = {"authorization", "cookie", "x-api-key", "x-assoc-key"}


class AssocWebhookEvent(models.Model):
    """One inbound payload, stored raw before anything is done with it."""

    _name = "assoc.webhook.event"
    _description = "Webhook event"
    _order = "received_at desc, id desc"
    _rec_name = "event_type"

    connector_id = fields.Many2one("assoc.connector", required=True, index=True, ondelete="cascade")
    provider = fields.Selection(related="connector_id.provider", store=True)
    received_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, index=True)
    remote_addr = fields.Char(string="Sender address", readonly=True)
    headers = fields.Text(readonly=True)
    content_type = fields.Char(readonly=True)
    body = fields.Text(string="Raw payload", readonly=True)
    body_hash = fields.Char(index=True, readonly=True, help="SHA-256 of the raw payload: a redelivery has the same.")
    event_type = fields.Char(string="Event", readonly=True)
    signature_state = fields.Selection(
        [
            ("pending", "Not checked yet"),
            ("valid", "Valid signature"),
            ("token", "Valid secret token"),
            ("invalid", "Invalid credentials"),
        ],
        string="Authenticity",
        default="pending",
        required=True,
        readonly=True,
    )
    state = fields.Selection(
        [
            ("received", "Received"),
            ("rejected", "Rejected"),
            ("done", "Processed"),
            ("error", "Error"),
            ("ignored", "Ignored"),
        ],
        default="received",
        required=True,
        index=True,
        readonly=True,
    )
    error = fields.Text(readonly=True)
    processed_at = fields.Datetime(readonly=True)
    attempts = fields.Integer(readonly=True)
    acknowledged = fields.Boolean(help="Someone looked at the error: it no longer counts on the dashboard.")

    @api.model
    def _store(self, connector, body, headers, remote_addr=None, content_type=None):
        """Keep the payload exactly as received."""
        kept = {key: value for key, value in headers.items() if key.lower() not in HIDDEN_HEADERS}
        text = body.decode("utf-8", errors="replace")
        return self.sudo().create(
            {
                "connector_id": connector.id,
                "body": text,
                "body_hash": hashlib.sha256(body).hexdigest(),
                "headers": json.dumps(kept, ensure_ascii=False, indent=1),
                "remote_addr": remote_addr,
                "content_type": (content_type or "").split(";")[0].strip() or False,
            }
        )

    def _payload(self):
        """The decoded payload: JSON, or a form (Mailchimp). Raises ValueError with the reason."""
        self.ensure_one()
        if self.content_type == "application/x-www-form-urlencoded":
            return dict(parse_qsl(self.body or "", keep_blank_values=True))
        try:
            return json.loads(self.body or "")
        except ValueError as error:
            raise ValueError(_("Malformed JSON: %(reason)s", reason=error)) from error

    def _reject(self, reason):
        self.write(
            {"state": "rejected", "signature_state": "invalid", "error": reason, "processed_at": fields.Datetime.now()}
        )

    def _fail(self, reason):
        self.write({"state": "error", "error": reason, "processed_at": fields.Datetime.now()})

    def _is_redelivery(self):
        """The same payload was already processed for this connector (providers deliver at least once)."""
        self.ensure_one()
        return bool(
            self.search_count(
                [
                    ("connector_id", "=", self.connector_id.id),
                    ("body_hash", "=", self.body_hash),
                    ("state", "=", "done"),
                    ("id", "!=", self.id),
                ],
                limit=1,
            )
        )

    def _process(self):
        """Process each event in a savepoint: an error leaves it in error and nothing half-done."""
        for event in self.sudo():
            if event.state in ("rejected", "done"):
                continue
            event.attempts += 1
            if event._is_redelivery():
                event.write(
                    {
                        "state": "ignored",
                        "error": _("Same payload already processed."),
                        "processed_at": fields.Datetime.now(),
                    }
                )
                continue
            try:
                with self.env.cr.savepoint():
                    state, error = event.connector_id._handle_webhook(event, event._payload())
            except Exception as error:  # noqa: BLE001 - whatever happens, the event is kept with the reason
                _logger.info(
                    "Webhook event %s failed", event.id, exc_info=not isinstance(error, (UserError, ValueError))
                )
                event._fail(str(error.args[0]) if error.args else repr(error))
                continue
            event.write({"state": state, "error": error or False, "processed_at": fields.Datetime.now()})

    def action_reprocess(self):
        events = self.filtered(lambda e: e.state in ("received", "error", "ignored"))
        if len(events) < len(self):
            raise UserError(
                _(
                    "Only received, failed or ignored events can be processed again: a processed "
                    "event is done, and a rejected one was not sent by the provider."
                )
            )
        events.write({"state": "received", "acknowledged": False})
        events._process()
        return True

    def action_acknowledge(self):
        self.acknowledged = True
