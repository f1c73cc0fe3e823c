from odoo import _, api, fields, models
from odoo.tools import email_normalize


class AssocEmailingActivity(models.Model):
    """Opens and clicks of one contact for one campaign, aggregated; each kind is one
    interaction on the contact's timeline, renamed as the count grows."""

    _name = "assoc.emailing.activity"
    _description = "Emailing activity"
    _order = "last_date desc, id desc"

    connector_id = fields.Many2one("assoc.connector", required=True, index=True, ondelete="cascade")
    campaign_ref = fields.Char(string="Campaign ID", required=True)
    campaign_name = fields.Char(string="Campaign")
    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    open_count = fields.Integer(string="Opens")
    click_count = fields.Integer(string="Clicks")
    last_date = fields.Datetime()
    open_interaction_id = fields.Many2one("assoc.interaction", ondelete="set null")
    click_interaction_id = fields.Many2one("assoc.interaction", ondelete="set null")

    _sql_constraints = [
        (
            "campaign_partner_unique",
            "unique(connector_id, campaign_ref, partner_id)",
            "One line per contact and campaign.",
        ),
    ]


class AssocEmailingFeedback(models.AbstractModel):
    """What the emailing tools report back, applied to contacts: unsubscribes withdraw the
    consent (and blacklist the address), hard bounces flag the email invalid, opens and clicks
    add up per campaign. Applying the same report twice changes nothing more."""

    _name = "assoc.emailing.feedback"
    _description = "Emailing feedback"

    @api.model
    def _apply(self, connector, events, run=None):
        """events: dicts with kind (unsubscribe/bounce/open/click), email, and for opens and
        clicks campaign_ref, campaign_name, date, count (default 1) and absolute (a total)."""
        events = [dict(e, email=email_normalize(e.get("email") or "")) for e in events]
        events = [e for e in events if e["email"]]
        partners = self._partners_by_email({e["email"] for e in events})
        unsubscribes = [e for e in events if e["kind"] == "unsubscribe"]
        bounces = {e["email"] for e in events if e["kind"] == "bounce"}
        withdrawn = self._unsubscribe(connector, unsubscribes, partners)
        flagged = self._bounce(bounces, partners)
        touched = self._activity(connector, [e for e in events if e["kind"] in ("open", "click")], partners)
        if run:
            run._count(updated=withdrawn + flagged + touched, skipped=len(events) - withdrawn - flagged - touched)
        return withdrawn + flagged + touched

    @api.model
    def _partners_by_email(self, emails):
        if not emails:
            return {}
        # assoc_email_key is the project's normalized address (filled by bulk imports too)
        partners = (
            self.env["res.partner"]
            .sudo()
            .search_fetch([("assoc_email_key", "in", list(emails))], ["assoc_email_key"], order="id")
        )
        result = {}
        for partner in partners:
            result.setdefault(partner.assoc_email_key, self.env["res.partner"].sudo())
            result[partner.assoc_email_key] |= partner
        return result

    @api.model
    def _unsubscribe(self, connector, events, partners):
        """Withdraw the consent of each contact of the address (not already withdrawn)."""
        if not events:
            return 0
        purpose = connector.consent_purpose_id
        all_partners = (
            self.env["res.partner"].sudo().union(*[partners.get(e["email"], self.env["res.partner"]) for e in events])
        )
        current = self._current_consent_states(all_partners.ids, purpose.id)
        vals_list, seen = [], set()
        for event in events:
            for partner in partners.get(event["email"], []):
                if partner.id in seen or current.get(partner.id) == "withdrawn":
                    continue
                seen.add(partner.id)
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "purpose_id": purpose.id,
                        "channel": "newsletter",
                        "state": "withdrawn",
                        "source": "integration",
                        "email": event["email"],
                        "date": event.get("date") or fields.Datetime.now(),
                        "proof_text": event.get("reason")
                        or _("Unsubscribed in %(tool)s", tool=connector._provider_label()),
                        "proof_form": connector.name,
                    }
                )
        self.env["assoc.contact.resolver"]._create_consents(vals_list)
        # an address no contact has is blacklisted all the same: it asked not to be written to
        orphans = {e["email"] for e in events if e["email"] not in partners}
        Blacklist = self.env["mail.blacklist"].sudo()
        for email in orphans - set(Blacklist.search([("email", "in", list(orphans))]).mapped("email")):
            Blacklist._add(email, message=_("Unsubscribed in %(tool)s", tool=connector._provider_label()))
        return len(vals_list)

    @api.model
    def _current_consent_states(self, partner_ids, purpose_id):
        if not partner_ids:
            return {}
        self.env["assoc.consent"].flush_model()
        self.env.cr.execute(
            """SELECT DISTINCT ON (partner_id) partner_id, state FROM assoc_consent
                WHERE partner_id = ANY(%s) AND channel IN ('newsletter', 'email')
                  AND (purpose_id = %s OR purpose_id IS NULL)
                ORDER BY partner_id, date DESC, id DESC""",
            [partner_ids, purpose_id],
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _bounce(self, emails, partners):
        targets = self.env["res.partner"].sudo().union(*[partners[email] for email in emails if email in partners])
        fresh = targets.filtered(lambda partner: not partner.assoc_email_invalid)
        for partner in fresh:
            partner.write({"assoc_email_invalid": True, "message_bounce": partner.message_bounce + 1})
        return len(fresh)

    @api.model
    def _activity(self, connector, events, partners):
        """Add opens and clicks to each contact's line for the campaign; one interaction per kind."""
        if not events:
            return 0
        Activity = self.env["assoc.emailing.activity"].sudo()
        refs = list({e["campaign_ref"] for e in events})
        lines = {
            (a.campaign_ref, a.partner_id.id): a
            for a in Activity.search([("connector_id", "=", connector.id), ("campaign_ref", "in", refs)])
        }
        touched = set()
        for event in events:
            for partner in partners.get(event["email"], []):
                key = (event["campaign_ref"], partner.id)
                line = lines.get(key) or Activity.create(
                    {
                        "connector_id": connector.id,
                        "campaign_ref": event["campaign_ref"],
                        "partner_id": partner.id,
                        "campaign_name": event.get("campaign_name") or event["campaign_ref"],
                    }
                )
                lines[key] = line
                field = f"{event['kind']}_count"
                count = event.get("count", 1)
                new_count = count if event.get("absolute") else line[field] + count
                if new_count != line[field]:
                    line.write(
                        {
                            field: new_count,
                            "last_date": max(
                                filter(None, [line.last_date, event.get("date")]), default=fields.Datetime.now()
                            ),
                        }
                    )
                    touched.add(line.id)
        self._sync_interactions(Activity.browse(touched))
        return len(touched)

    @api.model
    def _sync_interactions(self, lines):
        labels = {
            "open": _("Opened “%(campaign)s” (%(count)s times)"),
            "click": _("Clicked in “%(campaign)s” (%(count)s times)"),
        }
        to_create = []
        for line in lines:
            for kind in ("open", "click"):
                count, interaction = line[f"{kind}_count"], line[f"{kind}_interaction_id"]
                if not count:
                    continue
                name = labels[kind] % {"campaign": line.campaign_name, "count": count}
                if interaction:
                    interaction.write({"name": name, "date": line.last_date or interaction.date})
                else:
                    to_create.append(
                        (
                            line,
                            kind,
                            {
                                "partner_id": line.partner_id.id,
                                "type_code": f"emailing_{kind}",
                                "origin": line,
                                "name": name,
                                "date": line.last_date or fields.Datetime.now(),
                                "source": line.connector_id.name,
                            },
                        )
                    )
        created = self.env["assoc.interaction"].log_events([vals for _line, _kind, vals in to_create])
        for (line, kind, _vals), interaction in zip(to_create, created, strict=False):
            line[f"{kind}_interaction_id"] = interaction
