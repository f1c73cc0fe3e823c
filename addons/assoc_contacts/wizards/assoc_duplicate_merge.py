from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.duplicate_keys import email_key, phone_key

# Values a person may hold twice with different contents: the assistant asks which one to keep.
CONFLICT_FIELDS = (
    "title", "firstname", "lastname", "birthdate", "email", "phone", "mobile", "street", "street2",
    "zip", "city", "country_id", "function", "website", "vat",
)
# Written differently but equal once normalized: not a conflict.
SAME_WHEN_NORMALIZED = {"email": email_key, "phone": phone_key, "mobile": phone_key}


class AssocDuplicateMerge(models.TransientModel):
    _name = "assoc.duplicate.merge"
    _description = "Merge two contacts"

    duplicate_id = fields.Many2one("assoc.duplicate", required=True, ondelete="cascade")
    partner_a_id = fields.Many2one(related="duplicate_id.partner_a_id")
    partner_b_id = fields.Many2one(related="duplicate_id.partner_b_id")
    keep = fields.Selection(
        [("a", "First contact"), ("b", "Second contact")], string="Contact to keep", required=True, default="a",
        help="The other contact is deleted; its memberships, gifts, interactions and every other linked "
        "record move to the kept one.",
    )
    line_ids = fields.One2many("assoc.duplicate.merge.line", "wizard_id", string="Different values")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard.line_ids = [fields.Command.create(vals) for vals in wizard._conflict_lines()]
        return wizards

    def _conflict_lines(self):
        partner_a, partner_b = self.partner_a_id, self.partner_b_id
        lines = []
        for fname in CONFLICT_FIELDS:
            field = partner_a._fields.get(fname)
            if not field or not partner_a[fname] or not partner_b[fname]:
                continue
            normalize = SAME_WHEN_NORMALIZED.get(fname, lambda value: value)
            if normalize(partner_a[fname]) == normalize(partner_b[fname]):
                continue
            lines.append({
                "field_name": fname,
                "field_label": field._description_string(self.env),
                "value_a": self._display(partner_a, field),
                "value_b": self._display(partner_b, field),
            })
        return lines

    @api.model
    def _display(self, partner, field):
        value = partner[field.name]
        if field.type == "many2one":
            return value.display_name
        if field.type == "date":
            return value.strftime("%d/%m/%Y")
        return str(value)

    def action_merge(self):
        self.ensure_one()
        duplicate = self.duplicate_id
        duplicate._check_pending()
        if undecided := self.line_ids.filtered(lambda line: not line.keep):
            raise UserError(_("Choose the value to keep for: %(fields)s",
                              fields=", ".join(undecided.mapped("field_label"))))
        partners = {"a": self.partner_a_id, "b": self.partner_b_id}
        dst = partners[self.keep]
        src = partners["b" if self.keep == "a" else "a"]
        chosen = {line.field_name: partners[line.keep][line.field_name] for line in self.line_ids}
        values = {fname: value.id if isinstance(value, models.BaseModel) else value for fname, value in chosen.items()}
        kept_email = values.get("email", dst.email or src.email)
        kept_key = email_key(kept_email)
        lost_email = next((p.email for p in (src, dst) if email_key(p.email) not in (False, kept_key)), False)
        dst.with_context(assoc_skip_duplicate_check=True).write(values)
        self.env["base.partner.merge.automatic.wizard"]._merge((src | dst).ids, dst, extra_checks=False)
        if lost_email:
            self.env["assoc.partner.email"].with_context(assoc_skip_duplicate_check=True).create(
                {"partner_id": dst.id, "email": lost_email, "label": _("From merged contact")}
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": dst.id,
            "view_mode": "form",
            "target": "current",
        }
