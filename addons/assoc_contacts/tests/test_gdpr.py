import base64
import csv
import io
import json
import zipfile
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestGdpr(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newsletter = cls.env.ref("assoc_contacts.consent_purpose_newsletter")
        cls.Consent = cls.env["assoc.consent"]
        cls.Blacklist = cls.env["mail.blacklist"]
        cls.bureau = new_test_user(cls.env, "gdpr_bureau", groups="base.group_user,assoc_contacts.group_assoc_bureau")

    @staticmethod
    def _blacklisted(partner):
        partner.invalidate_recordset(["is_blacklisted"])
        return partner.is_blacklisted

    # ------------------------------------------------------------- consents
    def test_consent_and_blacklist_round_trip(self):
        marie = self.partner_marie
        self.Consent.create({"partner_id": marie.id, "purpose_id": self.newsletter.id, "channel": "newsletter",
                             "state": "granted", "source": "web_form", "proof_text": "J'accepte la lettre.",
                             "proof_form": "/lettre", "proof_ip": "198.51.100.4"})
        self.assertFalse(self._blacklisted(marie))
        self.Consent.create({"partner_id": marie.id, "purpose_id": self.newsletter.id, "channel": "newsletter",
                             "state": "withdrawn", "source": "email_link"})
        self.assertTrue(self._blacklisted(marie), "an unsubscribe puts the email on Odoo's blacklist")
        self.Consent.create({"partner_id": marie.id, "channel": "email", "state": "granted", "source": "manual"})
        self.assertFalse(self._blacklisted(marie))
        # the reverse: Odoo's blacklist (unsubscribe link, manual entry) records the withdrawal
        self.Blacklist._add("Marie.Dupont@example.fr")
        last = self.Consent.search([("partner_id", "=", marie.id)], limit=1)
        self.assertEqual((last.state, last.source, last.channel), ("withdrawn", "blacklist", "email"))
        self.Blacklist._remove("marie.dupont@example.fr")
        last = self.Consent.search([("partner_id", "=", marie.id)], limit=1)
        self.assertEqual((last.state, last.source), ("granted", "blacklist"))
        self.assertEqual(len(marie.assoc_consent_ids), 5)
        self.assertFalse(self._blacklisted(marie))
        # a phone consent leaves the email alone
        self.Consent.create({"partner_id": marie.id, "channel": "phone", "state": "withdrawn"})
        self.assertFalse(self._blacklisted(marie))

    def test_consent_is_a_proof(self):
        consent = self.Consent.create({"partner_id": self.partner_jean.id, "channel": "post", "state": "granted"})
        with self.assertRaises(UserError):
            consent.write({"proof_text": "Autre texte"})
        with self.assertRaises(UserError):
            consent.write({"state": "withdrawn"})

    def test_double_opt_in_expires(self):
        consent = self.Consent.request_double_opt_in(self.partner_jean, self.newsletter, proof_ip="192.0.2.1")
        token = consent.sudo().token
        consent.sudo().token_expiry = fields.Datetime.now() - timedelta(days=1)
        self.assertFalse(self.Consent._confirm_token(token))
        self.assertEqual(consent.state, "pending")

    # ------------------------------------------------------- right of access
    def _zip(self, action):
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        return zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas)))

    def test_export_everything_about_a_contact(self):
        marie = self.partner_marie
        self.Consent.create({"partner_id": marie.id, "purpose_id": self.newsletter.id, "channel": "newsletter",
                             "proof_text": "Je souhaite recevoir la lettre."})
        self.env["assoc.interaction"].create({"partner_id": marie.id, "type_id": self.type_call.id,
                                              "name": "Appel de bienvenue"})
        self.env["ir.attachment"].create({"name": "bulletin.txt", "raw": b"Bulletin d'adhesion de Marie",
                                          "res_model": "res.partner", "res_id": marie.id})
        action = marie.with_user(self.bureau).action_assoc_gdpr_export()
        archive = self._zip(action)
        names = set(archive.namelist())
        self.assertTrue({"data.json", "contact.csv", "consents.csv", "interactions.csv"} <= names)
        self.assertIn("attachments/", " ".join(names))
        data = json.loads(archive.read("data.json"))
        self.assertEqual(data["contact"][0]["Email"], "marie.dupont@example.fr")
        self.assertEqual(data["contact"][0]["Département"], "69 - Rhône")
        self.assertEqual(data["consents"][0]["Text shown"], "Je souhaite recevoir la lettre.")
        self.assertEqual(data["interactions"][0]["Summary"], "Appel de bienvenue")
        rows = list(csv.DictReader(io.StringIO(archive.read("interactions.csv").decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0]["Summary"], "Appel de bienvenue")
        log = self.env["assoc.gdpr.log"].search([("partner_id", "=", marie.id)])
        self.assertEqual(log.kind, "access")
        volunteer = new_test_user(self.env, "gdpr_vol", groups="base.group_user,assoc_contacts.group_assoc_volunteer")
        with self.assertRaises(AccessError):
            marie.with_user(volunteer).action_assoc_gdpr_export()

    # ------------------------------------------------------- right to erasure
    def test_erasure_and_reimport(self):
        marie = self.partner_marie
        marie.write({"phone": "+33 6 12 34 56 78", "street2": "Bâtiment B", "comment": "Allergique aux chats"})
        group = self.env["assoc.group"].create({"name": "Groupe local de Lyon"})
        group.add_partners(marie)
        self.Consent.create({"partner_id": marie.id, "channel": "email", "state": "withdrawn"})
        self.env["assoc.interaction"].create({"partner_id": marie.id, "type_id": self.type_call.id, "name": "Appel"})
        marie.message_post(body="Note privée sur Marie")
        manager = new_test_user(self.env, "gdpr_manager",
                                groups="base.group_user,assoc_contacts.group_assoc_manager")
        with self.assertRaises(AccessError):
            marie.with_user(self.bureau).action_assoc_gdpr_erase()
        marie.with_user(manager).action_assoc_gdpr_erase()

        self.assertTrue(marie.assoc_erased)
        self.assertFalse(marie.active)
        self.assertNotIn("Marie", marie.name)
        self.assertFalse(marie.email or marie.phone or marie.street or marie.zip or marie.comment or marie.street2)
        self.assertFalse(marie.department_id or marie.territory_ids)
        self.assertEqual(len(marie.sudo().assoc_email_hash), 64)
        self.assertFalse(marie.assoc_consent_ids or marie.assoc_interaction_ids or marie.assoc_group_member_ids)
        messages = self.env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "=", marie.id)])
        self.assertFalse(messages.filtered(lambda m: "Marie" in (m.body or "")))
        self.assertFalse(self.Blacklist.with_context(active_test=False).search(
            [("email", "=", "marie.dupont@example.fr")]), "the clear email leaves the blacklist too")
        log = self.env["assoc.gdpr.log"].search([("partner_id", "=", marie.id), ("kind", "=", "erasure")])
        self.assertEqual(log.user_id, manager)

        again = self.env["res.partner"].create({"name": "Marie Dupont", "email": " MARIE.DUPONT@example.fr"})
        self.assertTrue(again.assoc_previously_erased, "a re-import is recognised by the keyed hash")
        self.assertTrue(self._blacklisted(again))
        other = self.env["res.partner"].create({"name": "Marie Durand", "email": "marie.durand@example.fr"})
        self.assertFalse(other.assoc_previously_erased)

    def test_users_cannot_be_erased(self):
        with self.assertRaises(UserError):
            self.bureau.partner_id.action_assoc_gdpr_erase()

    # -------------------------------------------------- archiving, retention
    def test_archive_rule_preview_and_cron(self):
        deceased = self.env.ref("assoc_contacts.tag_deceased")
        rule = self.env.ref("assoc_contacts.archive_rule_deceased")
        rule.active = True
        group = self.env["assoc.group"].create({"name": "Pôle mémoire"})
        group.add_partners(self.partner_jean | self.partner_marie)
        self.partner_jean.category_id = deceased
        self.assertEqual(rule.preview_count, 1)
        self.env["assoc.archive.rule"]._cron_archive()
        self.assertFalse(self.partner_jean.active)
        self.assertTrue(self.partner_marie.active)
        self.assertEqual(rule.log_ids.count, 1)
        self.assertEqual(group.member_count, 1, "archived contacts leave their groups' active lists")
        self.assertNotIn(self.partner_jean, self.env["res.partner"].search([("assoc_group_ids", "in", group.ids)]))
        rule.invalidate_recordset(["preview_count"])
        self.assertEqual(rule.preview_count, 0)

    def _set_prospect_retention(self, years):
        form = Form(self.env["res.config.settings"])
        form.assoc_retention_prospect_years = years
        form.save().execute()

    def test_retention_settings_feed_the_rules(self):
        rule = self.env.ref("assoc_contacts.archive_rule_prospects")
        rule.active = True
        old = fields.Datetime.now() - timedelta(days=365 * 2 + 30)
        self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s", [old, self.partner_jean.id])
        self.env["res.partner"].invalidate_model(["create_date"])
        self._set_prospect_retention(3)
        self.assertNotIn(self.partner_jean, self.env["res.partner"].search(rule._partner_domain()))
        self._set_prospect_retention(2)
        self.assertIn(self.partner_jean, self.env["res.partner"].search(rule._partner_domain()))
        self.partner_jean.with_context(assoc_system_tags=True).category_id = self.tag_member
        self.assertNotIn(self.partner_jean, self.env["res.partner"].search(rule._partner_domain()),
                         "members are not prospects")

    def test_rule_without_condition_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["assoc.archive.rule"].create({"name": "Tout archiver"})
