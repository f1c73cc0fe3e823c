import logging
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_index

_logger = logging.getLogger(__name__)

# Contact fields a member may change from the member space (besides the custom fields the
# association marks as editable by members).
PORTAL_EDITABLE_FIELDS = [
    "title",
    "firstname",
    "lastname",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "country_id",
    "birthdate",
    "assoc_directory_optin",
]
CONSENT_CHANNELS = ("email", "post", "phone", "newsletter")
INVITATION_DELAY = timedelta(minutes=10)
# The contacts the member directory may list (_assoc_directory_domain without the member tag, which
# lives in another table): its partial indexes hold only them, so that the directory pages read
# the opted-in few of a 200,000-contact base, never the whole table. PostgreSQL uses them only if
# the domain's SQL implies this condition: keep both in step.
DIRECTORY_LISTED = "assoc_directory_optin AND active AND (is_company IS NULL OR is_company = FALSE)"


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_directory_optin = fields.Boolean(
        string="Listed in the member directory",
        copy=False,
        help="The member agreed to appear in the member directory of the member space, with the "
        "fields the association shows there.",
    )
    assoc_portal_invite_date = fields.Datetime(
        string="Member space requested on", copy=False, readonly=True, groups="base.group_system"
    )

    def init(self):
        super().init()
        # the directory's pages: its order, its count and its rows
        create_index(
            self.env.cr,
            "res_partner_assoc_directory_index",
            self._table,
            ["lastname", "firstname", "id"],
            where=DIRECTORY_LISTED,
        )
        # its A-Z index: one probe per initial
        create_index(
            self.env.cr,
            "res_partner_assoc_directory_initial_index",
            self._table,
            ["upper(left(lastname, 1))"],
            where=DIRECTORY_LISTED,
        )

    # ------------------------------------------------------------ directory
    @api.model
    def _assoc_directory_domain(self):
        """The members who agreed to be listed in the member directory (see DIRECTORY_LISTED)."""
        return [
            ("assoc_directory_optin", "=", True),
            ("active", "=", True),
            ("is_company", "=", False),
            ("category_id", "in", self.env.ref("assoc_contacts.tag_member").ids),
        ]

    @api.model
    def _assoc_directory_initials(self, domain, initials):
        """The `initials` (upper-case first letters) that start the last name of some contact
        of `domain`, in one query: an indexed probe per initial stops at its first contact,
        instead of reading the last name of every listed member."""
        self.env.cr.execute(self._assoc_directory_initials_query(domain, initials))
        return {char for (char,) in self.env.cr.fetchall()}

    @api.model
    def _assoc_directory_initials_query(self, domain, initials):
        # LIMIT 1 in a lateral subquery: with EXISTS, PostgreSQL may prefer to join every listed
        # contact (40 ms at 200,000 contacts once the table is vacuumed) to 41 probes (1 ms).
        first_contact = self._search(domain, limit=1)
        first_contact.add_where(SQL("upper(left(%s, 1)) = initial.char", SQL.identifier(self._table, "lastname")))
        return SQL(
            "SELECT initial.char FROM (VALUES %s) AS initial(char), LATERAL (%s) AS listed",
            SQL(", ").join(SQL("(%s)", char) for char in initials),
            first_contact.select(SQL("1")),
        )

    # ------------------------------------------------------------ access
    @api.model
    def _assoc_portal_invite_known_email(self, email):
        """An access request from /my/join: the invitation (or a password reset) goes to the
        known contact's own address, so only the owner of the address gets in. The caller
        tells the visitor nothing about whether the address was known."""
        partners = self.sudo().search([("email_normalized", "=", email)], order="id")
        users = partners.with_context(active_test=False).user_ids
        if len(users) > 1 or any(user._is_internal() or not user.active for user in users):
            return False  # staff log in as usual, a revoked access stays revoked, an ambiguous address gets nothing
        partner = users.partner_id[:1] or partners.filtered(lambda p: not p.is_company)[:1] or partners[:1]
        now = fields.Datetime.now()
        last_request = partner.assoc_portal_invite_date
        if not partner or (last_request and last_request > now - INVITATION_DELAY):
            return False
        partner.assoc_portal_invite_date = now
        try:
            with self.env.cr.savepoint():
                if users:
                    users.action_reset_password()
                else:
                    wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [Command.set(partner.ids)]})
                    wizard.user_ids.action_grant_access()
        except UserError as error:
            _logger.info("Member space request for partner %s not sent: %s", partner.id, error)
            return False
        return True

    # ------------------------------------------------------------ details
    @api.model
    def _assoc_portal_editable_fields(self):
        custom = (
            self.env["assoc.custom.field"]
            .sudo()
            .search([("portal_editable", "=", True), ("field_id", "!=", False), ("field_type", "!=", "many2one")])
        )
        return PORTAL_EDITABLE_FIELDS + [name for name in custom.mapped("name") if name in self._fields]

    def _assoc_portal_value_label(self, fname):
        value = self[fname]
        field = self._fields[fname]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "") if value else ""
        if field.type == "boolean":
            return _("Yes") if value else _("No")
        if field.type == "date":
            return value.strftime("%d/%m/%Y") if value else ""
        return "" if value is False else str(value)

    def _assoc_portal_update(self, values, consents=None, ip_address=None):
        """Apply what the member changed in the member space and log it on their timeline.
        `values` holds only editable fields (checked here again), `consents` maps
        (purpose id, channel) to True/False. Returns the logged interaction, if any."""
        self.ensure_one()
        editable = set(self._assoc_portal_editable_fields())
        values = {key: value for key, value in values.items() if key in editable}
        return self._assoc_portal_write_and_log(values, consents, ip_address)

    def _assoc_portal_write_and_log(self, values, consents=None, ip_address=None):
        self.ensure_one()
        partner = self.sudo()
        before = {fname: partner._assoc_portal_value_label(fname) for fname in values}
        if values:
            partner.write(values)
        lines = [
            (partner._fields[fname]._description_string(self.env), before[fname], label)
            for fname in values
            if (label := partner._assoc_portal_value_label(fname)) != before[fname]
        ]
        lines += partner._assoc_portal_set_consents(consents or {}, ip_address)
        if not lines:
            return self.env["assoc.interaction"]
        note = Markup("<ul>%s</ul>") % Markup().join(
            Markup("<li>%s : %s → %s</li>") % (escape(name), escape(old or "—"), escape(new or "—"))
            for name, old, new in lines
        )
        return self.env["assoc.interaction"].log_events(
            [
                {
                    "partner_id": self.id,
                    "type_code": "portal_update",
                    "note": note,
                    "name": _("Details updated from the member space (%(count)s change(s))", count=len(lines)),
                }
            ]
        )

    # ------------------------------------------------------------ consents
    def _assoc_consent_states(self, purposes=None):
        """{(purpose id, channel): granted?} from the latest consent events (a consent without
        purpose, such as a global unsubscribe, applies to every purpose of its channel)."""
        self.ensure_one()
        purposes = purposes if purposes is not None else self.env["assoc.consent.purpose"].sudo().search([])
        events = (
            self.env["assoc.consent"]
            .sudo()
            .search([("partner_id", "=", self.id), ("state", "!=", "pending")], order="date asc, id asc")
        )
        states = {}
        for event in events:
            targets = event.purpose_id or purposes
            for purpose in targets:
                states[(purpose.id, event.channel)] = event.state == "granted"
        return states

    def _assoc_portal_set_consents(self, wanted, ip_address=None):
        """Record a consent event for each (purpose, channel) whose choice changed; return the
        changes as (label, before, after) lines."""
        current = self._assoc_consent_states()
        purposes = self.env["assoc.consent.purpose"].sudo().browse({purpose_id for purpose_id, _c in wanted}).exists()
        channel_labels = dict(self.env["assoc.consent"]._fields["channel"]._description_selection(self.env))
        vals_list, lines = [], []
        for purpose in purposes:
            for channel in CONSENT_CHANNELS:
                granted, was = wanted.get((purpose.id, channel)), current.get((purpose.id, channel))
                if granted is None or granted == bool(was):
                    continue
                vals_list.append(
                    {
                        "partner_id": self.id,
                        "purpose_id": purpose.id,
                        "channel": channel,
                        "state": "granted" if granted else "withdrawn",
                        "source": "web_form",
                        "proof_form": _("Member space"),
                        "proof_ip": ip_address,
                        "proof_text": purpose.description or purpose.name,
                    }
                )
                lines.append(
                    (
                        f"{purpose.name} ({channel_labels[channel]})",
                        "" if was is None else _("Granted") if was else _("Withdrawn"),
                        _("Granted") if granted else _("Withdrawn"),
                    )
                )
        if vals_list:
            self.env["assoc.consent"].sudo().create(vals_list)
        return lines
