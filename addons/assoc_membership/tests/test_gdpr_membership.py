import base64
import csv
import io
import json
import zipfile

from odoo import fields
from odoo.tests import tagged

from .common import AssocMembershipAccountingCase, complete_association


@tagged("post_install", "-at_install")
class TestGdprMembership(AssocMembershipAccountingCase):
    """The right of access covers memberships, their payments, the member status and the documents
    issued (attestations); the erasure anonymizes the member and keeps the dues and their entries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        complete_association(cls.env.company)
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.previous = cls.env["assoc.membership"].create(
            {
                "partner_id": cls.marie.id,
                "type_id": cls.types["calendar"].id,
                "state": "confirmed",
                "date": today.replace(year=today.year - 1, month=2, day=1),
                "amount": 30.0,
                "payment_method": "cash",
            }
        )  # recorded as history: no payment
        cls.current = cls.env["assoc.membership"].create(
            {
                "partner_id": cls.marie.id,
                "type_id": cls.types["calendar"].id,
                "date": today,
                "payment_method": "transfer",
            }
        )
        cls.current.action_confirm()
        cls.env["res.partner"]._assoc_update_membership_status(cls.marie.ids)
        cls.attestation = cls.env["ir.actions.report"]._render_qweb_pdf(
            "assoc_membership.report_membership_attestation", cls.current.ids
        )[0]

    def test_access_export_holds_memberships_status_and_attestation(self):
        action = self.marie.action_assoc_gdpr_export()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[-1].split("?")[0]))
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas)))
        data = json.loads(archive.read("data.json"))
        self.assertEqual(
            sorted(row["Valid from"] for row in data["assoc_membership"]),
            sorted(str(day) for day in (self.previous | self.current).mapped("date_start")),
        )
        self.assertEqual([row["Amount"] for row in data["account_payment"]], [30.0])
        self.assertEqual(data["account_payment"][0]["Number"], self.current.payment_id.name)
        self.assertEqual({row["Membership type"] for row in data["assoc_membership"]}, {"Adhésion annuelle"})
        self.assertEqual([row["State"] for row in data["assoc_membership_status"]], ["member"])
        rows = list(
            csv.DictReader(io.StringIO(archive.read("assoc_membership.csv").decode("utf-8-sig")), delimiter=";")
        )
        self.assertEqual([float(row["Amount"]) for row in rows], [30.0, 30.0])
        document = self.current.attestation_attachment_id
        self.assertEqual(archive.read(f"documents/{document.id}-{document.name}"), self.attestation)
        self.assertNotIn("Jean Lefèvre", json.dumps(data, ensure_ascii=False))

    def test_erasure_keeps_dues_records(self):
        move = self.current.payment_id.move_id
        entries_before = [(line.account_id.code, line.debit, line.credit) for line in move.line_ids]
        self.marie.action_assoc_gdpr_erase()
        self.assertTrue(self.marie.assoc_erased)
        self.assertFalse(self.marie.email)
        self.assertEqual((self.previous | self.current).mapped("state"), ["confirmed", "confirmed"])
        self.assertEqual(move.state, "posted")
        self.assertEqual([(line.account_id.code, line.debit, line.credit) for line in move.line_ids], entries_before)
        self.assertEqual(move.line_ids.partner_id, self.marie)
        self.assertEqual((self.previous | self.current).partner_id, self.marie)
        log = self.env["assoc.gdpr.log"].search([("partner_id", "=", self.marie.id), ("kind", "=", "erasure")])
        self.assertIn(f"{self.env['ir.model']._get('assoc.membership').name} × 2", log.note)
        self.assertIn(f"{self.env['ir.model']._get('account.payment').name} × 1", log.note)
