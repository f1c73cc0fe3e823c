import io
from datetime import date, timedelta

from pdfminer.high_level import extract_text

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import AssocMembershipCase, complete_association


def pdf_text(content):
    return extract_text(io.BytesIO(content))


@tagged("post_install", "-at_install")
class TestMembershipDocuments(AssocMembershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        complete_association(cls.env.company)
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.membership = cls.env["assoc.membership"].create(
            {
                "partner_id": cls.marie.id,
                "type_id": cls.types["calendar"].id,
                "date": today,
                "state": "confirmed",
                "amount": 30,
                "payment_method": "cheque",
            }
        )
        cls.year = today.year

    def report(self, xmlid, records):
        return self.env["ir.actions.report"]._render_qweb_pdf(f"assoc_membership.{xmlid}", records.ids)[0]

    def test_card_shows_number_validity_and_is_stored_once(self):
        content = self.report("report_membership_card", self.membership)
        text = pdf_text(content)
        self.assertIn(self.marie.assoc_member_number, text)
        self.assertIn(f"01/01/{self.year}", text)
        self.assertIn(f"31/12/{self.year}", text)
        self.assertIn("Marie Dupont", text)
        self.assertIn("Les Amis du Littoral", text)
        attachment = self.membership.card_attachment_id
        self.assertEqual(attachment.raw, content)
        self.assertEqual(self.report("report_membership_card", self.membership), content)
        self.assertEqual(self.membership.card_attachment_id, attachment)

    def test_attestation_shows_number_and_validity(self):
        content = self.report("report_membership_attestation", self.membership)
        text = " ".join(pdf_text(content).split())
        self.assertIn(self.marie.assoc_member_number, text)
        self.assertIn(f"from 01/01/{self.year} to 31/12/{self.year}", text)
        self.assertIn("by cheque", text)
        self.assertIn("W442012345", text)
        self.assertEqual(self.membership.attestation_attachment_id.raw, content)

    def test_attestation_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search([("name", "=", "assoc_membership")])._update_translations(["fr_FR"])
        self.marie.lang = "fr_FR"
        text = " ".join(pdf_text(self.report("report_membership_attestation", self.membership)).split())
        self.assertIn("Attestation d'adhésion", text)
        self.assertIn(f"du 01/01/{self.year} au 31/12/{self.year}", text)

    def test_sheets_for_a_selection_of_contacts(self):
        people = self.env["res.partner"].create([{"name": f"Adhérent {index}"} for index in range(11)])
        self.env["assoc.membership"].create(
            [
                {
                    "partner_id": person.id,
                    "type_id": self.types["rolling"].id,
                    "state": "confirmed",
                }
                for person in people
            ]
        )
        content = self.report("report_partner_membership_card_sheet", people)
        text = pdf_text(content)
        self.assertEqual(text.count("\x0c"), 2)  # 11 cards: two A4 pages
        for person in people:
            self.assertIn(person.assoc_member_number, text)

    def test_card_for_a_contact_without_valid_membership_is_refused(self):
        with self.assert_refused(UserError, "Jean Lefèvre"):
            self.report("report_partner_membership_card", self.marie | self.jean)
        old = self.env["assoc.membership"].create(
            {
                "partner_id": self.jean.id,
                "type_id": self.types["calendar"].id,
                "date": date(2020, 4, 1),
                "state": "confirmed",
            }
        )
        with self.assert_refused(UserError, "no valid membership"):
            self.report("report_membership_card", old)
        self.assertFalse(old.card_attachment_id)

    def test_family_member_card_bears_their_own_name_and_number(self):
        self.env["assoc.membership"].create(
            {
                "partner_id": self.sophie.id,
                "type_id": self.types["family"].id,
                "date": fields.Date.today() - timedelta(days=1),
                "state": "confirmed",
            }
        )
        text = pdf_text(self.report("report_partner_membership_card", self.lucas))
        self.assertIn("Lucas Martin", text)
        self.assertIn(self.lucas.assoc_member_number, text)

    def test_send_card_by_email_logs_an_interaction(self):
        self.membership.action_send_card()
        message = self.membership.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(self.marie, message.partner_ids)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertIn(self.marie.assoc_member_number, pdf_text(message.attachment_ids.raw))
        self.assertTrue(self.marie.assoc_interaction_ids.filtered(lambda i: i.type_id.code == "membership_card"))

    def test_send_attestation_by_email_logs_an_interaction(self):
        self.membership.action_send_attestation()
        template = self.env.ref("assoc_membership.mail_template_membership_attestation")
        message = self.membership.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(self.marie, message.partner_ids)
        self.assertIn("membership attestation", message.subject)
        self.assertEqual(message.subject, template._render_field("subject", self.membership.ids)[self.membership.id])
        text = " ".join(pdf_text(message.attachment_ids.raw).split())
        self.assertIn(self.marie.assoc_member_number, text)
        self.assertIn(f"from 01/01/{self.year} to 31/12/{self.year}", text)
        self.assertEqual(message.attachment_ids.raw, self.membership.attestation_attachment_id.raw)
        self.assertTrue(self.marie.assoc_interaction_ids.filtered(lambda i: i.type_id.code == "membership_attestation"))

    def send_from_list(self, memberships, server_action):
        """What the list's action menu does: the server action opens the composer in mass mode."""
        self.env["ir.config_parameter"].set_param("mail.mail.force.send.limit", 0)  # keep the emails queued
        action = (
            self.env.ref(f"assoc_membership.{server_action}")
            .with_context(active_model="assoc.membership", active_ids=memberships.ids)
            .run()
        )
        composer = Form(self.env[action["res_model"]].with_context(action["context"])).save()
        self.assertEqual(composer.composition_mode, "mass_mail")
        composer.action_send_mail()
        return self.env["mail.mail"].search([("model", "=", "assoc.membership"), ("res_id", "in", memberships.ids)])

    def test_send_cards_to_a_selection_from_the_list(self):
        jean_membership = self.record(self.jean, "calendar", fields.Date.today(), amount=30)
        memberships = self.membership | jean_membership
        mails = self.send_from_list(memberships, "action_assoc_membership_send_card")
        self.assertEqual(len(mails), 2)
        for membership in memberships:
            mail = mails.filtered(lambda m, membership=membership: m.res_id == membership.id)
            self.assertEqual(mail.recipient_ids, membership.partner_id)
            self.assertEqual(len(mail.attachment_ids), 1)
            text = pdf_text(mail.attachment_ids.raw)
            self.assertIn(membership.partner_id.assoc_member_number, text)
            self.assertIn(membership.partner_id.name, text)
            self.assertEqual(mail.attachment_ids.raw, membership.card_attachment_id.raw)
            logged = membership.partner_id.assoc_interaction_ids.filtered(lambda i: i.type_id.code == "membership_card")
            self.assertEqual([(i.res_model, i.res_id) for i in logged], [("assoc.membership", membership.id)])

    def test_send_attestations_to_a_selection_from_the_list(self):
        jean_membership = self.record(self.jean, "rolling", fields.Date.today(), amount=20)
        mails = self.send_from_list(self.membership | jean_membership, "action_assoc_membership_send_attestation")
        self.assertEqual(mails.mapped("recipient_ids"), self.marie | self.jean)
        jean_mail = mails.filtered(lambda m: m.res_id == jean_membership.id)
        self.assertIn(self.jean.assoc_member_number, " ".join(pdf_text(jean_mail.attachment_ids.raw).split()))
        self.assertTrue(self.jean.assoc_interaction_ids.filtered(lambda i: i.type_id.code == "membership_attestation"))

    def test_mass_sending_is_refused_without_email_or_valid_membership(self):
        self.jean.email = False
        jean_membership = self.record(self.jean, "calendar", fields.Date.today())
        action = self.env.ref("assoc_membership.action_assoc_membership_send_card")
        with self.assert_refused(UserError, "Jean Lefèvre"):
            action.with_context(
                active_model="assoc.membership", active_ids=(self.membership | jean_membership).ids
            ).run()
