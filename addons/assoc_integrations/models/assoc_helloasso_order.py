from odoo import api, fields, models

ITEM_KINDS = [
    ("donation", "Gift"),
    ("membership", "Membership"),
    ("event", "Event registration"),
    ("shop", "Shop item"),
    ("unknown", "Unknown"),
]


class AssocHelloassoOrder(models.Model):
    """A HelloAsso order as imported: payer, items and what each item became."""

    _name = "assoc.helloasso.order"
    _description = "HelloAsso order"
    _order = "date desc, id desc"

    name = fields.Char(required=True, readonly=True)
    connector_id = fields.Many2one("assoc.connector", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="connector_id.company_id", store=True)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    helloasso_id = fields.Char(string="HelloAsso ID", required=True, readonly=True)
    date = fields.Datetime(readonly=True)
    form_type = fields.Char(readonly=True)
    form_slug = fields.Char(string="Form", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Payer", index=True, readonly=True)
    amount = fields.Monetary(readonly=True)
    item_ids = fields.One2many("assoc.helloasso.item", "order_id", string="Items", readonly=True)
    state = fields.Selection(
        [("done", "Imported"), ("error", "With errors"), ("reversed", "Refunded or cancelled")],
        compute="_compute_state",
        store=True,
    )

    _sql_constraints = [
        ("helloasso_id_unique", "unique(connector_id, helloasso_id)", "This HelloAsso order is already imported."),
    ]

    @api.depends("company_id.currency_id")
    def _compute_currency_id(self):
        # not a related field: for a related currency, Odoo builds a record per new order to round
        # its amount in the INSERT, and HelloAsso amounts are whole cents already
        for order in self:
            order.currency_id = order.company_id.currency_id

    @api.depends("item_ids.state")
    def _compute_state(self):
        for order in self:
            states = set(order.item_ids.mapped("state"))
            if "error" in states:
                order.state = "error"
            elif states and states <= {"reversed", "skipped"} and "reversed" in states:
                order.state = "reversed"
            else:
                order.state = "done"


class AssocHelloassoItem(models.Model):
    """One item of an order (a gift, a membership, a ticket, a product) and its records."""

    _name = "assoc.helloasso.item"
    _description = "HelloAsso item"
    _order = "id"

    order_id = fields.Many2one("assoc.helloasso.order", required=True, index=True, ondelete="cascade", readonly=True)
    helloasso_id = fields.Char(string="HelloAsso ID", required=True, readonly=True)
    name = fields.Char(readonly=True)
    item_type = fields.Char(string="HelloAsso type", readonly=True)
    kind = fields.Selection(ITEM_KINDS, readonly=True)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    amount = fields.Monetary(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Beneficiary", readonly=True, index=True)
    state = fields.Selection(
        [("done", "Recorded"), ("skipped", "Nothing to record"), ("error", "Error"), ("reversed", "Reversed")],
        default="done",
        readonly=True,
    )
    error = fields.Text(readonly=True)
    payment_ids = fields.One2many("account.payment", "assoc_helloasso_item_id", string="Payments", readonly=True)
    membership_id = fields.Many2one("assoc.membership", readonly=True, index="btree_not_null")
    donation_ids = fields.Many2many("assoc.donation", string="Gifts", readonly=True)
    interaction_id = fields.Many2one("assoc.interaction", readonly=True)

    _sql_constraints = [
        ("helloasso_id_unique", "unique(order_id, helloasso_id)", "This HelloAsso item is already imported."),
    ]

    @api.depends("order_id.currency_id")
    def _compute_currency_id(self):
        # not a related field: for a related currency, Odoo builds a record per new item to round
        # its amount in the INSERT, and HelloAsso amounts are whole cents already
        for item in self:
            item.currency_id = item.order_id.currency_id
