from datetime import datetime, timedelta, timezone

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..clients import BrevoClient, MailchimpClient, MailjetClient

# Campaign activity is read back for campaigns sent in the last days only.
ACTIVITY_WINDOW = timedelta(days=30)
BREVO_EVENTS = {
    "unsubscribe": "unsubscribe",
    "unsubscribed": "unsubscribe",
    "spam": "unsubscribe",
    "complaint": "unsubscribe",
    "hard_bounce": "bounce",
    "hard_bounced": "bounce",
    "hardBounce": "bounce",
    "invalid_email": "bounce",
    "opened": "open",
    "unique_opened": "open",
    "proxy_open": "open",
    "click": "click",
}
MAILJET_EVENTS = {"unsub": "unsubscribe", "spam": "unsubscribe", "open": "open", "click": "click"}


def _from_timestamp(value):
    try:
        stamp = float(value)
    except (TypeError, ValueError):
        return None
    if stamp > 1e11:  # Brevo documents ts_epoch in milliseconds
        stamp /= 1000
    return datetime.fromtimestamp(stamp, tz=timezone.utc).replace(tzinfo=None)


class AssocConnector(models.Model):
    _inherit = "assoc.connector"

    emailing_list_ids = fields.One2many("assoc.emailing.list", "connector_id", string="Lists")

    # ---------------------------------------------------------------- clients
    def _check_key(self, *values):
        if not all(values):
            raise UserError(_("Fill the API key of %(name)s.", name=self.name))

    def _client_brevo(self):
        self._check_key(self.api_key)
        return BrevoClient(self.base_url, self.api_key, **self._client_options())

    def _client_mailjet(self):
        self._check_key(self.api_key, self.api_secret)
        return MailjetClient(self.base_url, self.api_key, self.api_secret, **self._client_options())

    def _client_mailchimp(self):
        self._check_key(self.api_key)
        return MailchimpClient(self.base_url, self.api_key, **self._client_options())

    # -------------------------------------------------------------------- runs
    def _run_emailing(self, run, full=False):
        for link in self.emailing_list_ids.filtered("active"):
            link._push(run, full=full)
            self._commit()

    def _run_brevo(self, run, full=False):
        self._run_emailing(run, full=full)
        self._poll_brevo(run)

    def _run_mailjet(self, run, full=False):
        # Mailjet reports unsubscribes, bounces, opens and clicks through its event webhook only
        self._run_emailing(run, full=full)

    def _run_mailchimp(self, run, full=False):
        self._run_emailing(run, full=full)
        self._poll_mailchimp(run, full=full)

    # ------------------------------------------------------- push per provider
    def _emailing_upsert(self, link, contacts):
        """Add or update contacts ({email, attributes}); returns [(email, error)]."""
        client = self._client()
        if self.provider == "brevo":
            client.import_contacts(link.remote_list_id, contacts)
            return []
        if self.provider == "mailjet":
            client.ensure_properties(link.attribute_ids.mapped("remote_name"))
            errors = client.manage_contacts(
                link.remote_list_id,
                "addnoforce",
                [{"Email": c["email"], "Properties": c["attributes"]} for c in contacts],
            )
            label = _("Mailjet job")
            return [(label, error) for error in errors]
        return client.upsert_members(
            link.remote_list_id, [{"email": c["email"], "merge_fields": c["attributes"]} for c in contacts]
        )

    def _emailing_remove(self, link, emails):
        client = self._client()
        if self.provider == "brevo":
            # Brevo reports as failures the addresses that were not in the list: nothing to do for those
            client.remove_from_list(link.remote_list_id, emails)
            return []
        if self.provider == "mailjet":
            errors = client.manage_contacts(link.remote_list_id, "remove", [{"Email": email} for email in emails])
            label = _("Mailjet job")
            return [(label, error) for error in errors]
        return client.archive_members(link.remote_list_id, emails)

    # ---------------------------------------------------------------- polling
    def _poll_brevo(self, run):
        since = self.last_success_date
        events = []
        client = self._client()
        for link in self.emailing_list_ids.filtered("active"):
            for contact in client.iter_list_contacts(link.remote_list_id, modified_since=since):
                if contact.get("emailBlacklisted") or int(link.remote_list_id) in (
                    contact.get("listUnsubscribed") or []
                ):
                    events.append(
                        {
                            "kind": "unsubscribe",
                            "email": contact["email"],
                            "reason": _("Unsubscribed in Brevo (list %(list)s)", list=link.name),
                        }
                    )
        self.env["assoc.emailing.feedback"]._apply(self, events, run)

    def _poll_mailchimp(self, run, full=False):
        since = None if full else self.last_success_date
        client = self._client()
        events = []
        for link in self.emailing_list_ids.filtered("active"):
            for member in client.iter_members(link.remote_list_id, "unsubscribed", since=since):
                events.append(
                    {
                        "kind": "unsubscribe",
                        "email": member["email_address"],
                        "reason": _("Unsubscribed in Mailchimp (audience %(list)s)", list=link.name),
                    }
                )
            for member in client.iter_members(link.remote_list_id, "cleaned", since=since):
                events.append({"kind": "bounce", "email": member["email_address"]})
            activity_since = (since or fields.Datetime.now()) - ACTIVITY_WINDOW
            for campaign in client.iter_campaigns(link.remote_list_id, since=activity_since):
                events += self._mailchimp_activity(client, campaign)
        self.env["assoc.emailing.feedback"]._apply(self, events, run)

    def _mailchimp_activity(self, client, campaign):
        title = (campaign.get("settings") or {}).get("title") or campaign["id"]
        events = []
        for row in client.iter_email_activity(campaign["id"]):
            actions = row.get("activity") or []
            for kind in ("open", "click"):
                count = sum(1 for action in actions if action.get("action") == kind)
                if count:
                    last = max(action.get("timestamp") or "" for action in actions if action.get("action") == kind)
                    events.append(
                        {
                            "kind": kind,
                            "email": row["email_address"],
                            "campaign_ref": campaign["id"],
                            "campaign_name": title,
                            "count": count,
                            "absolute": True,
                            "date": datetime.fromisoformat(last).astimezone(timezone.utc).replace(tzinfo=None)
                            if last
                            else None,
                        }
                    )
        return events

    # --------------------------------------------------------------- webhooks
    def _webhook_emailing(self, event, events):
        event.event_type = ", ".join(sorted({e["kind"] for e in events})) or _("nothing to record")
        self.env["assoc.emailing.feedback"]._apply(self, [e for e in events if e["kind"] != "ignore"])
        return "done", None

    def _webhook_brevo(self, event, payload):
        items = payload if isinstance(payload, list) else [payload]
        default_reason = _("Unsubscribed in Brevo")
        return self._webhook_emailing(
            event,
            [
                {
                    "kind": BREVO_EVENTS.get(item.get("event"), "ignore"),
                    "email": item.get("email"),
                    "campaign_ref": str(item.get("camp_id") or item.get("tag") or ""),
                    "campaign_name": item.get("campaign name") or item.get("subject") or item.get("tag"),
                    "date": _from_timestamp(item.get("ts_event") or item.get("ts")),
                    "reason": (item.get("reason") or "").strip() or default_reason,
                }
                for item in items
            ],
        )

    def _webhook_mailjet(self, event, payload):
        items = payload if isinstance(payload, list) else [payload]
        events = []
        for item in items:
            kind = MAILJET_EVENTS.get(item.get("event"), "ignore")
            if item.get("event") == "bounce" and item.get("hard_bounce"):
                kind = "bounce"
            events.append(
                {
                    "kind": kind,
                    "email": item.get("email"),
                    "campaign_ref": str(item.get("mj_campaign_id") or ""),
                    "campaign_name": item.get("customcampaign") or str(item.get("mj_campaign_id") or ""),
                    "date": _from_timestamp(item.get("time")),
                    "reason": _("Unsubscribed in Mailjet"),
                }
            )
        return self._webhook_emailing(event, events)

    def _webhook_mailchimp(self, event, payload):
        kind = {"unsubscribe": "unsubscribe", "cleaned": "bounce"}.get(payload.get("type"), "ignore")
        if kind == "bounce" and payload.get("data[reason]") == "abuse":
            kind = "unsubscribe"
        fired = payload.get("fired_at")
        return self._webhook_emailing(
            event,
            [
                {
                    "kind": kind,
                    "email": payload.get("data[email]"),
                    "campaign_ref": payload.get("data[campaign_id]") or "",
                    "date": datetime.strptime(fired, "%Y-%m-%d %H:%M:%S") if fired else None,
                    "reason": _(
                        "Unsubscribed in Mailchimp (%(reason)s)", reason=payload.get("data[reason]") or "manual"
                    ),
                }
            ],
        )

    def action_open_emailing_lists(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_integrations.action_assoc_emailing_list")
        action["domain"] = [("connector_id", "=", self.id)]
        action["context"] = {"default_connector_id": self.id}
        return action
