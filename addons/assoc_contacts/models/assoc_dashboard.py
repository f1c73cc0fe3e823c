from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

TREND_MONTHS = 12


class AssocDashboard(models.TransientModel):
    """Home overview of the association: key figures computed on opening."""

    _name = "assoc.dashboard"
    _description = "Association overview"

    name = fields.Char(default=lambda self: _("Overview"))
    contact_count = fields.Integer(compute="_compute_kpis")
    member_count = fields.Integer(string="Current members", compute="_compute_kpis")
    donor_count = fields.Integer(compute="_compute_kpis")
    new_contact_month_count = fields.Integer(string="New contacts this month", compute="_compute_kpis")
    interaction_month_count = fields.Integer(string="Interactions this month", compute="_compute_kpis")
    interaction_previous_month_count = fields.Integer(string="Interactions last month", compute="_compute_kpis")
    interaction_trend = fields.Float(string="Trend (%)", compute="_compute_kpis",
                                     help="Change of this month's interactions against last month's, in percent.")
    month_line_ids = fields.One2many("assoc.dashboard.line", "dashboard_id", domain=[("kind", "=", "month")],
                                     string="Interactions per month")
    engagement_line_ids = fields.One2many("assoc.dashboard.line", "dashboard_id",
                                          domain=[("kind", "=", "engagement")], string="Engagements")

    @api.model
    def _month_start(self, months_back=0):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=months_back)

    def _tag_domain(self, xmlid):
        tag = self.env.ref(xmlid, raise_if_not_found=False)
        return [("category_id", "in", tag.ids if tag else [])]

    def _compute_kpis(self):
        Partner, Interaction = self.env["res.partner"], self.env["assoc.interaction"]
        this_month, last_month = self._month_start(), self._month_start(1)
        this_month_count = Interaction.search_count([("date", ">=", this_month)])
        last_month_count = Interaction.search_count([("date", ">=", last_month), ("date", "<", this_month)])
        values = {
            "contact_count": Partner.search_count([]),
            "member_count": Partner.search_count(self._tag_domain("assoc_contacts.tag_member")),
            "donor_count": Partner.search_count(self._tag_domain("assoc_contacts.tag_donor")),
            "new_contact_month_count": Partner.search_count([("create_date", ">=", this_month)]),
            "interaction_month_count": this_month_count,
            "interaction_previous_month_count": last_month_count,
            "interaction_trend": (
                100.0 * (this_month_count - last_month_count) / last_month_count if last_month_count else 0.0
            ),
        }
        for dashboard in self:
            dashboard.update(values)

    def _line_values(self):
        """Interactions per month over a year, then contacts per current engagement."""
        start = self._month_start(TREND_MONTHS - 1)
        per_month = dict(
            self.env["assoc.interaction"]._read_group([("date", ">=", start)], ["date:month"], ["__count"])
        )
        lines = []
        for offset in range(TREND_MONTHS - 1, -1, -1):
            month = self._month_start(offset)
            count = next((c for key, c in per_month.items() if key and key.date() == month), 0)
            lines.append({"kind": "month", "label": month.strftime("%m/%Y"), "value": count, "sequence": -offset})
        per_type = self.env["res.partner"]._read_group([("assoc_engagement_type_ids", "!=", False)],
                                                       ["assoc_engagement_type_ids"], ["__count"])
        for engagement_type, count in per_type:
            lines.append({"kind": "engagement", "label": engagement_type.name, "value": count,
                          "sequence": engagement_type.sequence})
        return lines

    @api.model
    def action_open_dashboard(self):
        dashboard = self.create({})
        lines = dashboard._line_values()
        top = max([line["value"] for line in lines if line["kind"] == "month"] or [0]) or 1
        for line in lines:
            line["share"] = 100.0 * line["value"] / top if line["kind"] == "month" else 0.0
        self.env["assoc.dashboard.line"].create([dict(line, dashboard_id=dashboard.id) for line in lines])
        return {
            "type": "ir.actions.act_window",
            "name": _("Overview"),
            "res_model": self._name,
            "res_id": dashboard.id,
            "view_mode": "form",
            "views": [(self.env.ref("assoc_contacts.view_assoc_dashboard_form").id, "form")],
            "target": "current",
        }

    def _open_partners(self, name, domain):
        return {"type": "ir.actions.act_window", "name": name, "res_model": "res.partner",
                "view_mode": "list,kanban,form", "domain": domain}

    def action_open_contacts(self):
        return self._open_partners(_("Contacts"), [])

    def action_open_members(self):
        return self._open_partners(_("Current members"), self._tag_domain("assoc_contacts.tag_member"))

    def action_open_donors(self):
        return self._open_partners(_("Donors"), self._tag_domain("assoc_contacts.tag_donor"))

    def action_open_interactions(self):
        return {"type": "ir.actions.act_window", "name": _("Interactions this month"),
                "res_model": "assoc.interaction", "view_mode": "list,form,pivot,graph",
                "domain": [("date", ">=", fields.Datetime.to_string(self._month_start()))]}


class AssocDashboardLine(models.TransientModel):
    _name = "assoc.dashboard.line"
    _description = "Association overview figure"
    _order = "kind, sequence, id"

    dashboard_id = fields.Many2one("assoc.dashboard", required=True, ondelete="cascade")
    kind = fields.Selection([("month", "Interactions per month"), ("engagement", "Engagements")], required=True)
    label = fields.Char()
    value = fields.Integer()
    sequence = fields.Integer()
    share = fields.Float(help="Value against the highest month, in percent.")
