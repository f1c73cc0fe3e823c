from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AssocEngagement(models.Model):
    """One engagement of a contact, with its source and period."""

    _name = "assoc.engagement"
    _description = "Engagement"
    _order = "date_start desc, id desc"
    _rec_name = "type_id"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True, index=True, ondelete="cascade")
    type_id = fields.Many2one("assoc.engagement.type", string="Engagement", required=True, index=True,
                              ondelete="restrict")
    source = fields.Char(help="Where the engagement comes from: event, campaign, form, person who recruited...")
    date_start = fields.Date(string="Since", default=fields.Date.context_today)
    date_end = fields.Date(string="Until")
    is_current = fields.Boolean(string="Current", compute="_compute_is_current", search="_search_is_current")
    note = fields.Char()

    @api.depends("date_start", "date_end")
    @api.depends_context("date")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for engagement in self:
            engagement.is_current = (not engagement.date_start or engagement.date_start <= today) and (
                not engagement.date_end or engagement.date_end >= today
            )

    def _search_is_current(self, operator, value):
        today = fields.Date.context_today(self)
        current = ["&", "|", ("date_start", "=", False), ("date_start", "<=", today),
                   "|", ("date_end", "=", False), ("date_end", ">=", today)]
        positive = (operator == "=") == bool(value)
        return current if positive else ["!", *current]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for engagement in self:
            if engagement.date_start and engagement.date_end and engagement.date_end < engagement.date_start:
                raise ValidationError(_("An engagement cannot end before it starts."))
