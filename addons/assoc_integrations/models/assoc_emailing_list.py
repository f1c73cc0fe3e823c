import hashlib
import json

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

READ_BATCH = 5000


class AssocEmailingList(models.Model):
    """A segment or a group kept in step with a list of an emailing tool."""

    _name = "assoc.emailing.list"
    _description = "Emailing list link"
    _order = "connector_id, name, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    connector_id = fields.Many2one(
        "assoc.connector",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("provider", "in", ("brevo", "mailjet", "mailchimp"))],
    )
    remote_list_id = fields.Char(string="List ID in the tool", required=True)
    source = fields.Selection([("segment", "Segment"), ("group", "Group")], required=True, default="segment")
    segment_id = fields.Many2one("assoc.segment", ondelete="restrict")
    group_id = fields.Many2one("assoc.group", ondelete="restrict")
    purpose_id = fields.Many2one(
        "assoc.consent.purpose",
        string="Consent purpose",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref("assoc_contacts.consent_purpose_newsletter", raise_if_not_found=False),
        help="Only contacts whose latest choice for this purpose is a granted consent are sent.",
    )
    attribute_ids = fields.Many2many(
        "assoc.emailing.attribute",
        string="Attributes sent",
        default=lambda self: self.env["assoc.emailing.attribute"].search([], limit=2),
    )
    contact_ids = fields.One2many("assoc.emailing.list.contact", "list_id", string="Contacts in the list")
    contact_count = fields.Integer(compute="_compute_contact_count", string="Contacts sent")
    last_push_date = fields.Datetime(readonly=True)

    @api.constrains("source", "segment_id", "group_id")
    def _check_source(self):
        for link in self:
            if (link.source == "segment" and not link.segment_id) or (link.source == "group" and not link.group_id):
                raise ValidationError(
                    _("Choose the segment or the group whose contacts go to %(name)s.", name=link.name)
                )

    def _compute_contact_count(self):
        counts = dict(
            self.env["assoc.emailing.list.contact"]._read_group([("list_id", "in", self.ids)], ["list_id"], ["__count"])
        )
        for link in self:
            link.contact_count = counts.get(link, 0)

    # ------------------------------------------------------------ who is sent
    def _source_query(self):
        """SQL selecting the ids of the contacts of the segment or group."""
        if self.source == "group":
            return self.group_id._current_partner_ids_query()
        return self.env["res.partner"].sudo()._search(self.segment_id._partner_domain()).subselect()

    def _eligible(self):
        """[(partner id, email)] of contacts with an email that works, not blacklisted, whose
        latest consent for the purpose (or a global email withdrawal) is a grant."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT p.id, p.assoc_email_key FROM res_partner p
             WHERE p.id IN %(source)s AND p.active AND p.assoc_email_key IS NOT NULL
               AND NOT COALESCE(p.assoc_email_invalid, FALSE)
               AND NOT EXISTS (SELECT 1 FROM mail_blacklist b WHERE b.email = p.assoc_email_key AND b.active)
               AND (SELECT c.state FROM assoc_consent c
                     WHERE c.partner_id = p.id AND c.channel IN ('newsletter', 'email')
                       AND (c.purpose_id = %(purpose)s OR c.purpose_id IS NULL)
                     ORDER BY c.date DESC, c.id DESC LIMIT 1) = 'granted'
             ORDER BY p.id
            """,
                source=self._source_query(),
                purpose=self.purpose_id.id,
            )
        )
        return self.env.cr.fetchall()

    def _contacts_to_send(self, eligible):
        """{partner id: (email, attributes, digest)}; the digest tells what changed since last time."""
        Partner = self.env["res.partner"].sudo().with_context(prefetch_fields=False)
        result = {}
        for start in range(0, len(eligible), READ_BATCH):
            chunk = eligible[start : start + READ_BATCH]
            values = self.attribute_ids._values(Partner.browse([pid for pid, _email in chunk]))
            for pid, email in chunk:
                attributes = values.get(pid, {})
                digest = hashlib.sha1(json.dumps([email, attributes], sort_keys=True).encode()).hexdigest()  # noqa: S324
                result[pid] = (email, attributes, digest)
            Partner.invalidate_model()
        return result

    def _stored(self):
        self.env.cr.execute(
            # a deleted contact leaves a row without partner: keyed -id, it is removed like one who left
            "SELECT COALESCE(partner_id, -id), email, digest FROM assoc_emailing_list_contact WHERE list_id = %s",
            [self.id],
        )
        return {pid: (email, digest) for pid, email, digest in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ push
    def _push(self, run, full=False):
        """Send new and changed contacts (every contact on a full run: the list may have been
        emptied or replaced at the provider), remove those who left; record counts and failures."""
        self.ensure_one()
        connector = self.connector_id
        current = self._contacts_to_send(self._eligible())
        stored = self._stored()
        new = [pid for pid in current if pid not in stored]
        changed = [
            pid for pid in current if pid in stored and (full or stored[pid] != (current[pid][0], current[pid][2]))
        ]
        gone = [pid for pid in stored if pid not in current]
        removed_emails = {stored[pid][0] for pid in gone}
        removed_emails |= {stored[pid][0] for pid in changed if stored[pid][0] != current[pid][0]}
        removed_emails -= {email for email, _attrs, _digest in current.values()}
        upserts = [{"email": current[pid][0], "attributes": current[pid][1]} for pid in new + changed]
        failures = dict(connector._emailing_upsert(self, upserts)) if upserts else {}
        failures.update(connector._emailing_remove(self, sorted(removed_emails)) if removed_emails else {})
        for email, message in failures.items():
            run._add_error(message, reference=email)
        sent = [pid for pid in new + changed if current[pid][0] not in failures]
        self._store(current, sent, [pid for pid in gone if stored[pid][0] not in failures])
        sent_ids = set(sent)
        run._count(
            created=len([pid for pid in new if pid in sent_ids]),
            updated=len([pid for pid in changed if pid in sent_ids]),
            skipped=len(current) - len(new) - len(changed),
        )
        run.removed_count += len(removed_emails - set(failures))
        self.last_push_date = fields.Datetime.now()

    def _store(self, current, sent, gone):
        """Remember what the list now holds, set-based."""
        cr = self.env.cr
        if gone:
            cr.execute(
                "DELETE FROM assoc_emailing_list_contact WHERE list_id = %s "
                "AND (partner_id = ANY(%s) OR -id = ANY(%s))",
                [self.id, gone, gone],
            )
        if sent:
            cr.execute(
                """
                INSERT INTO assoc_emailing_list_contact (list_id, partner_id, email, digest, create_date, write_date)
                SELECT %s, u.pid, u.email, u.digest, now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM unnest(%s::int[], %s::varchar[], %s::varchar[]) AS u(pid, email, digest)
                ON CONFLICT (list_id, partner_id)
                DO UPDATE SET email = EXCLUDED.email, digest = EXCLUDED.digest, write_date = EXCLUDED.write_date
                """,
                [self.id, sent, [current[pid][0] for pid in sent], [current[pid][2] for pid in sent]],
            )
        self.env["assoc.emailing.list.contact"].invalidate_model()

    def action_push_now(self):
        return self.connector_id.action_run_now()


class AssocEmailingListContact(models.Model):
    """A contact as last sent to a list: what to remove when they leave, what changed since."""

    _name = "assoc.emailing.list.contact"
    _description = "Contact sent to an emailing list"

    list_id = fields.Many2one("assoc.emailing.list", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", index=True, ondelete="set null")
    email = fields.Char(required=True)
    digest = fields.Char()

    _sql_constraints = [
        ("list_partner_unique", "unique(list_id, partner_id)", "A contact is sent once per list."),
    ]
