import json

from odoo.tests import HttpCase, tagged

from .common import french_people


@tagged("post_install", "-at_install")
class TestFormWebhook(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marie, cls.jean = french_people(cls.env)
        cls.group = cls.env["assoc.group"].create({"name": "Groupe local de Lyon"})
        cls.tag_site = cls.env["res.partner.category"].create({"name": "Site web"})
        cls.connector = cls.env["assoc.connector"].create(
            {
                "name": "Formulaire du site",
                "provider": "form",
                "api_key": "cle-formulaire-2025",
                "form_tag_ids": [(6, 0, cls.tag_site.ids)],
                "form_rate_limit": 30,
            }
        )
        cls.submission = {
            "email": "Claire.Martin@Example.fr",
            "firstname": "Claire",
            "lastname": "Martin",
            "phone": "06 12 34 56 78",
            "street": "4 rue Mercière",
            "zip": "69002",
            "city": "Lyon",
            "country": "FR",
            "consent": {
                "newsletter": True,
                "text": "J'accepte de recevoir la lettre d'information.",
                "url": "https://www.amis-du-patrimoine.fr/contact",
            },
            "group": "groupe local de lyon",
            "tags": ["Pétition 2025"],
            "message": "Je voudrais aider aux journées du patrimoine.",
            "form": "Contact",
            "submitted_at": "2025-03-12T10:05:00+01:00",
        }

    def send(self, payload, key="cle-formulaire-2025", raw=None):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["X-Api-Key"] = key
        body = raw if raw is not None else json.dumps(payload).encode()
        return self.url_open("/assoc/webhook/form", data=body, headers=headers, timeout=60)

    def test_new_contact_with_consent_group_tags_and_interaction(self):
        response = self.send(self.submission)
        self.assertEqual(response.status_code, 200, response.text)
        claire = self.env["res.partner"].search([("email", "=ilike", "claire.martin@example.fr")])
        self.assertEqual((claire.firstname, claire.lastname, claire.zip), ("Claire", "Martin", "69002"))
        consent = claire.assoc_consent_ids
        self.assertEqual((consent.state, consent.source, consent.channel), ("granted", "web_form", "newsletter"))
        self.assertEqual(consent.proof_text, "J'accepte de recevoir la lettre d'information.")
        self.assertEqual(consent.proof_form, "https://www.amis-du-patrimoine.fr/contact")
        self.assertEqual(str(consent.date), "2025-03-12 09:05:00")
        self.assertIn(claire, self.group.member_ids.partner_id)
        self.assertEqual(set(claire.category_id.mapped("name")), {"Site web", "Pétition 2025"})
        interaction = claire.assoc_interaction_ids
        self.assertEqual(interaction.type_id.code, "form_submission")
        self.assertIn("journées du patrimoine", interaction.note)
        self.assertEqual(
            self.env["assoc.webhook.event"].search([("connector_id", "=", self.connector.id)]).state, "done"
        )

    def test_existing_contact_is_completed_not_duplicated(self):
        response = self.send({"email": " MARIE.DUPONT@example.fr", "lastname": "Dupont", "phone": "04 78 00 00 00"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.env["res.partner"].search_count([("email", "=ilike", "marie.dupont@example.fr")]), 1)
        self.assertIn("4 78 00 00 00", self.marie.phone)
        self.assertEqual(self.marie.street, "12 rue de la République", "what the CRM knows is not overwritten")

    def test_validation_names_the_bad_field(self):
        cases = [
            ({"firstname": "Sans adresse"}, "email"),
            ({"email": "pas-une-adresse"}, "email"),
            ({"email": "a@b.fr", "tags": "pas une liste"}, "tags"),
            ({"email": "a@b.fr", "consent": {"newsletter": "oui"}}, "consent.newsletter"),
            ({"email": "a@b.fr", "consent": {"newsletter": True}}, "consent.text"),
            ({"email": "a@b.fr", "group": "Groupe inconnu"}, "group"),
            ({"email": "a@b.fr", "submitted_at": "hier"}, "submitted_at"),
            ({"email": "a@b.fr", "age": 42}, "age"),
        ]
        for payload, field in cases:
            response = self.send(payload)
            self.assertEqual(response.status_code, 400, payload)
            self.assertEqual(response.json()["field"], field, payload)
            self.assertIn(field.split(".")[-1], response.json()["message"])
        self.assertFalse(self.env["res.partner"].search([("email", "=", "a@b.fr")]), "nothing half-saved")

    def test_bad_key_and_malformed_json(self):
        self.assertEqual(self.send(self.submission, key="mauvaise-cle").status_code, 401)
        self.assertEqual(self.send(self.submission, key=None).status_code, 401)
        response = self.send(None, raw=b'{"email": "a@b.fr",')
        self.assertEqual(response.status_code, 400)
        self.assertIn("Malformed JSON", response.json()["message"])

    def test_rate_limit(self):
        self.connector.form_rate_limit = 2
        statuses = [self.send({"email": f"visiteur{i}@example.fr"}).status_code for i in range(3)]
        self.assertEqual(statuses, [200, 200, 429])
        response = self.send({"email": "visiteur9@example.fr"})
        self.assertEqual(response.status_code, 429)
        self.assertTrue(int(response.headers["Retry-After"]) > 0)
