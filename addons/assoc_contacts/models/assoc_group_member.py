from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AssocGroupMember(models.Model):
    """Membership of a contact in a group, with join and leave dates."""

    _name = "assoc.group.member"
    _description = "Group member"
    _order = "group_id, date_join desc, id"
    _rec_name = "partner_id"

    group_id = fields.Many2one("assoc.group", string="Group", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Contact", required=True, index=True, ondelete="cascade")
    role = fields.Char()
    date_join = fields.Date(string="Joined on", default=fields.Date.context_today)
    date_leave = fields.Date(string="Left on")
    is_current = fields.Boolean(string="Current", compute="_compute_is_current", store=True, index=True)
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    city = fields.Char(related="partner_id.city")
    last_interaction_date = fields.Datetime(related="partner_id.assoc_last_interaction_date")
    interaction_count = fields.Integer(related="partner_id.assoc_interaction_count")

    _sql_constraints = [
        ("partner_group_unique", "unique(group_id, partner_id)", "A contact is listed once per group."),
    ]

    @api.depends("date_leave")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for member in self:
            member.is_current = not member.date_leave or member.date_leave > today

    @api.constrains("date_join", "date_leave")
    def _check_dates(self):
        for member in self:
            if member.date_join and member.date_leave and member.date_leave < member.date_join:
                raise ValidationError(_("A member cannot leave a group before joining it."))

    @api.model
    def _cron_refresh_current(self):
        """Members whose leave date has come stop being current."""
        left = self.search([("is_current", "=", True), ("date_leave", "<=", fields.Date.context_today(self))])
        self.env.add_to_compute(self._fields["is_current"], left)
        left.flush_recordset(["is_current"])
