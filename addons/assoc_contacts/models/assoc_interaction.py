from contextlib import contextmanager

from odoo import api, fields, models


class AssocInteraction(models.Model):
    """One event between the association and one contact: the contact's timeline."""

    _name = "assoc.interaction"
    _description = "Interaction"
    _order = "date desc, id desc"
    _rec_name = "name"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    type_id = fields.Many2one(
        "assoc.interaction.type", string="Type", required=True, index=True, ondelete="restrict"
    )
    category = fields.Selection(related="type_id.category", store=True, index=True, precompute=True)
    name = fields.Char(string="Summary", required=True)
    note = fields.Html()
    res_model = fields.Char(string="Origin model", index=True)
    res_id = fields.Many2oneReference(string="Origin record", model_field="res_model")
    user_id = fields.Many2one("res.users", string="Author", default=lambda self: self.env.user)
    source = fields.Char(help="The integration or process that created it, when not a person.")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    label_ids = fields.Many2many("assoc.interaction.label", string="Labels")

    @api.model_create_multi
    def create(self, vals_list):
        interactions = super().create(vals_list)
        interactions._refresh_partner_stats(interactions.partner_id.ids)
        return interactions

    def write(self, vals):
        partner_ids = set(self.partner_id.ids) if {"partner_id", "date"} & set(vals) else set()
        result = super().write(vals)
        if partner_ids:
            self._refresh_partner_stats(partner_ids | set(self.partner_id.ids))
        return result

    def unlink(self):
        partner_ids = self.partner_id.ids
        result = super().unlink()
        self._refresh_partner_stats(partner_ids)
        return result

    def _refresh_partner_stats(self, partner_ids):
        pending = self.env.context.get("assoc_interaction_stats_pending")
        if pending is not None:
            pending.update(partner_ids)
        elif partner_ids:
            self.flush_model(["partner_id", "date"])
            self.env["res.partner"]._assoc_refresh_interaction_stats(list(partner_ids))

    @contextmanager
    def _partner_stats_deferred(self):
        """Yield an environment in which interactions leave the statistics of their contacts to
        one refresh at the end of the block: an import creates interactions in several steps,
        and each refresh rewrites every contact it touches."""
        pending = set()
        yield self.env(context=dict(self.env.context, assoc_interaction_stats_pending=pending))
        self.with_context(assoc_interaction_stats_pending=None)._refresh_partner_stats(pending)

    @api.model
    def log_events(self, vals_list):
        """Create automatic interactions. Each vals has partner_id, name, and either type_id
        or type_code (an assoc.interaction.type code); an `origin` record fills res_model/res_id."""
        codes = {vals["type_code"] for vals in vals_list if vals.get("type_code")}
        types = self.env["assoc.interaction.type"].sudo().search([("code", "in", list(codes))])
        type_by_code = {itype.code: itype.id for itype in types}
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            code = vals.pop("type_code", None)
            origin = vals.pop("origin", None)
            if code:
                vals["type_id"] = type_by_code[code]
            if origin:
                vals.update(res_model=origin._name, res_id=origin.id)
            prepared.append(vals)
        return self.sudo().create(prepared)
