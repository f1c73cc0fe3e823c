from odoo import _, api, fields, models

GROUP_TYPES = [
    ("local", "Local group"),
    ("thematic", "Thematic group"),
    ("cell", "Cell"),
    ("other", "Other"),
]


class AssocGroup(models.Model):
    """A static group of contacts (local, thematic, cell) with its members."""

    _name = "assoc.group"
    _description = "Group"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    group_type = fields.Selection(GROUP_TYPES, string="Type", required=True, default="local", tracking=True)
    location = fields.Char(help="Town, district or place where the group meets.")
    referent_id = fields.Many2one("res.partner", string="Referent", index=True, tracking=True)
    email = fields.Char(string="Contact email")
    description = fields.Html()
    active = fields.Boolean(default=True)
    member_ids = fields.One2many("assoc.group.member", "group_id", string="Members")
    member_count = fields.Integer(compute="_compute_member_count")
    interaction_count = fields.Integer(compute="_compute_interaction_stats")
    first_interaction_date = fields.Datetime(compute="_compute_interaction_stats")
    last_interaction_date = fields.Datetime(compute="_compute_interaction_stats")
    recent_interaction_ids = fields.Many2many(
        "assoc.interaction", compute="_compute_interaction_stats", string="Latest interactions"
    )

    @api.depends("member_ids.is_current")
    def _compute_member_count(self):
        counts = dict(
            self.env["assoc.group.member"]._read_group(
                [("group_id", "in", self.ids), ("is_current", "=", True)], ["group_id"], ["__count"]
            )
        )
        for group in self:
            group.member_count = counts.get(group, 0)

    def _current_partner_ids_query(self):
        return self.env["assoc.group.member"]._search(
            [("group_id", "in", self.ids), ("is_current", "=", True)]
        ).subselect("partner_id")

    def _compute_interaction_stats(self):
        Interaction = self.env["assoc.interaction"]
        for group in self:
            if not group.id:
                group.update({"interaction_count": 0, "first_interaction_date": False, "last_interaction_date": False,
                             "recent_interaction_ids": False})
                continue
            domain = [("partner_id", "in", group._current_partner_ids_query())]
            [(count, first, last)] = Interaction._read_group(domain, [], ["__count", "date:min", "date:max"])
            group.update({
                "interaction_count": count, "first_interaction_date": first, "last_interaction_date": last,
                "recent_interaction_ids": Interaction.search(domain, limit=80),
            })

    def action_open_interactions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Interactions of %(group)s", group=self.name),
            "res_model": "assoc.interaction",
            "view_mode": "list,form,pivot,graph",
            "domain": [("partner_id", "in", self._current_partner_ids_query())],
        }

    def action_open_members(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Members of %(group)s", group=self.name),
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "domain": [("assoc_group_ids", "in", self.ids)],
        }

    def add_partners(self, partners, date_join=None):
        """Add contacts as current members (mass action); a former member is re-activated."""
        self.ensure_one()
        Member = self.env["assoc.group.member"]
        existing = Member.search([("group_id", "=", self.id), ("partner_id", "in", partners.ids)])
        existing.filtered("date_leave").write({"date_leave": False})
        new_partners = partners - existing.partner_id
        date_join = date_join or fields.Date.context_today(self)
        return existing | Member.create(
            [{"group_id": self.id, "partner_id": partner.id, "date_join": date_join} for partner in new_partners]
        )
