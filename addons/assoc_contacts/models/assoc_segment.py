import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)


class AssocSegment(models.Model):
    """A named search over contacts (a domain), always current."""

    _name = "assoc.segment"
    _description = "Segment"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=False)
    sequence = fields.Integer(default=10)
    description = fields.Text()
    domain = fields.Char(required=True, default="[]", help="The search over contacts that defines the segment.")
    filter_id = fields.Many2one(
        "ir.filters", string="From a saved search", domain="[('model_id', '=', 'res.partner')]",
        help="Copy the domain of a search saved in the contact list (Favorites > Save current search).",
    )
    state = fields.Selection(
        [("valid", "Valid"), ("invalid", "Invalid")], compute="_compute_state", store=True,
        help="A segment becomes invalid when its search no longer works, for example after a field was removed.",
    )
    error_message = fields.Char(compute="_compute_state", store=True)
    contact_count = fields.Integer(string="Contacts", compute="_compute_contact_count")
    active = fields.Boolean(default=True)

    @api.onchange("filter_id")
    def _onchange_filter_id(self):
        if self.filter_id:
            self.domain = self.filter_id.domain
            self.name = self.name or self.filter_id.name

    @api.depends("domain")
    def _compute_state(self):
        for segment in self:
            error = segment._domain_error()
            segment.state = "invalid" if error else "valid"
            segment.error_message = error

    def _domain_error(self):
        """Why the domain cannot be used on contacts, or False."""
        if "assoc_segment_ids" in (self.domain or ""):
            return _("A segment cannot be defined from other segments.")
        try:
            domain = safe_eval(self.domain or "[]", {"uid": self.env.uid, "context_today": fields.Date.today})
            self.env["res.partner"].with_context(active_test=True)._search(domain)
        except Exception as error:  # noqa: BLE001 - any parse or field error makes the segment invalid
            return str(error)[:500]
        return False

    def _partner_domain(self):
        """The contacts domain of these segments (OR), ignoring invalid ones; never raises."""
        domains = []
        for segment in self:
            if segment.state != "valid" or "assoc_segment_ids" in (segment.domain or ""):
                continue
            try:
                domain = safe_eval(segment.domain or "[]", {"uid": self.env.uid, "context_today": fields.Date.today})
                self.env["res.partner"]._search(domain)
            except Exception as error:  # noqa: BLE001 - a field removed since the last check
                _logger.warning("Segment %s is no longer valid (the daily check will flag it): %s",
                                segment.id, error)
                continue
            domains.append(domain)
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    def _compute_contact_count(self):
        Partner = self.env["res.partner"]
        for segment in self:
            segment.contact_count = Partner.search_count(segment._partner_domain()) if segment.id else 0

    def action_check(self):
        """Check the domains again (after a module was removed, for example)."""
        self._compute_state()
        return True

    def action_open_contacts(self):
        self.ensure_one()
        if self.state != "valid":
            raise UserError(_("The segment %(name)s cannot be used: %(error)s", name=self.name,
                              error=self.error_message))
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "res.partner",
            "view_mode": "list,kanban,form,pivot,graph",
            "domain": [("assoc_segment_ids", "in", self.ids)],
            "context": {"assoc_segment_id": self.id},
        }

    @api.model
    def _cron_check_domains(self):
        self.search([])._compute_state()
