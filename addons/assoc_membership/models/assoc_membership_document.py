import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date
from odoo.tools.pdf import merge_pdf

from ..report.membership_attestation import render_attestations
from ..report.membership_card import render_cards

DOCUMENT_TEMPLATES = {
    "card": "assoc_membership.mail_template_membership_card",
    "attestation": "assoc_membership.mail_template_membership_attestation",
}


class AssocMembership(models.Model):
    """Attestations and cards: drawn with reportlab from plain dicts, stored when issued."""

    _inherit = "assoc.membership"

    card_attachment_id = fields.Many2one("ir.attachment", string="Issued card", readonly=True, copy=False)
    attestation_attachment_id = fields.Many2one("ir.attachment", string="Issued attestation", readonly=True, copy=False)

    def _verify_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/assoc/membership/verify/{self.sudo().verify_token}"

    def _check_documents_allowed(self, card=False):
        today = fields.Date.context_today(self)
        for membership in self:
            if membership.state != "confirmed":
                raise UserError(
                    _(
                        "The membership %s is not confirmed: no card or attestation can be issued.",
                        membership.display_name,
                    )
                )
            if card and membership.date_grace_end < today:
                raise UserError(
                    _(
                        "%(member)s has no valid membership: the membership %(membership)s expired on %(end)s.",
                        member=membership.partner_id.display_name,
                        membership=membership.display_name,
                        end=membership._format_date(membership.date_end),
                    )
                )

    def _document_env(self):
        return self.with_context(lang=self.partner_id.lang or self.env.lang)

    def _card_values(self, person=None):
        self.ensure_one()
        record = self._document_env()
        person = person or self.partner_id
        return {
            "association": self.company_id.name,
            "title": record.env._("Membership card"),
            "member_name": person.name,
            "number_label": record.env._("Member no."),
            "member_number": person.assoc_member_number or "",
            "type_name": self.type_id.with_context(lang=record.env.lang).name,
            "validity": record.env._(
                "Valid from %(start)s to %(end)s",
                start=self._format_date(self.date_start),
                end=self._format_date(self.date_end),
            ),
            "qr_url": self._verify_url(),
        }

    def _attestation_values(self):
        self.ensure_one()
        env = self._document_env().env
        company, partner = self.company_id, self.partner_id
        address = ", ".join(
            filter(None, [partner.street, partner.street2, " ".join(filter(None, [partner.zip, partner.city]))])
        )
        paid = env._(
            "Dues of %(amount)s paid on %(date)s%(method)s.",
            amount=self._format_amount(self.amount, env),
            date=self._format_date(self.date),
            method=self._payment_label(env),
        )
        paragraphs = [
            env._(
                "The association %(association)s certifies that %(member)s%(address)s is a member of the "
                "association under the member number %(number)s, with the membership “%(type)s” valid "
                "from %(start)s to %(end)s.",
                association=company.name,
                member=partner.name,
                address=env._(", living at %s,", address) if address else "",
                number=partner.assoc_member_number or "",
                type=self.type_id.with_context(lang=env.lang).name,
                start=self._format_date(self.date_start),
                end=self._format_date(self.date_end),
            ),
            paid if self.amount else env._("Free membership."),
        ]
        covered = self.member_ids - partner
        if covered:
            paragraphs.append(env._("This family membership also covers: %s.", ", ".join(covered.mapped("name"))))
        return {
            "association": company.name,
            "association_lines": [
                line
                for line in [
                    company.street,
                    " ".join(filter(None, [company.zip, company.city])),
                    company.company_registry and env._("Registration number: %s", company.company_registry),
                ]
                if line
            ],
            "title": env._("Membership attestation"),
            "paragraphs": paragraphs,
            "place_date": env._(
                "Issued in %(city)s on %(date)s",
                city=company.city or "",
                date=format_date(env, fields.Date.context_today(self), date_format="dd/MM/yyyy"),
            ),
            "signatory": env._("For the board"),
            "qr_url": self._verify_url(),
            "qr_caption": env._("Check this membership: %s", self._verify_url()),
        }

    def _payment_label(self, env):
        return {
            "cheque": env._(" by cheque"),
            "cash": env._(" in cash"),
            "transfer": env._(" by bank transfer"),
            "card": env._(" by card"),
            "direct_debit": env._(" by direct debit"),
            "helloasso": env._(" through HelloAsso"),
        }.get(self.payment_method, "")

    def _document_filename(self, kind):
        env = self._document_env().env
        label = env._("Membership card") if kind == "card" else env._("Membership attestation")
        return f"{label} {self.partner_id.assoc_member_number or self.partner_id.name}"

    def _issue(self, kind):
        """The stored PDF of this membership's card or attestation, rendered at first issue."""
        self.ensure_one()
        field = f"{kind}_attachment_id"
        if not self[field]:
            logo = base64.b64decode(self.company_id.logo) if self.company_id.logo else None
            if kind == "card":
                content = render_cards([self._card_values()], logo=logo)
            else:
                content = render_attestations([self._attestation_values()], logo=logo)
            self.sudo()[field] = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": f"{self._document_filename(kind)}.pdf",
                        "raw": content,
                        "res_model": self._name,
                        "res_id": self.id,
                        "mimetype": "application/pdf",
                    }
                )
            )
        return self.sudo()[field].raw

    def _render_cards(self, layout="single", people=None):
        """Cards of a selection in one PDF; a single card is the stored, issued one."""
        self._check_documents_allowed(card=True)
        if len(self) == 1 and not people:
            return (
                self._issue("card")
                if layout == "single"
                else render_cards([self._card_values()], layout, self._company_logo())
            )
        people = people or [membership.partner_id for membership in self]
        values = [membership._card_values(person) for membership, person in zip(self, people, strict=True)]
        return render_cards(values, layout, self._company_logo())

    def _render_attestations(self):
        self._check_documents_allowed()
        issued = [membership._issue("attestation") for membership in self]
        return issued[0] if len(issued) == 1 else merge_pdf(issued)

    def _company_logo(self):
        company = self.company_id[:1] or self.env.company
        return base64.b64decode(company.logo) if company.logo else None

    # ----------------------------------------------------------------- sending
    def action_send_card(self):
        self._send_document("card")
        return True

    def action_send_attestation(self):
        self._send_document("attestation")
        return True

    def action_open_document_composer(self):
        """The mail composer in mass mode on the selected memberships, with the card or attestation
        template (context key `assoc_document`): one email per member, each with its own PDF."""
        kind = self.env.context.get("assoc_document", "card")
        self._check_sendable(kind)
        return {
            "type": "ir.actions.act_window",
            "name": _("Send membership cards") if kind == "card" else _("Send membership attestations"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_composition_mode": "mass_mail",
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": self.env.ref(DOCUMENT_TEMPLATES[kind]).id,
            },
        }

    def _send_document(self, kind):
        """Post the document's email with its PDF on each membership (the composer logs the sending)."""
        self._check_sendable(kind)
        self.env["mail.compose.message"].create(
            {
                "composition_mode": "comment",
                "model": self._name,
                "res_ids": self.ids,
                "template_id": self.env.ref(DOCUMENT_TEMPLATES[kind]).id,
                "message_type": "comment",
                "subtype_id": self.env.ref("mail.mt_comment").id,
            }
        )._action_send_mail()

    def _check_sendable(self, kind):
        self._check_documents_allowed(card=kind == "card")
        without_email = self.filtered(lambda m: not m.partner_id.email)
        if without_email:
            raise UserError(
                _("These members have no email address: %s", ", ".join(without_email.mapped("partner_id.display_name")))
            )

    @api.model
    def _document_kind_of(self, template):
        """'card' or 'attestation' when `template` is the template that sends that document."""
        return next(
            (
                kind
                for kind, xmlid in DOCUMENT_TEMPLATES.items()
                if template == self.env.ref(xmlid, raise_if_not_found=False)
            ),
            None,
        )

    def _log_document_sent(self, kind):
        if kind == "card":
            self._log_interactions("membership_card", _("Membership card sent: %s"))
        else:
            self._log_interactions("membership_attestation", _("Membership attestation sent: %s"))

    def _assoc_membership_documents(self):
        """(memberships, people) printed by the card and attestation reports."""
        return self, None
