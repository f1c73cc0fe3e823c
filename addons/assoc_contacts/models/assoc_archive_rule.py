from ast import literal_eval

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

BATCH_SIZE = 1000
RETENTION_PARAMS = {
    "prospect": "assoc_contacts.retention_prospect_years",
    "donor": "assoc_contacts.retention_donor_years",
    "former_member": "assoc_contacts.retention_former_member_years",
}
DEFAULT_RETENTION_YEARS = 3  # CNIL référentiel (délib. 2021-131), domain-fr.md §8.3


class AssocArchiveRule(models.Model):
    """Conditions under which contacts are archived automatically (GDPR storage limitation)."""

    _name = "assoc.archive.rule"
    _description = "Archiving rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    tag_ids = fields.Many2many("res.partner.category", string="With one of the tags")
    retention = fields.Selection(
        [("prospect", "Prospects (neither member nor donor)"), ("donor", "Donors who are not members"),
         ("former_member", "Former members")],
        string="Retention profile",
        help="Applies the retention duration of this profile from the settings.",
    )
    inactive_years = fields.Integer(
        string="No interaction for (years)",
        help="Contacts whose last interaction (or creation, without interaction) is older. "
        "Ignored when a retention profile gives the duration.",
    )
    domain = fields.Char(string="Other conditions", default="[]")
    preview_count = fields.Integer(compute="_compute_preview_count", string="Contacts to archive now")
    last_run = fields.Datetime(readonly=True)
    log_ids = fields.One2many("assoc.archive.log", "rule_id", string="Runs")

    @api.constrains("tag_ids", "retention", "inactive_years", "domain")
    def _check_has_condition(self):
        for rule in self:
            if not (rule.tag_ids or rule.retention or rule.inactive_years > 0 or rule._extra_domain()):
                raise ValidationError(_("The archiving rule %(name)s needs at least one condition.", name=rule.name))

    def _extra_domain(self):
        try:
            return literal_eval(self.domain or "[]")
        except (ValueError, SyntaxError) as error:
            raise ValidationError(_("The conditions of %(name)s do not parse: %(error)s",
                                    name=self.name, error=error)) from error

    def _effective_years(self):
        if self.retention:
            value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAMS[self.retention])
            return int(value or DEFAULT_RETENTION_YEARS)
        return self.inactive_years

    def _partner_domain(self):
        """Contacts the rule archives: never users, nor the companies of the database."""
        self.ensure_one()
        companies = self.env["res.company"].sudo().search([])
        domain = [("active", "=", True), ("user_ids", "=", False), ("id", "not in", companies.partner_id.ids)]
        if self.tag_ids:
            domain.append(("category_id", "in", self.tag_ids.ids))
        domain += self._retention_domain()
        years = self._effective_years()
        if years > 0:
            cutoff = fields.Datetime.now() - relativedelta(years=years)
            domain += ["|", ("assoc_last_interaction_date", "<", cutoff),
                       "&", ("assoc_last_interaction_date", "=", False), ("create_date", "<", cutoff)]
        return domain + self._extra_domain()

    def _retention_domain(self):
        member = self.env.ref("assoc_contacts.tag_member")
        donor = self.env.ref("assoc_contacts.tag_donor")
        former = self.env.ref("assoc_contacts.tag_former_member")
        return {
            "prospect": [("category_id", "not in", (member | donor | former).ids)],
            "donor": [("category_id", "in", donor.ids), ("category_id", "not in", member.ids)],
            "former_member": [("category_id", "in", former.ids), ("category_id", "not in", member.ids)],
        }.get(self.retention, [])

    @api.depends("tag_ids", "retention", "inactive_years", "domain")
    def _compute_preview_count(self):
        Partner = self.env["res.partner"].sudo()
        for rule in self:
            rule.preview_count = Partner.search_count(rule._partner_domain()) if rule.id else 0

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Contacts archived by %(rule)s", rule=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": self._partner_domain(),
        }

    def action_run_now(self):
        self.env.ref("assoc_contacts.ir_cron_assoc_archive_rules")._trigger()

    @api.model
    def _cron_archive(self):
        """One batch per call; the cron is re-run until every active rule is done."""
        Partner = self.env["res.partner"].sudo()
        remaining = 0
        done = 0
        for rule in self.search([]):
            partners = Partner.search(rule._partner_domain(), limit=BATCH_SIZE)
            if partners:
                partners.write({"active": False})
                rule._log_run(len(partners))
                done += len(partners)
            rule.last_run = fields.Datetime.now()
            remaining += Partner.search_count(rule._partner_domain()) if partners else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _log_run(self, count):
        today = fields.Date.context_today(self)
        log = self.log_ids.filtered(lambda line: line.date == today)[:1]
        if log:
            log.count += count
        else:
            self.env["assoc.archive.log"].create({"rule_id": self.id, "date": today, "count": count})


class AssocArchiveLog(models.Model):
    _name = "assoc.archive.log"
    _description = "Archiving run"
    _order = "date desc, id desc"

    rule_id = fields.Many2one("assoc.archive.rule", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True)
    count = fields.Integer(string="Contacts archived")
