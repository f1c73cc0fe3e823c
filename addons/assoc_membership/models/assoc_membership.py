import secrets
from collections import Counter
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

PAYMENT_METHODS = [
    ("cheque", "Cheque"),
    ("cash", "Cash"),
    ("transfer", "Bank transfer"),
    ("card", "Card"),
    ("direct_debit", "Direct debit"),
    ("helloasso", "HelloAsso"),
    ("other", "Other"),
]

# The first membership of the list given (in its order) that meets another one of the same
# holder and type, with that other one (the latest first, as the model's order).
OVERLAP_SQL = """
SELECT m.id, o.id
  FROM assoc_membership m
  JOIN assoc_membership o
    ON o.partner_id = m.partner_id AND o.type_id = m.type_id AND o.id <> m.id AND o.state <> 'cancelled'
   AND o.date_start <= m.date_end AND o.date_end >= m.date_start
 WHERE m.id = ANY(%(ids)s::int[]) AND m.state <> 'cancelled'
 ORDER BY array_position(%(ids)s::int[], m.id), o.date_start DESC, o.id DESC
 LIMIT 1
"""

# For each (index, own id, holder, type): the end of the latest confirmed membership of that
# holder and type, other than itself.
CURRENT_ENDS_SQL = """
SELECT w.idx, max(m.date_end)
  FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[]) AS w(idx, own_id, partner_id, type_id)
  JOIN assoc_membership m
    ON m.partner_id = w.partner_id AND m.type_id = w.type_id AND m.state = 'confirmed' AND m.id <> w.own_id
 GROUP BY w.idx
"""


