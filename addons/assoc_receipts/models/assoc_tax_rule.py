from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError


class AssocTaxRule(models.Model):
    """Rates and ceilings that a finance law can change, with their validity period
    (domain-fr.md: never constants in code)."""

    _name = "assoc.tax.rule"
    _description = "Tax rate or ceiling"
    _order = "code, date_from desc"

    code = fields.Selection(
        [
            ("individual", "Individuals: ordinary gifts"),
            ("individual_help", "Individuals: help to people in difficulty"),
            ("company", "Companies (art. 238 bis)"),
            ("political_cap", "Political party: yearly cap per person"),
            ("political_cash", "Political party: largest gift in cash"),
        ],
        required=True,
    )
    name = fields.Char(compute="_compute_name", store=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date()
    rate = fields.Float(string="Rate (%)", help="Share of the gift that reduces the tax.")
    amount_limit = fields.Monetary(
        help="Ceiling in euros: the 75 % part (individuals helping people), the flat ceiling "
        "(companies), the yearly cap or the largest cash gift (political mode)."
    )
    income_percent = fields.Float(string="Ceiling (% of taxable income)")
    turnover_permille = fields.Float(string="Ceiling (‰ of turnover)")
    source = fields.Char(help="Law or BOFiP reference.")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.EUR"))

    @api.depends("code", "date_from")
    def _compute_name(self):
        labels = dict(self._fields["code"]._description_selection(self.env))
        for rule in self:
            rule.name = f"{labels.get(rule.code, '')} ({rule.date_from or ''})"

    @api.constrains("code", "date_from", "date_to")
    def _check_no_overlap(self):
        for rule in self:
            if rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(_("The end of a rate's validity cannot precede its start."))
            overlap = self.search_count(
                [
                    ("id", "!=", rule.id),
                    ("code", "=", rule.code),
                    ("date_from", "<=", rule.date_to or "9999-12-31"),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", rule.date_from),
                ]
            )
            if overlap:
                raise ValidationError(_("Two rates of the same kind cannot be valid on the same day."))

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache("code")
    def _get_rule_periods(self, code):
        """((date_from, date_to or None, id), ...) of a rule, newest first: one query per rule and
        process, where a campaign asks the rule valid on each donor's last gift date."""
        rules = self.sudo().search([("code", "=", code)], order="date_from desc, id")
        return tuple((rule.date_from, rule.date_to, rule.id) for rule in rules)

    @api.model
    def _get_rule(self, code, date):
        """The rule valid on that day."""
        date = fields.Date.to_date(date)
        rule_id = next(
            (
                rule_id
                for date_from, date_to, rule_id in self._get_rule_periods(code)
                if date_from <= date and (not date_to or date <= date_to)
            ),
            False,
        )
        rule = self.sudo().browse(rule_id)
        if not rule:
            label = dict(self._fields["code"]._description_selection(self.env))[code]
            raise UserError(
                _(
                    "No rate « %(rule)s » is valid on %(date)s: add it in Configuration > Tax rates.",
                    rule=label,
                    date=date,
                )
            )
        return rule
