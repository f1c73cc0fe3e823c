from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AssocAffiliation(models.Model):
    """A person's link to an organisation: function and period (current or past)."""

    _name = "assoc.affiliation"
    _description = "Affiliation"
    _order = "is_current desc, date_start desc, id desc"
    _rec_name = "organisation_id"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade",
        domain="[('is_company', '=', False)]",
    )
    organisation_id = fields.Many2one(
        "res.partner", string="Organisation", required=True, index=True, ondelete="cascade",
        domain="[('is_company', '=', True)]",
    )
    function = fields.Char()
    date_start = fields.Date(string="Start")
    date_end = fields.Date(string="End")
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", store=True,
        help="No end date, or an end date still to come. Refreshed every day.",
    )
    note = fields.Char()

    @api.depends("date_end")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for affiliation in self:
            affiliation.is_current = not affiliation.date_end or affiliation.date_end >= today

    @api.constrains("partner_id", "organisation_id", "date_start", "date_end")
    def _check_affiliation(self):
        for affiliation in self:
            if affiliation.partner_id == affiliation.organisation_id:
                raise ValidationError(_("A contact cannot be affiliated to itself."))
            if affiliation.date_start and affiliation.date_end and affiliation.date_end < affiliation.date_start:
                raise ValidationError(_("An affiliation cannot end before it starts."))

    @api.model
    def _cron_refresh_current(self):
        """Affiliations whose end date has passed become past ones."""
        ended = self.search([("is_current", "=", True), ("date_end", "<", fields.Date.context_today(self))])
        self.env.add_to_compute(self._fields["is_current"], ended)
        ended.flush_recordset(["is_current"])
