import hashlib
import io

from markupsafe import escape
from pdfminer.high_level import extract_text

from odoo import Command
from odoo.tests import HttpCase, JsonRpcException, tagged

from odoo.addons.assoc_contacts.tests.test_portal_performance import ROW_NOISE, PortalQueryCountMixin

from .common import AssocReceiptsCase


@tagged("post_install", "-at_install")
class TestReceiptsPortal(PortalQueryCountMixin, AssocReceiptsCase, HttpCase):
    """“Payments and receipts”: a donor's gifts, payments and stored receipts, nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marie_gift = cls.make_donation(
            cls.marie, 150.0, date="2025-03-14", method="cheque", campaign_id=cls.campaign.id
        )
        cls.marie_second = cls.make_donation(cls.marie, 40.0, date="2025-06-02", method="transfer")
        cls.jean_gift = cls.make_donation(cls.jean, 500.0, date="2025-04-20", method="transfer")
        group_portal = cls.env.ref("base.group_portal")
        for partner in (cls.marie, cls.jean):
            cls.env["res.users"].with_context(no_reset_password=True).create(
                {
                    "login": partner.email,
                    "password": partner.email,
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "company_ids": [Command.set(cls.company.ids)],
                    "groups_id": [Command.set(group_portal.ids)],
                }
            )
        cls.marie_receipt = cls.marie_gift.receipt_id
        cls.jean_receipt = cls.jean_gift.receipt_id

    def login(self, partner):
        self.authenticate(partner.email, partner.email)

    def call_kw(self, model, method, *args):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
        )

    def test_donor_sees_own_gifts_payments_and_receipts(self):
        self.assertTrue(self.marie_receipt and self.jean_receipt, "per-gift receipts are issued at validation")
        self.login(self.marie)
        page = self.url_open("/my/payments").text
        self.assertEqual(page.count("o_assoc_donation_row"), 2)
        self.assertEqual(page.count("o_assoc_receipt_row"), 2)
        self.assertEqual(page.count("o_assoc_payment_row"), 2, "both gifts were paid")
        self.assertIn(self.marie_receipt.name, page)
        self.assertIn(str(escape(self.campaign.name)), page)
        self.assertNotIn(self.jean_receipt.name, page)
        self.assertNotIn("500,00", page)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["assoc_payment_count"]})
        self.assertEqual(counters["assoc_payment_count"], 6)

    def test_receipt_download_is_the_stored_pdf(self):
        self.login(self.marie)
        response = self.url_open(f"/my/payments/receipt/{self.marie_receipt.id}")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.content, self.marie_receipt.attachment_id.raw)
        self.assertEqual(hashlib.sha256(response.content).hexdigest(), self.marie_receipt.pdf_sha256)
        text = extract_text(io.BytesIO(response.content))
        self.assertIn(self.marie_receipt.name, text)
        self.assertIn("Dupont", text)

    def test_cancelled_receipt_is_listed_but_not_served(self):
        self.marie_second.receipt_id.action_cancel("Chèque sans provision")
        self.login(self.marie)
        page = self.url_open("/my/payments").text
        self.assertIn(self.marie_second.receipt_ids[:1].name, page)
        self.assertEqual(self.url_open(f"/my/payments/receipt/{self.marie_second.receipt_ids[:1].id}").status_code, 404)

    def test_other_donors_receipts_and_payments_are_out_of_reach(self):
        self.login(self.marie)
        self.assertEqual(self.url_open(f"/my/payments/receipt/{self.jean_receipt.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/payments/receipt/987654").status_code, 404)
        attachment = self.jean_receipt.attachment_id
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        for model, ids in (
            ("assoc.tax.receipt", self.jean_receipt.ids),
            ("assoc.donation", self.jean_gift.ids),
            ("account.payment", self.jean_gift.payment_id.ids),
            ("ir.attachment", attachment.ids),
        ):
            with self.assertRaises(JsonRpcException, msg=model):
                self.call_kw(model, "read", ids, ["display_name"])
        rows = self.call_kw("assoc.tax.receipt", "search_read", [], ["name"])
        own = self.marie_gift.receipt_ids | self.marie_second.receipt_ids
        self.assertEqual({row["id"] for row in rows}, set(own.ids))
        with self.assertRaises(JsonRpcException):
            self.call_kw("account.payment", "search_read", [], ["amount"])

    def test_page_can_be_switched_off(self):
        self.company.assoc_portal_payments = False
        self.login(self.marie)
        self.assertTrue(self.url_open("/my/payments").url.endswith("/my"))
        self.assertEqual(self.url_open(f"/my/payments/receipt/{self.marie_receipt.id}").status_code, 404)

    def test_payments_tour(self):
        self.start_tour("/my", "assoc_portal_payments_tour", login=self.marie.email)

    def test_payments_page_queries_do_not_grow_with_rows(self):
        self.login(self.marie)
        few = self.assert_extra_queries("/my/payments", 12)
        for day in range(1, 21):
            self.make_donation(
                self.marie,
                10.0 + day,
                date=f"2025-09-{day:02d}",
                method="transfer",
                campaign_id=self.campaign.id,
                gives_receipt=False,
            )
        many = self.page_queries("/my/payments") - self.page_queries(self.BASELINE_URL)
        self.assertLessEqual(many, few + ROW_NOISE, "gifts, payments and receipts are read in bulk")
        page = self.url_open("/my/payments").text
        self.assertEqual(page.count("o_assoc_donation_row"), 20, "one page of gifts, the newest first")
        self.assertEqual(page.count("o_assoc_payment_row"), 20)
        self.assertIn("/my/payments/page/2", page)
        older = self.url_open("/my/payments/page/2").text
        self.assertEqual(older.count("o_assoc_donation_row"), 2, "the two oldest gifts")
        self.assertEqual(older.count("o_assoc_payment_row"), 2)

    def test_payments_list_ignores_other_ids_in_the_url(self):
        self.login(self.marie)
        for url in (f"/my/payments?partner_id={self.jean.id}", f"/my/payments/page/1?partner_id={self.jean.id}"):
            page = self.url_open(url).text
            self.assertNotIn(self.jean_receipt.name, page, url)
            self.assertNotIn("500,00", page, url)

    def test_receipt_report_route_gives_no_other_donor_receipt(self):
        self.login(self.marie)
        response = self.url_open(f"/report/pdf/assoc_receipts.report_tax_receipt/{self.jean_receipt.id}")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        self.assertNotIn(b"%PDF", response.content[:10])
