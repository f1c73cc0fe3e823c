from datetime import timedelta

from odoo import _, api, fields, models

BATCH_SIZE = 200
CATCH_UP_DAYS = 7

# Memberships due for a reminder: the holder has not renewed, has an email that is neither
# blacklisted nor covered by a withdrawn email consent, and did not get this reminder yet.
CANDIDATES_SQL = """
SELECT m.id
  FROM assoc_membership m
  JOIN res_partner p ON p.id = m.partner_id
 WHERE m.state = 'confirmed' AND NOT m.is_renewed
   AND m.date_end BETWEEN %(first_end)s AND %(last_end)s
   AND (%(all_types)s OR m.type_id = ANY(%(type_ids)s))
   AND p.active AND p.email_normalized IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM mail_blacklist b WHERE b.email = p.email_normalized AND b.active)
   AND NOT EXISTS (SELECT 1 FROM assoc_membership_reminder_sent_rel s
                    WHERE s.membership_id = m.id AND s.reminder_id = %(reminder)s)
   AND NOT EXISTS (SELECT 1 FROM assoc_membership later
                    WHERE later.partner_id = m.partner_id AND later.state = 'confirmed'
                      AND later.date_end > m.date_end)
   AND COALESCE((SELECT c.state FROM assoc_consent c
                  WHERE c.partner_id = p.id AND c.channel = 'email' AND c.purpose_id IS NULL
                  ORDER BY c.date DESC, c.id DESC LIMIT 1), 'granted') != 'withdrawn'
 ORDER BY m.id
 LIMIT %(limit)s
"""


class AssocMembershipReminder(models.Model):
    """A renewal reminder: an email sent some days before or after a membership ends."""

    _name = "assoc.membership.reminder"
    _description = "Membership renewal reminder"
    _order = "timing desc, days desc"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    days = fields.Integer(required=True, default=30)
    timing = fields.Selection(
        [("before", "Before the end"), ("after", "After the end")], required=True, default="before"
    )
    template_id = fields.Many2one(
        "mail.template", string="Email template", required=True, domain="[('model', '=', 'assoc.membership')]"
    )
    type_ids = fields.Many2many("assoc.membership.type", string="Membership types", help="Leave empty for every type.")
    sent_count = fields.Integer(compute="_compute_sent_count")

    _sql_constraints = [("days_positive", "CHECK (days >= 0)", "The number of days cannot be negative.")]

    def _compute_sent_count(self):
        self.env.cr.execute(
            """SELECT reminder_id, count(*) FROM assoc_membership_reminder_sent_rel
                                WHERE reminder_id = ANY(%s) GROUP BY reminder_id""",
            [self.ids],
        )
        counts = dict(self.env.cr.fetchall())
        for reminder in self:
            reminder.sent_count = counts.get(reminder.id, 0)

    def _target_end_range(self, today):
        """Membership end dates that this reminder concerns today (with a few days of catch-up
        when the cron did not run)."""
        offset = timedelta(days=self.days if self.timing == "before" else -self.days)
        last_end = today + offset
        return last_end - timedelta(days=CATCH_UP_DAYS), last_end

    def _due_memberships(self, today, limit=BATCH_SIZE):
        self.ensure_one()
        self.env.flush_all()
        first_end, last_end = self._target_end_range(today)
        self.env.cr.execute(
            CANDIDATES_SQL,
            {
                "first_end": first_end,
                "last_end": last_end,
                "reminder": self.id,
                "limit": limit,
                "all_types": not self.type_ids,
                "type_ids": self.type_ids.ids,
            },
        )
        return self.env["assoc.membership"].browse([row[0] for row in self.env.cr.fetchall()])

    def _send(self, memberships):
        self.ensure_one()
        for membership in memberships:
            membership.message_post_with_source(
                self.template_id, subtype_xmlid="mail.mt_comment", message_type="comment"
            )
        memberships.write({"reminder_ids": [(4, self.id)]})
        memberships._log_interactions("membership_reminder", _("Renewal reminder sent: %s"))

    @api.model
    def _cron_send_reminders(self):
        """Send one batch per reminder, then ask the cron to come back while some remain."""
        today = fields.Date.context_today(self)
        done = remaining = 0
        for reminder in self.search([]):
            batch = reminder._due_memberships(today)
            reminder._send(batch)
            done += len(batch)
            remaining += len(reminder._due_memberships(today, limit=1))
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def action_send_now(self):
        self.env.ref("assoc_membership.ir_cron_membership_reminders")._trigger()
        return True


class AssocMembership(models.Model):
    _inherit = "assoc.membership"

    reminder_ids = fields.Many2many(
        "assoc.membership.reminder",
        "assoc_membership_reminder_sent_rel",
        "membership_id",
        "reminder_id",
        string="Reminders sent",
        readonly=True,
        copy=False,
    )
