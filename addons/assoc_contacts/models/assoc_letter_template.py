from odoo import api, fields, models


class AssocLetterTemplate(models.Model):
    """A letter with variables (the contact's name, address...), printed for a selection of contacts."""

    _name = "assoc.letter.template"
    _inherit = ["mail.render.mixin"]
    _description = "Letter template"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    body_html = fields.Html(
        string="Letter", render_engine="qweb", render_options={"post_process": True}, sanitize="email_outgoing",
        help="Use placeholders such as {{ object.firstname }} or the dynamic placeholder tool of the editor.",
    )
    place = fields.Char(string="Written at", help="City printed before the date, e.g. Lyon.")
    show_address = fields.Boolean(
        string="Print the address block", default=True,
        help="The recipient's postal address at the place of a window envelope.",
    )
    active = fields.Boolean(default=True)

    @api.depends()
    def _compute_render_model(self):
        self.render_model = "res.partner"

    def _render_letters(self, partners):
        """One dict per contact: the rendered body and the address lines."""
        self.ensure_one()
        bodies = self._render_field("body_html", partners.ids, compute_lang=True)
        addresses = partners._assoc_address_lines()
        return [
            {"partner": partner, "body": bodies[partner.id], "address": address}
            for partner, address in zip(partners, addresses, strict=True)
        ]
