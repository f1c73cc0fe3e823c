import json

from odoo.tests import HttpCase, tagged

from .common import EmailingCase


@tagged("post_install", "-at_install")
class TestEmailingWebhooks(EmailingCase, HttpCase):
    def url(self, connector, token=True):
        url = f"/assoc/webhook/{connector.provider}/{connector.id}"
        return f"{url}?token={connector.webhook_token}" if token else url

    def deliver(self, connector, body_headers, token=True):
        body, headers = body_headers
        return self.url_open(self.url(connector, token), data=body, headers=headers, timeout=60)

    def events(self, connector):
        return self.env["assoc.webhook.event"].search([("connector_id", "=", connector.id)], order="id")

    def latest_consent(self, partner):
        return self.env["assoc.consent"].search([("partner_id", "=", partner.id)], limit=1)

    def test_brevo_unsubscribe_bounce_opens_and_clicks(self):
        camille, louis, chloe = self.people[0], self.people[1], self.people[2]
        for payload in (
            self.brevo.marketing_event("unsubscribe", camille.email),
            self.brevo.marketing_event("hard_bounce", louis.email),
            [self.brevo.marketing_event("opened", chloe.email), self.brevo.marketing_event("click", chloe.email)],
            self.brevo.marketing_event("opened", chloe.email.upper()),
        ):
            self.assertEqual(self.deliver(self.brevo_connector, self.brevo.webhook(payload)).status_code, 200)
        self.assertEqual(self.events(self.brevo_connector).mapped("state"), ["done"] * 4)
        consent = self.latest_consent(camille)
        self.assertEqual((consent.state, consent.source), ("withdrawn", "integration"))
        self.assertTrue(self.env["mail.blacklist"].search([("email", "=", camille.email)]))
        self.assertTrue(louis.assoc_email_invalid)
        activity = self.env["assoc.emailing.activity"].search([("partner_id", "=", chloe.id)])
        self.assertEqual((activity.campaign_ref, activity.campaign_name), ("12", "Lettre de mars"))
        self.assertEqual((activity.open_count, activity.click_count), (2, 1))
        self.assertEqual(activity.open_interaction_id.name, "Opened “Lettre de mars” (2 times)")
        self.assertEqual(activity.click_interaction_id.type_id.code, "emailing_click")
        # the same delivery again (providers deliver at least once) counts nothing more
        payload = self.brevo.marketing_event("opened", chloe.email.upper())
        self.deliver(self.brevo_connector, self.brevo.webhook(payload))
        self.assertEqual(self.events(self.brevo_connector)[-1].state, "ignored")
        self.assertEqual(activity.open_count, 2)
        # the next push leaves out the unsubscribed and the bounced
        self.link(self.brevo_connector, "2")
        self.brevo_connector._run()
        self.assertEqual(self.brevo.list_members(2), ["chloe.durand@example.fr"])

    def test_brevo_bearer_authentication(self):
        payload = self.brevo.marketing_event("opened", self.people[2].email)
        response = self.deliver(
            self.brevo_connector, self.brevo.webhook(payload, self.brevo_connector.webhook_token), token=False
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.events(self.brevo_connector).signature_state, "token")
        response = self.deliver(self.brevo_connector, self.brevo.webhook(payload, "mauvais-jeton"), token=False)
        self.assertEqual(response.status_code, 401)

    def test_mailjet_grouped_events(self):
        camille, chloe = self.people[0], self.people[2]
        events = [
            self.mailjet.event("unsub", camille.email),
            self.mailjet.event("open", chloe.email),
            self.mailjet.event("bounce", chloe.email, hard_bounce=False, error="greylisted"),
        ]
        self.assertEqual(self.deliver(self.mailjet_connector, self.mailjet.webhook(events)).status_code, 200)
        self.assertEqual(self.latest_consent(camille).state, "withdrawn")
        self.assertFalse(chloe.assoc_email_invalid, "a soft bounce (greylisting) is temporary")
        self.assertEqual(self.env["assoc.emailing.activity"].search([("partner_id", "=", chloe.id)]).open_count, 1)
        hard = [self.mailjet.event("bounce", chloe.email)]
        self.deliver(self.mailjet_connector, self.mailjet.webhook(hard))
        self.assertTrue(chloe.assoc_email_invalid)

    def test_mailchimp_signed_form_webhooks(self):
        self.mailchimp_connector.signature_key = "secret-de-signature"
        louis = self.people[1]
        delivery = self.mailchimp.webhook(
            "cleaned",
            {"list_id": "a1b2c3d4e5", "campaign_id": "c42", "reason": "hard", "email": louis.email},
            signing_secret="secret-de-signature",
        )
        self.assertEqual(self.deliver(self.mailchimp_connector, delivery).status_code, 200)
        event = self.events(self.mailchimp_connector)
        self.assertEqual((event.state, event.signature_state, event.event_type), ("done", "valid", "bounce"))
        self.assertTrue(louis.assoc_email_invalid)
        forged = self.mailchimp.webhook(
            "unsubscribe", {"action": "unsub", "email": self.people[0].email}, signing_secret="mauvais-secret"
        )
        self.assertEqual(self.deliver(self.mailchimp_connector, forged).status_code, 401)
        self.assertEqual(self.events(self.mailchimp_connector)[-1].state, "rejected")
        self.assertFalse(self.env["mail.blacklist"].search([("email", "=", self.people[0].email)]))
        genuine = self.mailchimp.webhook(
            "unsubscribe",
            {"action": "unsub", "reason": "manual", "email": self.people[0].email},
            signing_secret="secret-de-signature",
        )
        self.assertEqual(self.deliver(self.mailchimp_connector, genuine).status_code, 200)
        self.assertEqual(self.latest_consent(self.people[0]).state, "withdrawn")

    def test_mailchimp_address_validation(self):
        response = self.url_open(
            self.url(self.mailchimp_connector), headers={"User-Agent": "MailChimp.com WebHook Validator"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.events(self.mailchimp_connector))

    def test_malformed_json(self):
        response = self.deliver(self.mailjet_connector, (b'[{"event": ', {"Content-Type": "application/json"}))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Malformed JSON", json.loads(response.content)["message"])
        self.assertEqual(self.events(self.mailjet_connector).state, "error")
