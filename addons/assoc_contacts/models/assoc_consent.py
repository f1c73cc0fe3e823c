import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

CHANNELS = [("newsletter", "Newsletter"), ("email", "Email"), ("phone", "Phone"), ("post", "Post")]
EMAIL_CHANNELS = ("newsletter", "email")
DOUBLE_OPT_IN_DAYS = 30


class AssocConsentPurpose(models.Model):
    _name = "assoc.consent.purpose"
    _description = "Consent purpose"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable key used by forms and integrations.")
    description = fields.Text(translate=True, help="What the person agrees to, as shown to them.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "A consent purpose code must be unique.")]


class AssocConsent(models.Model):
    """One consent event of a contact for a purpose on a channel, with its proof. Events are
    never rewritten: the latest one per purpose and channel is the contact's current choice."""

    _name = "assoc.consent"
    _description = "Consent"
    _order = "date desc, id desc"
    _rec_name = "purpose_id"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True, index=True, ondelete="cascade")
    purpose_id = fields.Many2one(
        "assoc.consent.purpose", string="Purpose", index=True, ondelete="restrict",
        help="Empty: every purpose of the channel (for example a global unsubscribe).",
    )
    channel = fields.Selection(CHANNELS, required=True, default="email")
    state = fields.Selection(
        [("pending", "Awaiting confirmation"), ("granted", "Granted"), ("withdrawn", "Withdrawn")],
        required=True, default="granted", index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    source = fields.Selection(
        [
            ("manual", "Entered by hand"),
            ("web_form", "Web form"),
            ("import", "Import"),
            ("email_link", "Email link"),
            ("blacklist", "Email blacklist"),
            ("integration", "Integration"),
        ],
        required=True, default="manual",
    )
    proof_text = fields.Text(string="Text shown", help="The wording the person agreed to.")
    proof_form = fields.Char(string="Form", help="The form (name or address) where consent was collected.")
    proof_ip = fields.Char(string="IP address")
    email = fields.Char(help="The address the consent applies to, for email channels.")
    token = fields.Char(copy=False, index="btree_not_null", groups="base.group_system")
    token_expiry = fields.Datetime(copy=False, groups="base.group_system")
    user_id = fields.Many2one("res.users", string="Recorded by", default=lambda self: self.env.user)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("email") and vals.get("channel", "email") in EMAIL_CHANNELS and vals.get("partner_id"):
                vals["email"] = self.env["res.partner"].browse(vals["partner_id"]).email
        consents = super().create(vals_list)
        consents._sync_blacklist()
        return consents

    def write(self, vals):
        if set(vals) - {"state", "date", "proof_ip", "token", "token_expiry"} or (
            "state" in vals and any(consent.state != "pending" for consent in self)
        ):
            raise UserError(_("A consent is a proof and cannot be modified: record a new one instead."))
        result = super().write(vals)
        if "state" in vals:
            self._sync_blacklist()
        return result

    def _sync_blacklist(self):
        """Withdrawing an email channel blacklists the address; granting it lifts the blacklist."""
        if self.env.context.get("assoc_from_blacklist"):
            return
        Blacklist = self.env["mail.blacklist"].sudo().with_context(assoc_from_consent=True)
        sources = dict(self._fields["source"]._description_selection(self.env))
        for consent in self.filtered(lambda c: c.channel in EMAIL_CHANNELS and email_normalize(c.email or "")):
            origin = sources[consent.source]
            if consent.state == "withdrawn":
                Blacklist._add(consent.email, message=_("Consent withdrawn (%(origin)s).", origin=origin))
            elif consent.state == "granted":
                Blacklist._remove(consent.email, message=_("Consent granted (%(origin)s).", origin=origin))

    # ------------------------------------------------------------ double opt-in
    @api.model
    def request_double_opt_in(self, partner, purpose, channel="newsletter", proof_text=None, proof_form=None,
                              proof_ip=None):
        """Record a pending consent from a web form and email the confirmation link."""
        consent = self.sudo().create({
            "partner_id": partner.id, "purpose_id": purpose.id, "channel": channel, "state": "pending",
            "source": "web_form", "proof_text": proof_text, "proof_form": proof_form, "proof_ip": proof_ip,
            "token": secrets.token_urlsafe(32),
            "token_expiry": fields.Datetime.now() + timedelta(days=DOUBLE_OPT_IN_DAYS),
        })
        template = self.env.ref("assoc_contacts.mail_template_consent_double_opt_in")
        template.sudo().send_mail(consent.id, email_values={"email_to": partner.email})
        return consent

    def _confirmation_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/assoc/consent/confirm/{self.sudo().token}"

    @api.model
    def _confirm_token(self, token, ip_address=None):
        """Grant the pending consent of a confirmation link; False when unknown or expired."""
        consent = self.sudo().search(
            [("token", "=", token), ("state", "=", "pending"), ("token_expiry", ">=", fields.Datetime.now())],
            limit=1,
        ) if token else self.browse()
        if not consent:
            return False
        consent.write({"state": "granted", "date": fields.Datetime.now(), "proof_ip": ip_address or consent.proof_ip,
                       "token": False, "token_expiry": False})
        return consent
