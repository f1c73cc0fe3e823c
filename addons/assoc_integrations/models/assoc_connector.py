import secrets

from odoo import _, api, fields, models

PROVIDERS = [
    ("helloasso", "HelloAsso"),
    ("brevo", "Brevo"),
    ("mailjet", "Mailjet"),
    ("mailchimp", "Mailchimp"),
    ("form", "Form webhook"),
]
EMAILING_PROVIDERS = ("brevo", "mailjet", "mailchimp")
DEFAULT_URLS = {
    "helloasso": "https://api.helloasso.com",
    "brevo": "https://api.brevo.com/v3",
    "mailjet": "https://api.mailjet.com/v3/REST",
    "mailchimp": "",
}
# Pulls and pushes every hour for HelloAsso, twice a day for the emailing tools.
DEFAULT_INTERVALS = {"helloasso": 1, "brevo": 12, "mailjet": 12, "mailchimp": 12}
MANAGER = "assoc_contacts.group_assoc_manager"


class AssocConnector(models.Model):
    """One configured external service: credentials, schedule and status."""

    _name = "assoc.connector"
    _description = "Connector"
    _order = "sequence, name, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    provider = fields.Selection(PROVIDERS, required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    base_url = fields.Char(
        string="API address",
        help="Leave the provider's default unless you test against another server (a sandbox, a fake).",
    )
    state = fields.Selection(
        [("new", "Never run"), ("ok", "OK"), ("failed", "Failed")], default="new", required=True, readonly=True
    )
    # credentials: only managers read them (field groups also hide them from RPC and exports)
    client_id = fields.Char(string="Client ID", groups=MANAGER)
    client_secret = fields.Char(groups=MANAGER)
    api_key = fields.Char(string="API key", groups=MANAGER)
    api_secret = fields.Char(string="API secret", groups=MANAGER)
    token_data = fields.Json(groups=MANAGER, copy=False, help="OAuth2 token state kept between runs.")
    webhook_token = fields.Char(
        groups=MANAGER,
        copy=False,
        default=lambda self: secrets.token_urlsafe(24),
        help="Secret part of the webhook address given to the provider.",
    )
    signature_key = fields.Char(
        groups=MANAGER, help="Key with which the provider signs its notifications (HelloAsso partners, Mailchimp)."
    )
    webhook_url = fields.Char(compute="_compute_webhook_url", groups=MANAGER)
    # schedule
    cron_id = fields.Many2one("ir.cron", string="Scheduled action", readonly=True, copy=False, ondelete="set null")
    interval_number = fields.Integer(string="Run every", default=12)
    interval_type = fields.Selection(
        [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days")], string="Unit", default="hours"
    )
    next_run_date = fields.Datetime(related="cron_id.nextcall", string="Next run")
    last_success_date = fields.Datetime(
        string="Synchronised until",
        readonly=True,
        copy=False,
        help="Start of the last successful run: the next run asks for what changed since then.",
    )
    full_import_requested = fields.Boolean(readonly=True, copy=False)
    # status
    run_ids = fields.One2many("assoc.sync.run", "connector_id", string="Runs")
    event_ids = fields.One2many("assoc.webhook.event", "connector_id", string="Webhook events")
    last_run_id = fields.Many2one("assoc.sync.run", compute="_compute_status", string="Last run")
    last_run_date = fields.Datetime(compute="_compute_status", string="Last run on")
    last_run_summary = fields.Char(compute="_compute_status")
    error_count = fields.Integer(compute="_compute_status", string="Errors to look at")
    attention_run_count = fields.Integer(compute="_compute_status", string="Runs to look at")
    attention_event_count = fields.Integer(compute="_compute_status", string="Webhook events to look at")
    last_event_date = fields.Datetime(compute="_compute_status", string="Last received")

    @api.depends("provider", "webhook_token")
    def _compute_webhook_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for connector in self:
            if connector.provider == "form":
                connector.webhook_url = f"{base}/assoc/webhook/form"
            elif connector.id and connector.provider:
                connector.webhook_url = (
                    f"{base}/assoc/webhook/{connector.provider}/{connector.id}?token={connector.webhook_token}"
                )
            else:
                connector.webhook_url = False

    def _compute_status(self):
        Run = self.env["assoc.sync.run"]
        last_runs = {run.connector_id.id: run for run in Run.browse(self._last_run_ids())}
        pending_events = dict(
            self.env["assoc.webhook.event"]._read_group(
                [
                    ("connector_id", "in", self.ids),
                    ("state", "in", ("error", "rejected")),
                    ("acknowledged", "=", False),
                ],
                ["connector_id"],
                ["__count"],
            )
        )
        failed_runs = dict(
            Run._read_group(
                [("connector_id", "in", self.ids), ("needs_attention", "=", True)], ["connector_id"], ["__count"]
            )
        )
        last_events = dict(
            self.env["assoc.webhook.event"]._read_group(
                [("connector_id", "in", self.ids)], ["connector_id"], ["received_at:max"]
            )
        )
        for connector in self:
            run = last_runs.get(connector.id, Run)
            connector.last_run_id = run
            connector.last_run_date = run.date_start
            connector.last_run_summary = run.summary if run else False
            connector.attention_run_count = failed_runs.get(connector, 0)
            connector.attention_event_count = pending_events.get(connector, 0)
            connector.error_count = connector.attention_run_count + connector.attention_event_count
            connector.last_event_date = last_events.get(connector, False)

    def _last_run_ids(self):
        if not self.ids:
            return []
        self.env["assoc.sync.run"].flush_model(["connector_id", "date_start"])
        self.env.cr.execute(
            "SELECT DISTINCT ON (connector_id) id FROM assoc_sync_run WHERE connector_id = ANY(%s) "
            "ORDER BY connector_id, date_start DESC, id DESC",
            [self.ids],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    # -------------------------------------------------------------- schedule
    @api.onchange("provider")
    def _onchange_provider(self):
        if self.provider in DEFAULT_INTERVALS:
            self.interval_number, self.interval_type = DEFAULT_INTERVALS[self.provider], "hours"
        if self.provider and not self.base_url:
            self.base_url = DEFAULT_URLS.get(self.provider) or False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            provider = vals.get("provider")
            if provider in DEFAULT_INTERVALS and "interval_number" not in vals:
                vals.update(interval_number=DEFAULT_INTERVALS[provider], interval_type="hours")
            if not vals.get("base_url") and DEFAULT_URLS.get(provider):
                vals["base_url"] = DEFAULT_URLS[provider]
        connectors = super().create(vals_list)
        connectors._sync_cron()
        return connectors

    def write(self, vals):
        result = super().write(vals)
        if {"active", "interval_number", "interval_type", "name", "provider"} & set(vals):
            self._sync_cron()
        return result

    def unlink(self):
        crons = self.sudo().cron_id
        result = super().unlink()
        crons.unlink()
        return result

    def _sync_cron(self):
        """Each scheduled connector owns one ir.cron that runs it."""
        model_id = self.env["ir.model"]._get_id("assoc.connector")
        for connector in self.sudo():
            if connector.provider == "form":
                continue
            vals = {
                "name": _("Connector: %(name)s", name=connector.name),
                "interval_number": max(connector.interval_number or 1, 1),
                "interval_type": connector.interval_type or "hours",
                "active": connector.active,
            }
            if connector.cron_id:
                connector.cron_id.write(vals)
            else:
                connector.cron_id = self.env["ir.cron"].create(
                    dict(
                        vals,
                        model_id=model_id,
                        state="code",
                        code=f"model.browse({connector.id})._run_scheduled()",
                        user_id=self.env.ref("base.user_root").id,
                    )
                )
