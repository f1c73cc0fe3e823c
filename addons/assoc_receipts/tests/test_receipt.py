import hashlib

from odoo import fields
from odoo.exceptions import UserError


class ReceiptTests:
    """Receipts: numbering, immutability, cancellation, correction, annual campaign, email."""

    def _year_prefix(self):
        return f"RF-{fields.Date.context_today(self.env['assoc.tax.receipt']).year}-"

    def test_per_gift_receipt_at_validation(self):
        donation = self.make_donation(self.marie, 150.0)
        receipt = donation.receipt_id
        self.assertEqual(receipt.state, "issued")
        self.assertRegex(receipt.name, rf"^{self._year_prefix()}\d{{6}}$")
        self.assertEqual((receipt.kind, receipt.mode, receipt.amount), ("individual", "gift", 150.0))
        self.assertEqual(receipt.donor_lastname, "Dupont")
        self.assertEqual(receipt.expected_reduction, 99.0)
        pdf = receipt.attachment_id.raw
        self.assertEqual(receipt.pdf_sha256, hashlib.sha256(pdf).hexdigest())
        report = self.env["ir.actions.report"]._render_qweb_pdf("assoc_receipts.report_tax_receipt", receipt.ids)[0]
        self.assertEqual(report, pdf, "printing again returns the stored bytes")
        self.assertIn(
            f"Tax receipt {receipt.name} issued",
            self.env["assoc.interaction"].search([("res_id", "=", receipt.id), ("res_model", "=", receipt._name)]).name,
        )

    def test_numbers_follow_each_other_without_gap(self):
        receipts = (
            self.make_donation(self.marie, 10.0)
            | self.make_donation(self.jean, 20.0)
            | self.make_donation(self.chantiers, 30.0, method="transfer")
        ).receipt_id
        numbers = sorted(int(name.rsplit("-", 1)[1]) for name in receipts.mapped("name"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))
        self.assertEqual(receipts.filtered(lambda r: r.partner_id == self.chantiers).kind, "company")

    def test_receipt_asked_twice_is_refused(self):
        donation = self.make_donation(self.marie, 50.0)
        with self.assertRaisesRegex(UserError, f"already issued for gift {donation.name}"):
            donation.action_issue_receipt()

    def test_issued_receipt_cannot_be_edited_or_deleted(self):
        receipt = self.make_donation(self.marie, 50.0).receipt_id
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            receipt.amount = 5.0
        with self.assertRaisesRegex(UserError, "never deleted"):
            receipt.unlink()

    def test_incomplete_donor_is_reported_and_gets_nothing(self):
        donation = self.make_donation(self.incomplete, 75.0, validate=False)
        action = donation.action_validate()
        self.assertEqual(donation.state, "validated")
        self.assertFalse(donation.receipt_id)
        self.assertIn("Paul Sansadresse: street, postal code, city, country", action["params"]["message"])
        with self.assertRaisesRegex(UserError, "complete these donors"):
            donation.action_issue_receipt()
        self.assertFalse(self.env["assoc.tax.receipt"].search([("partner_id", "=", self.incomplete.id)]))

    def test_cancel_keeps_number_and_correction_refers_to_it(self):
        receipt = self.make_donation(self.jean, 60.0).receipt_id
        number = receipt.name
        self.jean.street = "5 cours Napoléon"
        wizard = self.env["assoc.tax.receipt.cancel"].create(
            {"receipt_ids": receipt.ids, "reason": "Adresse erronée", "reissue": True}
        )
        wizard.action_confirm()
        self.assertEqual((receipt.state, receipt.name, receipt.cancel_reason), ("cancelled", number, "Adresse erronée"))
        replacement = receipt.replacement_ids
        self.assertEqual(len(replacement), 1)
        self.assertNotEqual(replacement.name, number)
        self.assertEqual(replacement.replaced_receipt_id, receipt)
        self.assertEqual(replacement.donor_street, "5 cours Napoléon")
        self.assertEqual(replacement.donation_ids.receipt_id, replacement)

    def test_cancelled_gift_cancels_its_receipt(self):
        donation = self.make_donation(self.marie, 90.0)
        receipt = donation.receipt_id
        self.env["assoc.donation.cancel"].create(
            {"donation_ids": donation.ids, "reason": "Chèque impayé"}
        ).action_confirm()
        self.assertEqual(receipt.state, "cancelled")
        self.assertIn("Chèque impayé", receipt.cancel_reason)
        self.assertFalse(receipt.replacement_ids)

    def test_annual_summary_across_year_boundary(self):
        self.company.assoc_receipt_mode = "annual"
        december = self.make_donation(self.marie, 100.0, date="2024-12-30")
        january = self.make_donation(self.marie, 40.0, date="2025-01-02", method="transfer")
        june = self.make_donation(self.marie, 60.0, date="2025-06-15", method="card")
        company_gift = self.make_donation(self.chantiers, 1500.0, date="2025-09-01", method="transfer")
        self.make_donation(self.incomplete, 20.0, date="2025-03-01")
        self.assertFalse((december | january | june).receipt_id, "annual mode: nothing at validation")
        run = self.env["assoc.receipt.run"].create({"year": 2025, "company_id": self.company.id})
        run.action_check()
        self.assertEqual(run.donor_count, 3)
        self.assertEqual(run.missing_ids.partner_id, self.incomplete)
        run.action_start()
        run._issue_batch(batch_size=1)
        self.assertEqual((run.state, run.receipt_count), ("running", 1))
        run._issue_batch(batch_size=1)
        self.assertEqual((run.state, run.receipt_count), ("done", 2))
        summary = january.receipt_id
        self.assertEqual(summary, june.receipt_id)
        self.assertEqual((summary.mode, summary.year, summary.amount), ("annual", 2025, 100.0))
        self.assertEqual((str(summary.date_from), str(summary.date_to)), ("2025-01-02", "2025-06-15"))
        self.assertFalse(december.receipt_id, "a 2024 gift never goes on the 2025 summary")
        self.assertEqual(company_gift.receipt_id.kind, "company")
        run_2024 = self.env["assoc.receipt.run"].create({"year": 2024, "company_id": self.company.id})
        run_2024.action_check()
        run_2024.action_start()
        run_2024._issue_batch(batch_size=10)
        self.assertEqual(december.receipt_id.year, 2024)
        self.assertEqual(december.receipt_id.amount, 100.0)

    def test_email_with_the_stored_pdf(self):
        receipt = self.make_donation(self.chantiers, 500.0, method="transfer").receipt_id
        receipt.action_send_email()
        mail = self.env["mail.mail"].search([("model", "=", receipt._name), ("res_id", "=", receipt.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.chantiers)
        self.assertEqual(mail.attachment_ids.raw, receipt.attachment_id.raw)
        self.assertEqual(mail.attachment_ids.name, f"{receipt.name}.pdf")
        self.assertIn("60 %", mail.body_html)
        self.assertTrue(receipt.sent_date)

    def test_automatic_email_at_issue(self):
        self.company.assoc_receipt_send = "auto"
        receipt = self.make_donation(self.marie, 30.0).receipt_id
        mail = self.env["mail.mail"].search([("model", "=", receipt._name), ("res_id", "=", receipt.id)])
        self.assertEqual(mail.attachment_ids, receipt.attachment_id)
        self.assertIn("66 %", mail.body_html)
        self.assertIn("19.80", mail.body_html)

    def _mails_of(self, receipt):
        return self.env["mail.mail"].search([("model", "=", receipt._name), ("res_id", "=", receipt.id)])

    def test_cancellation_notice_with_the_replacing_receipt(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search([("name", "=", "assoc_receipts")])._update_translations(["fr_FR"])
        self.jean.lang = "fr_FR"
        receipt = self.make_donation(self.jean, 60.0).receipt_id
        receipt.action_send_email()
        self.jean.street = "5 cours Napoléon"
        replacement = receipt.action_cancel("Adresse erronée", reissue=True)
        notice = self._mails_of(receipt) - self._mails_of(receipt).filtered(
            lambda m: m.attachment_ids == receipt.attachment_id
        )
        self.assertEqual(len(notice), 1, "one cancellation notice, besides the first email")
        self.assertEqual(notice.recipient_ids, self.jean)
        self.assertEqual(notice.state, "outgoing", "queued, not sent in the transaction")
        self.assertIn(f"votre reçu fiscal {receipt.name} est annulé", notice.subject)
        self.assertIn(f"Votre reçu fiscal <strong>{receipt.name}</strong>", notice.body_html)
        self.assertIn("Adresse erronée", notice.body_html)
        self.assertRegex(notice.body_html, rf"Il est remplacé par le reçu fiscal\s+<strong>{replacement.name}</strong>")
        self.assertEqual(notice.attachment_ids, replacement.attachment_id, "the corrected receipt goes with it")
        self.assertTrue(replacement.sent_date)
        self.assertFalse(self._mails_of(replacement), "the corrected receipt is not mailed a second time")

    def test_cancellation_notice_without_replacement(self):
        self.company.assoc_receipt_send = "auto"
        receipt = self.make_donation(self.marie, 45.0).receipt_id
        receipt.action_cancel("Don enregistré deux fois")
        notice = self._mails_of(receipt).filtered(lambda m: "cancelled" in m.subject)
        self.assertEqual(len(notice), 1)
        self.assertIn(f"Your tax receipt <strong>{receipt.name}</strong>", notice.body_html)
        self.assertIn("Reason: Don enregistré deux fois", notice.body_html)
        self.assertIn("Please do not use the cancelled receipt", notice.body_html)
        self.assertFalse(notice.attachment_ids)

    def test_no_notice_for_a_receipt_never_emailed(self):
        receipt = self.make_donation(self.marie, 25.0).receipt_id
        receipt.action_cancel("Erreur de saisie")
        self.assertFalse(self._mails_of(receipt), "manual sending, never sent: the donor never had it")
