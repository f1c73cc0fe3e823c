import re

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, HttpCase, tagged


class AssocPortalCase(HttpCase):
    """Two members with portal accounts, a donor without one, and the member space set up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "assoc_portal_donate_url": "https://www.helloasso.com/associations/amis-du-littoral/formulaires/1",
                "assoc_portal_join_url": "https://www.helloasso.com/associations/amis-du-littoral/adhesions/2025",
                "assoc_portal_dir_email": False,
                "assoc_portal_dir_phone": False,
                "assoc_portal_dir_city": True,
                "assoc_portal_dir_department": False,
            }
        )
        cls.tag_member = cls.env.ref("assoc_contacts.tag_member")
        # The directory of these tests holds only their own members, whatever the database holds.
        cls.env.cr.execute("UPDATE res_partner SET assoc_directory_optin = FALSE WHERE assoc_directory_optin")
        cls.env["res.partner"].invalidate_model(["assoc_directory_optin"])
        Partner = cls.env["res.partner"].with_context(assoc_system_tags=True)
        france = cls.env.ref("base.fr")
        cls.marie = Partner.create(
            {
                "firstname": "Marie",
                "lastname": "Dupont",
                "email": "marie.dupont@example.fr",
                "phone": "+33 6 12 34 56 78",
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "country_id": france.id,
                "category_id": [Command.link(cls.tag_member.id)],
                "assoc_directory_optin": True,
            }
        )
        cls.jean = Partner.create(
            {
                "firstname": "Jean",
                "lastname": "Lefèvre",
                "email": "jean.lefevre@example.fr",
                "phone": "+33 6 98 76 54 32",
                "street": "3 cours Napoléon",
                "zip": "20000",
                "city": "Ajaccio",
                "country_id": france.id,
                "category_id": [Command.link(cls.tag_member.id)],
                "assoc_directory_optin": False,
            }
        )
        cls.elise = Partner.create(
            {
                "firstname": "Élise",
                "lastname": "Écuyer",
                "email": "elise.ecuyer@example.fr",
                "city": "Nantes",
                "zip": "44000",
                "country_id": france.id,
                "category_id": [Command.link(cls.tag_member.id)],
                "assoc_directory_optin": True,
            }
        )
        cls.paul = Partner.create(
            {
                "firstname": "Paul",
                "lastname": "Girard",
                "email": "paul.girard@example.fr",
                "city": "Brest",
                "zip": "29200",
                "country_id": france.id,
                "assoc_directory_optin": True,
            }
        )
        cls.user_marie = cls._portal_user(cls.marie)
        cls.user_jean = cls._portal_user(cls.jean)
        cls.user_paul = cls._portal_user(cls.paul)

    @classmethod
    def _portal_user(cls, partner):
        """A portal user whose login and password are the contact's email."""
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": partner.email,
                    "password": partner.email,
                    "partner_id": partner.id,
                    "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
                }
            )
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _csrf(self, url):
        page = self.url_open(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@tagged("post_install", "-at_install")
class TestPortalAccess(AssocPortalCase):
    def test_invitation_from_the_contact(self):
        """The back office grants the access from the contact: a portal user and an invitation email."""
        donor = self.env["res.partner"].create({"name": "Louise Martin", "email": "louise.martin@example.fr"})
        wizard = self.env["portal.wizard"].create({"partner_ids": [Command.set(donor.ids)]})
        wizard.user_ids.action_grant_access()
        user = donor.user_ids
        self.assertTrue(user._is_portal())
        mail = self.env["mail.mail"].search([("email_to", "ilike", "louise.martin@example.fr")], limit=1) or self.env[
            "mail.mail"
        ].search([("recipient_ids", "in", donor.ids)], limit=1)
        self.assertTrue(mail, "the invitation email is sent")
        self.assertIn("token=", mail.body_html)

    def test_known_email_asks_for_an_account(self):
        donor = self.env["res.partner"].create({"name": "Louise Martin", "email": "Louise.Martin@Example.fr"})
        response = self.url_open(
            "/my/join", data={"email": " louise.martin@example.fr ", "csrf_token": self._csrf("/my/join")}
        )
        self.assertIn("o_assoc_request_sent", response.text)
        self.assertTrue(donor.user_ids._is_portal(), "the known contact gets a portal account")
        self.assertEqual(donor.user_ids.login, "louise.martin@example.fr")

    def test_unknown_email_gets_the_same_answer_and_no_account(self):
        users_before = self.env["res.users"].with_context(active_test=False).search_count([])
        response = self.url_open("/my/join", data={"email": "inconnu@example.fr", "csrf_token": self._csrf("/my/join")})
        self.assertIn("o_assoc_request_sent", response.text)
        self.assertEqual(self.env["res.users"].with_context(active_test=False).search_count([]), users_before)

    def test_request_is_not_repeated_within_minutes(self):
        donor = self.env["res.partner"].create({"name": "Louise Martin", "email": "louise.martin@example.fr"})
        Partner = self.env["res.partner"]
        self.assertTrue(Partner._assoc_portal_invite_known_email("louise.martin@example.fr"))
        self.assertFalse(Partner._assoc_portal_invite_known_email("louise.martin@example.fr"))
        self.assertTrue(donor.user_ids)

    def test_staff_and_revoked_accounts_get_nothing(self):
        Partner = self.env["res.partner"]
        staff = self.env["res.users"].create(
            {"name": "Claire Martin", "login": "claire.martin@example.fr", "email": "claire.martin@example.fr"}
        )
        self.assertFalse(Partner._assoc_portal_invite_known_email("claire.martin@example.fr"))
        self.assertTrue(staff._is_internal(), "staff keep their own login")
        self.user_jean.active = False
        self.assertFalse(Partner._assoc_portal_invite_known_email("jean.lefevre@example.fr"))
        self.assertFalse(self.user_jean.active, "a revoked access stays revoked")

    def test_signup_request_can_be_switched_off(self):
        self.company.assoc_portal_signup = False
        self.assertEqual(self.url_open("/my/join").status_code, 404)


@tagged("post_install", "-at_install")
class TestPortalDetails(AssocPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        section = cls.env["assoc.custom.section"].create({"name": "Bénévolat"})
        Field = cls.env["assoc.custom.field"]
        cls.skills = Field.create(
            {
                "section_id": section.id,
                "label": "Compétences",
                "field_type": "char",
                "portal_editable": True,
                "portal_directory": True,
            }
        )
        cls.available = Field.create(
            {
                "section_id": section.id,
                "label": "Disponible le week-end",
                "field_type": "boolean",
                "portal_editable": True,
            }
        )
        cls.internal_note = Field.create(
            {"section_id": section.id, "label": "Appréciation interne", "field_type": "char"}
        )
        cls.purpose = cls.env.ref("assoc_contacts.consent_purpose_newsletter")

    def _post_details(self, **changes):
        values = {
            "csrf_token": self._csrf("/my/member"),
            "title": "",
            "firstname": "Marie",
            "lastname": "Dupont",
            "email": "marie.dupont@example.fr",
            "phone": "+33 6 12 34 56 78",
            "mobile": "",
            "street": "12 rue de la République",
            "street2": "",
            "zip": "69002",
            "city": "Lyon",
            "country_id": str(self.env.ref("base.fr").id),
            "birthdate": "",
            "assoc_directory_optin": "1",
        }
        values.update(changes)
        return self.url_open("/my/member", data=values)

    def test_member_updates_details_consents_and_custom_fields(self):
        self._login(self.user_marie)
        page = self.url_open("/my/member").text
        self.assertIn(f'name="{self.skills.name}"', page)
        self.assertNotIn(self.internal_note.name, page, "fields not marked editable stay hidden")
        response = self._post_details(
            **{
                "city": "Villeurbanne",
                "zip": "69100",
                "birthdate": "1984-02-29",
                self.skills.name: "Photographie, secourisme",
                self.available.name: "1",
                f"consent_{self.purpose.id}_post": "1",
                self.internal_note.name: "Très bien",
                "name": "Pirate",
                "comment": "injected",
            }
        )
        self.assertIn("o_assoc_saved", response.text)
        self.assertEqual(
            (self.marie.city, self.marie.zip, str(self.marie.birthdate)), ("Villeurbanne", "69100", "1984-02-29")
        )
        self.assertEqual(self.marie[self.skills.name], "Photographie, secourisme")
        self.assertTrue(self.marie[self.available.name])
        self.assertFalse(self.marie[self.internal_note.name], "a field not editable by members is ignored")
        self.assertFalse(self.marie.comment)
        self.assertEqual(self.marie.name, "Marie Dupont")
        consent = self.env["assoc.consent"].search([("partner_id", "=", self.marie.id)])
        self.assertEqual(
            (consent.purpose_id, consent.channel, consent.state, consent.source),
            (self.purpose, "post", "granted", "web_form"),
        )
        log = self.env["assoc.interaction"].search(
            [("partner_id", "=", self.marie.id), ("type_id.code", "=", "portal_update")]
        )
        self.assertEqual(len(log), 1)
        self.assertIn("Villeurbanne", log.note)
        self.assertIn("Photographie", log.note)
        self.assertEqual(log.user_id, self.user_marie)

    def test_withdrawing_a_consent_records_a_new_event(self):
        self.env["assoc.consent"].create(
            {"partner_id": self.marie.id, "purpose_id": self.purpose.id, "channel": "post", "state": "granted"}
        )
        self._login(self.user_marie)
        self._post_details()
        latest = self.env["assoc.consent"].search([("partner_id", "=", self.marie.id)], limit=1)
        self.assertEqual((latest.channel, latest.state), ("post", "withdrawn"))
        self.assertEqual(self.env["assoc.consent"].search_count([("partner_id", "=", self.marie.id)]), 2)

    def test_saving_without_change_logs_nothing(self):
        self._login(self.user_marie)
        self._post_details()
        self.assertFalse(
            self.env["assoc.interaction"].search(
                [("partner_id", "=", self.marie.id), ("type_id.code", "=", "portal_update")]
            )
        )

    def test_bad_input_is_reported_and_nothing_saved(self):
        self._login(self.user_marie)
        response = self._post_details(email="pas-une-adresse", city="Paris")
        self.assertIn("is-invalid", response.text)
        self.assertEqual(self.marie.city, "Lyon")
        response = self._post_details(zip="6900", city="Paris")
        self.assertIn("alert-danger", response.text)
        self.assertIn("6900", response.text, "the French postal code error names the code")
        self.assertEqual((self.marie.city, self.marie.zip), ("Lyon", "69002"))
        self.assertFalse(
            self.env["assoc.interaction"].search(
                [("partner_id", "=", self.marie.id), ("type_id.code", "=", "portal_update")]
            )
        )

    def test_odoo_account_form_is_logged_too(self):
        self._login(self.user_marie)
        page = self.url_open("/my/account").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.url_open(
            "/my/account",
            data={
                "csrf_token": token,
                "name": "Marie Dupont",
                "email": "marie.dupont@example.fr",
                "phone": "+33 6 00 00 00 01",
                "street": "12 rue de la République",
                "city": "Lyon",
                "zipcode": "69002",
                "country_id": str(self.env.ref("base.fr").id),
                "state_id": "",
                "street2": "",
                "vat": "",
                "company_name": "",
            },
        )
        log = self.env["assoc.interaction"].search(
            [("partner_id", "=", self.marie.id), ("type_id.code", "=", "portal_update")]
        )
        self.assertTrue(log)
        self.assertIn("+33 6 00 00 00 01", log.note)


@tagged("post_install", "-at_install")
class TestPortalDirectoryHistory(AssocPortalCase):
    def test_directory_lists_opted_in_members_only(self):
        self._login(self.user_marie)
        page = self.url_open("/my/directory").text
        self.assertIn("Dupont", page)
        self.assertIn("Écuyer", page)
        self.assertNotIn("Lefèvre", page, "a member who did not opt in is not listed")
        self.assertNotIn("Girard", page, "a non-member is not listed even if opted in")
        self.assertIn("Lyon", page, "the city is a field the association shows")
        self.assertNotIn(
            "marie.dupont@example.fr",
            page.split("o_assoc_directory_row", 1)[1],
            "the email is not shown when the association does not allow it",
        )
        self.assertNotIn("+33 6 12 34 56 78", page)

    def test_directory_search_and_letter_index(self):
        self._login(self.user_marie)
        page = self.url_open("/my/directory?search=lef").text
        self.assertNotIn("Lefèvre", page, "searching a hidden member by name finds nothing")
        page = self.url_open("/my/directory?letter=E").text
        self.assertIn("Écuyer", page, "the index folds accents")
        self.assertEqual(page.count("o_assoc_directory_row"), 1)
        page = self.url_open("/my/directory?search=dupont").text
        self.assertEqual(page.count("o_assoc_directory_row"), 1)

    def test_directory_shows_allowed_fields_only(self):
        self.company.write({"assoc_portal_dir_email": True, "assoc_portal_dir_city": False})
        self._login(self.user_marie)
        page = self.url_open("/my/directory").text
        self.assertIn("elise.ecuyer@example.fr", page)
        self.assertNotIn("Nantes", page, "the city is no longer shown")

    def test_directory_is_for_members(self):
        self._login(self.user_paul)
        page = self.url_open("/my/directory").text
        self.assertNotIn("o_assoc_directory_row", page)
        self.assertNotIn("Dupont", page)

    def test_history_shows_visible_interactions_of_the_member(self):
        Interaction = self.env["assoc.interaction"]
        event = self.env.ref("assoc_contacts.interaction_type_event")
        call = self.env.ref("assoc_contacts.interaction_type_call")
        Interaction.create(
            [
                {"partner_id": self.marie.id, "type_id": event.id, "name": "Nettoyage de la plage de Saint-Brevin"},
                {"partner_id": self.marie.id, "type_id": call.id, "name": "Appel : relance cotisation impayée"},
                {"partner_id": self.jean.id, "type_id": event.id, "name": "Assemblée générale à Ajaccio"},
            ]
        )
        self._login(self.user_marie)
        page = self.url_open("/my/history").text
        self.assertIn("Nettoyage de la plage", page)
        self.assertNotIn("relance cotisation", page, "types not marked visible stay internal")
        self.assertNotIn("Ajaccio", page)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["assoc_history_count"]})
        self.assertEqual(counters["assoc_history_count"], 1)

    def test_pages_follow_the_settings(self):
        self._login(self.user_marie)
        home = self.url_open("/my").text
        self.assertIn('href="/my/member"', home)
        self.assertIn("helloasso.com/associations/amis-du-littoral/formulaires/1", home)
        self.assertNotIn("adhesions/2025", home, "a member is not asked to become a member")
        self.company.write({"assoc_portal_directory": False, "assoc_portal_info": False})
        self.assertTrue(self.url_open("/my/directory").url.endswith("/my"))
        self.assertTrue(self.url_open("/my/member").url.endswith("/my"))
        home = self.url_open("/my").text
        self.assertNotIn('href="/my/member"', home)
        self._login(self.user_paul)
        self.assertIn("adhesions/2025", self.url_open("/my").text)

    def test_settings_form(self):
        """The association sets its member space from the settings (stored on the company)."""
        settings = Form(self.env["res.config.settings"])
        settings.assoc_portal_directory = False
        settings.assoc_portal_dir_email = True
        settings.assoc_portal_renew_days = 45
        settings.assoc_portal_primary_color = "#7a1f3d"
        settings.assoc_portal_renew_url = "https://www.helloasso.com/associations/amis/adhesions/2026"
        settings.save().execute()
        self.assertFalse(self.company.assoc_portal_directory)
        self.assertEqual(
            (self.company.assoc_portal_renew_days, self.company.assoc_portal_primary_color), (45, "#7a1f3d")
        )
        self.assertEqual(self.company._assoc_portal_directory_fields(), ["email", "city"])
        settings = Form(self.env["res.config.settings"])
        settings.assoc_portal_donate_url = "javascript:alert(1)"
        with self.assertRaises(ValidationError):
            settings.save().execute()

    def test_colours_are_checked(self):
        with self.assertRaises(ValidationError):
            self.company.assoc_portal_primary_color = "red;}body{display:none"
        self.company.assoc_portal_primary_color = "#004488"
        self._login(self.user_marie)
        self.assertIn("#004488", self.url_open("/my").text)


@tagged("post_install", "-at_install")
class TestPortalTour(AssocPortalCase):
    def test_member_tour(self):
        """A member updates their phone and a consent, then looks for a member in the directory."""
        self.start_tour("/my", "assoc_portal_member_tour", login=self.user_marie.login)
        self.assertEqual(self.marie.phone, "+33 6 11 22 33 44")
        self.assertTrue(
            self.env["assoc.interaction"].search(
                [("partner_id", "=", self.marie.id), ("type_id.code", "=", "portal_update")]
            )
        )
        self.assertEqual(self.env["assoc.consent"].search([("partner_id", "=", self.marie.id)]).state, "granted")
