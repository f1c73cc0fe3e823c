import threading
from contextlib import contextmanager

from odoo import SUPERUSER_ID, api, fields
from odoo.service.model import retrying
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

ORG_VALUES = {
    "assoc_siren_rna": "W442012345",
    "street": "14 quai de la Fosse",
    "zip": "44000",
    "city": "Nantes",
    "assoc_receipt_object": "Protection du littoral",
    "assoc_receipt_quality": "association",
    "assoc_receipt_signatory_name": "Claire Martin",
    "assoc_receipt_mode": "annual",
    "assoc_receipt_send": "manual",
}


@tagged("post_install", "-at_install")
class TestNumberingConcurrency(BaseCase):
    """Two issuers in two real transactions: the second waits, then gets the next number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dbname = get_db_name()

    @contextmanager
    def committed_env(self):
        with db_connect(self.dbname).cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cr.commit()  # pylint: disable=invalid-commit

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            company = env.ref("base.main_company")
            company._assoc_receipts_ensure_sequence()
            self.saved_company = {
                name: company._fields[name].convert_to_write(company[name], company) for name in ORG_VALUES
            }
            self.saved_country = company.country_id.id
            company.write(dict(ORG_VALUES, country_id=env.ref("base.fr").id))
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Donateur Concurrent {i}",
                        "firstname": "Donateur",
                        "lastname": f"Concurrent {i}",
                        "street": f"{i} rue des Lilas",
                        "zip": "44000",
                        "city": "Nantes",
                        "country_id": env.ref("base.fr").id,
                    }
                    for i in (1, 2)
                ]
            )
            gifts = env["assoc.donation"].create(
                [
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "amount": 50.0,
                        "nature": "in_kind",
                        "in_kind_description": "Livres",
                        "date": fields.Date.today(),
                    }
                    for partner in partners
                ]
            )
            gifts.action_validate()
            self.partner_ids, self.gift_ids = partners.ids, gifts.ids
            date_range = company.assoc_receipt_sequence_id.date_range_ids.filtered(
                lambda r: r.date_from <= fields.Date.today() <= r.date_to
            )
            self.number_before = date_range.number_next_actual if date_range else None
        self.addCleanup(self.cleanup)

    def cleanup(self):
        with self.committed_env() as env:
            cr = env.cr
            cr.execute(
                "SELECT receipt_id FROM assoc_donation_tax_receipt_rel WHERE donation_id = ANY(%s)", [self.gift_ids]
            )
            receipt_ids = [row[0] for row in cr.fetchall()]
            cr.execute(
                "DELETE FROM ir_attachment WHERE res_model = 'assoc.tax.receipt' AND res_id = ANY(%s)", [receipt_ids]
            )
            cr.execute("DELETE FROM assoc_interaction WHERE partner_id = ANY(%s)", [self.partner_ids])
            cr.execute("DELETE FROM assoc_tax_receipt WHERE id = ANY(%s)", [receipt_ids])
            cr.execute("DELETE FROM assoc_donation WHERE id = ANY(%s)", [self.gift_ids])
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", [self.partner_ids])
            company = env.ref("base.main_company")
            sequence = company.assoc_receipt_sequence_id
            date_range = sequence.date_range_ids.filtered(lambda r: r.date_from <= fields.Date.today() <= r.date_to)
            if self.number_before is None:
                date_range.unlink()
            else:
                date_range.number_next_actual = self.number_before
            company.write(dict(self.saved_company, country_id=self.saved_country))

    def issue(self, gift_id, holding=None, release=None, started=None):
        """Issue one receipt in its own transaction (retried on serialization errors, as Odoo
        does for requests); optionally keep the transaction open until `release` is set."""
        result = {}
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

            def work():
                if started:
                    started.set()
                gift = env["assoc.donation"].browse(gift_id)
                receipt = env["assoc.tax.receipt"]._assoc_issue_for_donations(gift, mode="gift")
                result["number"] = receipt.name
                if holding:
                    holding.set()
                    release.wait(30)

            retrying(work, env)
        return result

    def test_two_issuers_get_consecutive_numbers(self):
        a_holds, release_a, b_started = threading.Event(), threading.Event(), threading.Event()
        results = {}
        thread_a = threading.Thread(
            target=lambda: results.update(a=self.issue(self.gift_ids[0], holding=a_holds, release=release_a))
        )
        thread_b = threading.Thread(target=lambda: results.update(b=self.issue(self.gift_ids[1], started=b_started)))
        thread_a.start()
        self.assertTrue(a_holds.wait(30), "the first issuer got its number")
        thread_b.start()
        self.assertTrue(b_started.wait(30))
        thread_b.join(1.5)
        self.assertTrue(thread_b.is_alive(), "the second issuer waits for the first one's transaction")
        release_a.set()
        thread_a.join(30)
        thread_b.join(60)
        numbers = [results["a"]["number"], results["b"]["number"]]
        prefix, first = numbers[0].rsplit("-", 1)
        self.assertEqual(numbers[1], f"{prefix}-{int(first) + 1:06d}", "no number given twice, none skipped")
        with self.committed_env() as env:
            issued = env["assoc.tax.receipt"].search([("donation_ids", "in", self.gift_ids)])
            self.assertEqual(sorted(issued.mapped("name")), sorted(numbers))