class AssocMembership(models.Model):
    """One paid (or free) membership of one partner for one period. A family membership also
    covers the other people of the holder's household (member_ids)."""

    _name = "assoc.membership"
    _description = "Membership"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    type_id = fields.Many2one(
        "assoc.membership.type", string="Membership type", required=True, index=True, tracking=True, ondelete="restrict"
    )
    kind = fields.Selection(related="type_id.kind", store=True, precompute=True, string="Tariff")
    member_ids = fields.Many2many(
        "res.partner",
        "assoc_membership_member_rel",
        "membership_id",
        "partner_id",
        string="People covered",
        compute="_compute_member_ids",
        store=True,
        precompute=True,
        readonly=False,
        help="The holder and, for a family membership, the other people of the household.",
    )
    date = fields.Date(string="Subscription date", required=True, default=fields.Date.context_today, tracking=True)
    date_start = fields.Date(
        string="Valid from",
        compute="_compute_period",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
    )
    date_end = fields.Date(
        string="Valid until",
        compute="_compute_period",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
        index=True,
    )
    date_grace_end = fields.Date(
        string="End of grace period",
        compute="_compute_date_grace_end",
        store=True,
        precompute=True,
        help="The person counts as a member until this day.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, readonly=False, precompute=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    payment_method = fields.Selection(PAYMENT_METHODS, default="transfer", tracking=True)
    is_renewed = fields.Boolean(
        string="Renewed",
        readonly=True,
        copy=False,
        help="The holder took a later membership (kept up to date with the member status).",
    )
    verify_token = fields.Char(
        copy=False,
        readonly=True,
        groups="assoc_contacts.group_assoc_finance",
        default=lambda self: secrets.token_urlsafe(24),
    )
    note = fields.Text()

    _sql_constraints = [
        ("dates_ordered", "CHECK (date_end >= date_start)", "A membership cannot end before it starts."),
        ("verify_token_unique", "UNIQUE (verify_token)", "A verification code must be unique."),
    ]

    @api.depends("partner_id", "type_id", "date_start", "date_end")
    def _compute_display_name(self):
        for membership in self:
            membership.display_name = _(
                "%(type)s – %(member)s (%(start)s – %(end)s)",
                type=membership.type_id.name or "",
                member=membership.partner_id.name or "",
                start=membership._format_date(membership.date_start),
                end=membership._format_date(membership.date_end),
            )

    def _format_date(self, day):
        return day.strftime("%d/%m/%Y") if day else ""

    @api.depends("partner_id", "type_id")
    def _compute_member_ids(self):
        for membership in self:
            covered = membership.partner_id
            if membership.kind == "family" and membership.partner_id.household_id:
                covered |= membership.partner_id.household_id.partner_ids
            membership.member_ids = covered

    @api.depends("type_id", "date", "partner_id")
    def _compute_period(self):
        current_ends = self._current_ends_of_same_type()
        for membership in self:
            if not (membership.type_id and membership.date):
                membership.date_start = membership.date_start or membership.date
                membership.date_end = membership.date_end or membership.date
                continue
            if membership in current_ends:
                current_end = current_ends[membership]
            else:
                current_end = membership._current_end_of_same_type()
            membership.date_start, membership.date_end = membership.type_id._compute_period(
                membership.date, current_end
            )

    def _current_ends_of_same_type(self):
        """{membership: end of the holder's latest confirmed membership of the same type, or None}
        in one query, for the memberships alone with their holder and type in `self` (the others
        depend on each other's new periods: they are looked up one by one)."""
        holder_types = Counter((m.partner_id.id, m.type_id.id) for m in self)
        alone = self.filtered(
            lambda m: (
                isinstance(m.partner_id.id, int)
                and isinstance(m.type_id.id, int)
                and m.partner_id
                and m.type_id
                and holder_types[(m.partner_id.id, m.type_id.id)] == 1
            )
        )
        if not alone:
            return {}
        self.flush_model(["partner_id", "type_id", "state", "date_end"])
        self.env.cr.execute(
            CURRENT_ENDS_SQL,
            [
                list(range(len(alone))),
                [m._origin.id or 0 for m in alone],
                [m.partner_id.id for m in alone],
                [m.type_id.id for m in alone],
            ],
        )
        ends = dict(self.env.cr.fetchall())
        return {membership: ends.get(index) for index, membership in enumerate(alone)}

    def _current_end_of_same_type(self):
        """End of the holder's latest confirmed membership of the same type, if any."""
        if not self.partner_id:
            return None
        latest = self.sudo().search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("type_id", "=", self.type_id.id),
                ("state", "=", "confirmed"),
                ("id", "!=", self._origin.id or 0),
            ],
            order="date_end desc",
            limit=1,
        )
        return latest.date_end or None

    @api.depends("date_end", "type_id.grace_days")
    def _compute_date_grace_end(self):
        for membership in self:
            membership.date_grace_end = membership.date_end and (
                membership.date_end + timedelta(days=membership.type_id.grace_days)
            )

    @api.depends("type_id")
    def _compute_amount(self):
        for membership in self:
            membership.amount = membership.type_id.amount

    @api.constrains("partner_id", "type_id", "date_start", "date_end", "state")
    def _check_no_overlap(self):
        """Another membership of the same holder and type, not cancelled, over the same days:
        one query for the whole batch (imports confirm hundreds at once)."""
        self.flush_model(["partner_id", "type_id", "date_start", "date_end", "state"])
        self.env.cr.execute(OVERLAP_SQL, {"ids": self.ids})
        row = self.env.cr.fetchone()
        if row:
            membership, other = self.browse(row[0]), self.sudo().browse(row[1])
            raise ValidationError(
                _(
                    "%(member)s already has a “%(type)s” membership from %(start)s to %(end)s, "
                    "which overlaps this one.",
                    member=membership.partner_id.display_name,
                    type=membership.type_id.name,
                    start=other._format_date(other.date_start),
                    end=other._format_date(other.date_end),
                )
            )

    @api.constrains("amount", "type_id")
    def _check_amount(self):
        for membership in self:
            if membership.amount < 0:
                raise ValidationError(_("The amount of a membership cannot be negative."))

    # ----------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        memberships = super().create(vals_list)
        confirmed = memberships.filtered(lambda m: m.state == "confirmed")
        if confirmed:
            # Imported or integrated as already confirmed: history, no payment is created.
            confirmed._after_confirm()
        return memberships

    def write(self, vals):
        if not {"date_start", "date_end", "type_id", "partner_id", "member_ids"} & set(vals):
            return super().write(vals)
        confirmed = self.filtered(lambda m: m.state == "confirmed")
        people_before = confirmed.member_ids | confirmed.partner_id
        res = super().write(vals)
        people = people_before | confirmed.member_ids | confirmed.partner_id
        if people:
            self.env["res.partner"]._assoc_update_membership_status(people.ids)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(membership.state != "draft" for membership in self):
            raise UserError(_("Only draft memberships can be deleted; cancel the others."))

    # -------------------------------------------------------------- actions
    def action_confirm(self):
        """Check the dues, record and post the payment, then make the people members."""
        if any(membership.state != "draft" for membership in self):
            raise UserError(_("Only draft memberships can be confirmed."))
        self._check_dues()
        self.filtered(lambda m: m.amount and not m.payment_id)._create_payment()
        self.write({"state": "confirmed"})
        self._after_confirm()
        return True

    def _check_dues(self):
        for membership in self:
            self._check_paid_dues(membership.type_id, membership.amount, membership.currency_id)

    @api.model
    def _check_paid_dues(self, membership_type, amount, currency):
        """Refuse `amount` when it does not cover the tariff of `membership_type`."""
        if currency.compare_amounts(amount, membership_type.amount) < 0:
            raise UserError(
                _(
                    "The amount paid (%(paid)s) is smaller than the tariff of “%(type)s” (%(tariff)s).",
                    paid=format_amount(self.env, amount, currency),
                    type=membership_type.name,
                    tariff=format_amount(self.env, membership_type.amount, currency),
                )
            )

    def _format_amount(self, amount, env=None):
        return format_amount(env or self.env, amount, self.currency_id)

    def _after_confirm(self):
        for membership in self.sudo().filtered(lambda m: not m.verify_token):
            membership.verify_token = secrets.token_urlsafe(24)
        self.mapped("member_ids")._assoc_assign_member_numbers()
        self._update_status()
        self._log_interactions("membership", _("Membership %s"))

    def action_cancel(self):
        """Cancel memberships (also called by integrations, e.g. when a cheque bounces). The
        payment stays as it is: reverse it in accounting if the money was not received."""
        to_cancel = self.filtered(lambda m: m.state != "cancelled")
        was_confirmed = to_cancel.filtered(lambda m: m.state == "confirmed")
        to_cancel.write({"state": "cancelled"})
        was_confirmed._update_status()
        return True

    def action_reset_draft(self):
        if any(membership.state != "cancelled" or membership.payment_id for membership in self):
            raise UserError(_("Only cancelled memberships without payment can be reset to draft."))
        self.write({"state": "draft"})
        return True

    def _update_status(self):
        """Member status, tags and renewals of the people concerned, at once."""
        partners = self.mapped("member_ids") | self.mapped("partner_id")
        if partners:
            self.env["res.partner"]._assoc_update_membership_status(partners.ids)

    def _log_interactions(self, type_code, label):
        events = [
            {
                "partner_id": partner.id,
                "type_code": type_code,
                "origin": membership,
                "name": label % membership.display_name,
            }
            for membership in self
            for partner in membership.member_ids | membership.partner_id
        ]
        self.env["assoc.interaction"].log_events(events)
