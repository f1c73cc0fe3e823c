from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..clients import HelloAssoClient
from .helloasso_tools import paris_date, refunded_cents

# Ask again for a little before the last successful run: clocks differ, and ids make it harmless.
PULL_OVERLAP = timedelta(hours=1)
# Orders per savepoint and commit: 500 measured 6 % faster than 250 and as fast as 1,000 for 10,000
# orders; a batch that fails is imported again one order at a time
BATCH = 500
# The tables an import fills: the first import can make them many times larger than when
# PostgreSQL last measured them.
GROWING_MODELS = (
    "assoc.helloasso.order",
    "assoc.helloasso.item",
    "account.payment",
    "account.move",
    "account.move.line",
    "assoc.membership",
    "assoc.donation",
    "assoc.interaction",
    "assoc.consent",
)


class AssocConnector(models.Model):
    _inherit = "assoc.connector"

    organization_slug = fields.Char(help="The association's slug in its HelloAsso address.")
    helloasso_journal_id = fields.Many2one(
        "account.journal",
        string="HelloAsso journal",
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="Bank journal where HelloAsso payments are recorded until HelloAsso transfers them.",
    )
    default_membership_type_id = fields.Many2one(
        "assoc.membership.type",
        string="Default membership type",
        help="For membership tiers that no mapping line and no type of the same name match.",
    )
    default_campaign_id = fields.Many2one("utm.campaign", string="Default gift campaign")
    helloasso_event_account_id = fields.Many2one(
        "account.account", string="Event income account", domain="[('account_type', 'in', ('income', 'income_other'))]"
    )
    helloasso_shop_account_id = fields.Many2one(
        "account.account", string="Shop income account", domain="[('account_type', 'in', ('income', 'income_other'))]"
    )
    helloasso_mapping_ids = fields.One2many("assoc.helloasso.mapping", "connector_id", string="Form mapping")
    helloasso_consent_question = fields.Char(
        string="Consent question",
        default="lettre d'information",
        help="Words of the form's custom question by which people ask for the newsletter; "
        "a “yes” records a granted consent with the question as proof.",
    )
    consent_purpose_id = fields.Many2one(
        "assoc.consent.purpose",
        string="Consent purpose",
        default=lambda self: self.env.ref("assoc_contacts.consent_purpose_newsletter", raise_if_not_found=False),
    )
    helloasso_order_count = fields.Integer(compute="_compute_helloasso_order_count", string="Orders")

    def _compute_helloasso_order_count(self):
        counts = dict(
            self.env["assoc.helloasso.order"]._read_group(
                [("connector_id", "in", self.ids)], ["connector_id"], ["__count"]
            )
        )
        for connector in self:
            connector.helloasso_order_count = counts.get(connector, 0)

    @api.model_create_multi
    def create(self, vals_list):
        connectors = super().create(vals_list)
        connectors.filtered(lambda c: c.provider == "helloasso")._helloasso_defaults()
        return connectors

    def _helloasso_defaults(self):
        """A HelloAsso journal and income accounts on the French chart, unless already chosen."""
        Account = self.env["account.account"].sudo()
        for connector in self.sudo():
            company = connector.company_id
            if not connector.helloasso_journal_id:
                journal = (
                    self.env["account.journal"]
                    .sudo()
                    .search([("code", "=", "HELLO"), ("company_id", "=", company.id)], limit=1)
                )
                if not journal and company.chart_template:
                    journal = (
                        self.env["account.journal"]
                        .sudo()
                        .create({"name": "HelloAsso", "code": "HELLO", "type": "bank", "company_id": company.id})
                    )
                connector.helloasso_journal_id = journal
            connector._helloasso_outstanding_accounts()
            for field, prefix in (("helloasso_event_account_id", "706"), ("helloasso_shop_account_id", "707")):
                if not connector[field]:
                    connector[field] = Account.search(
                        [("code", "=like", f"{prefix}%"), *Account._check_company_domain(company)],
                        order="code",
                        limit=1,
                    )

    def _helloasso_outstanding_accounts(self):
        """Name on the journal's payment methods the outstanding accounts that Odoo Community
        would otherwise look up for each payment (thousands per import)."""
        journal = self.helloasso_journal_id
        Money = self.env["assoc.helloasso.money"]
        for lines, payment_type in (
            (journal.inbound_payment_method_line_ids, "inbound"),
            (journal.outbound_payment_method_line_ids, "outbound"),
        ):
            missing = lines.filtered(lambda line: not line.payment_account_id)
            if missing:
                missing.payment_account_id = Money._outstanding_account(missing[0], payment_type)

    def _client_helloasso(self):
        if not (self.client_id and self.client_secret and self.organization_slug):
            raise UserError(
                _("Fill the client ID, the client secret and the organization slug of %(name)s.", name=self.name)
            )
        return HelloAssoClient(
            self.base_url,
            self.client_id,
            self.client_secret,
            self.organization_slug,
            token=self.token_data or {},
            on_token=self._store_token,
            **self._client_options(),
        )

    def _store_token(self, token):
        self.sudo().token_data = token

    def _run_helloasso(self, run, full=False):
        """Orders since the last successful run (all of them on a full re-import), then the
        payments changed since then (refunds, instalments) by re-reading their orders, then the
        items that failed in an earlier run."""
        client = self._client()
        since = None if full or not self.last_success_date else self.last_success_date - PULL_OVERLAP
        synced = set()
        batch = []
        for order in client.iter_orders(since=since):
            if self._helloasso_batch_ends(batch, order):
                self._helloasso_sync_batch(batch, run, synced)
                self.env["ir.cron"]._notify_progress(done=len(synced), remaining=0)
                batch = []
            batch.append(order)
        if batch:
            self._helloasso_sync_batch(batch, run, synced)
        if since:
            self._helloasso_changed_payments(client, since, run, synced)
        self._helloasso_retry_errors(client, run, synced)

    def _helloasso_sync_batch(self, orders, run, synced):
        """Import a batch of orders and commit it; `synced` collects the ids of the run's orders."""
        self.env["assoc.helloasso.import"]._sync_orders(self, orders, run)
        synced.update(order["id"] for order in orders)
        self._end_batch()

    @api.model
    def _helloasso_batch_ends(self, batch, order):
        """A full batch ends where the day changes (orders come by date), so that a day's
        payments get one summary entry, not one per batch; a day of very many orders is cut."""
        if len(batch) < BATCH:
            return False
        if len(batch) >= 4 * BATCH or not (order.get("date") and batch[-1].get("date")):
            return True
        return paris_date(order["date"]) != paris_date(batch[-1]["date"])

    def _helloasso_retry_errors(self, client, run, synced):
        """Items that failed in an earlier run for a reason the association can fix (a missing
        membership type, a journal...) are tried again; unknown item types are not, nor orders
        this run has just read (their errors are already listed once)."""
        failed = (
            self.env["assoc.helloasso.item"]
            .sudo()
            .search([("order_id.connector_id", "=", self.id), ("state", "=", "error"), ("kind", "!=", "unknown")])
        )
        order_ids = sorted({int(helloasso_id) for helloasso_id in failed.order_id.mapped("helloasso_id")} - synced)
        for start in range(0, len(order_ids), BATCH):
            orders = [client.get_order(order_id) for order_id in order_ids[start : start + BATCH]]
            self._helloasso_sync_batch(orders, run, synced)

    def _helloasso_changed_payments(self, client, since, run, synced):
        Import = self.env["assoc.helloasso.import"]
        payments = list(client.iter_payments(since=since))
        keys = {Import._share_key(self, p["id"], s["id"]): p for p in payments for s in p.get("items") or []}
        recorded = {
            payment.assoc_helloasso_key: payment
            for payment in self.env["account.payment"]
            .sudo()
            .search([("assoc_helloasso_key", "in", list(keys)), ("company_id", "=", self.company_id.id)])
        }
        order_ids = set()
        for key, payment in keys.items():
            record = recorded.get(key)
            paid_missing = payment["state"] in ("Authorized", "Registered") and record is None
            refund_missing = (
                record is not None
                and not Import._is_reversed(record)
                and (
                    payment["state"] == "Refunded"
                    or refunded_cents(payment) > round(record.assoc_helloasso_refunded * 100)
                )
            )
            if paid_missing or refund_missing:
                order_ids.add(payment["order"]["id"])
        orders = [client.get_order(order_id) for order_id in sorted(order_ids)]
        for start in range(0, len(orders), BATCH):
            self._helloasso_sync_batch(orders[start : start + BATCH], run, synced)

    def _end_batch(self):
        """Commit a batch and forget its records: a cache holding every record of a long
        import makes each later batch slower (each read prefetches over all of them)."""
        self._commit()
        self.env.flush_all()
        self.env.invalidate_all()
        self._analyze_grown_tables()

    def _analyze_grown_tables(self):
        """Measure again the tables the import has doubled since PostgreSQL last measured them.
        PostgreSQL plans its queries (and keeps the plans of foreign key checks) from the sizes it
        measured: plans made for a nearly empty table scan it whole once the import has filled
        it, and a first import of 10,000 orders then spent a third of its time there. Measuring
        at each doubling keeps the plans right for a cost that grows with the table, not the
        number of batches."""
        tables = [self.env[model]._table for model in GROWING_MODELS]
        self.env.cr.execute(
            """SELECT relname FROM pg_class
                WHERE relname = ANY(%s) AND relkind = 'r'
                  AND pg_relation_size(oid) > 2 * GREATEST(relpages, 8) * current_setting('block_size')::int""",
            [tables],
        )
        for (table,) in self.env.cr.fetchall():
            self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))

    def _webhook_helloasso(self, event, payload):
        """An Order or Payment notification: re-read the order from the API (the body is only a
        hint, as HelloAsso advises) and import it like a pulled one."""
        event_type = payload.get("eventType")
        data = payload.get("data") or {}
        event.event_type = event_type
        if event_type not in ("Order", "Payment"):
            return "ignored", _("HelloAsso %(type)s notifications are not used.", type=event_type or "?")
        order_id = data.get("id") if event_type == "Order" else (data.get("order") or {}).get("id")
        if not order_id:
            raise UserError(_("The notification names no order."))
        order = self._client().get_order(order_id)
        errors = self.env["assoc.helloasso.import"]._sync_orders(self, [order])
        messages = errors.get(order["id"]) or []
        return ("error", "\n".join(messages)) if messages else ("done", None)

    def action_open_helloasso_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_integrations.action_assoc_helloasso_order")
        action["domain"] = [("connector_id", "=", self.id)]
        return action
