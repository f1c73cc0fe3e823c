from odoo.tests import JsonRpcException, tagged

from .test_portal import AssocPortalCase


@tagged("post_install", "-at_install")
class TestPortalSecurity(AssocPortalCase):
    """What a member must not reach by changing ids or calling the JSON-RPC API."""

    def call_kw(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assert_denied(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(model, method, *args, **kwargs)
        self.assertIn("AccessError", str(caught.exception))

    def test_other_contacts_cannot_be_read_or_searched(self):
        self._login(self.user_jean)
        self.assert_denied("res.partner", "read", [self.marie.id], ["name", "email", "phone"])
        self.assert_denied("res.partner", "read", [self.elise.id], ["name"])
        found = self.call_kw("res.partner", "search_read", [], ["name"])
        self.assertEqual({row["id"] for row in found}, {self.jean.id})
        self.assertFalse(self.call_kw("res.partner", "name_search", "Dupont"))
        self.assertFalse(self.call_kw("res.partner", "search_count", [("assoc_directory_optin", "=", True)]))

    def test_directory_entry_not_opted_in_is_out_of_reach(self):
        """Jean did not opt in: a member of the directory reaches him neither by URL nor by RPC."""
        self._login(self.user_marie)
        for url in (
            "/my/directory?search=Lef",
            "/my/directory?letter=L",
            f"/my/directory?partner_id={self.jean.id}",
            f"/my/directory?search={self.jean.email}",
            "/my/directory/page/2?letter=L",
        ):
            page = self.url_open(url).text
            self.assertNotIn("Lefèvre", page, url)
            self.assertNotIn("Ajaccio", page, url)
        self.assert_denied("res.partner", "read", [self.jean.id], ["name", "city"])
        self.assert_denied("res.partner", "web_read", [self.jean.id], {"name": {}, "city": {}})
        self.assertFalse(self.call_kw("res.partner", "search_read", [("id", "=", self.jean.id)], ["name"]))
        self.assertFalse(self.call_kw("res.partner", "read_group", [("lastname", "=", "Lefèvre")], ["city"], ["city"]))

    def test_own_contact_cannot_be_changed_through_rpc(self):
        """Only the member space form, with its whitelist, changes the member's contact."""
        self._login(self.user_jean)
        self.assert_denied("res.partner", "write", [self.jean.id], {"assoc_directory_optin": True})
        self.assert_denied("res.partner", "write", [self.jean.id], {"category_id": [(4, self.tag_member.id)]})
        self.assertFalse(self.jean.assoc_directory_optin)

    def test_interactions_and_consents_of_others_are_out_of_reach(self):
        event = self.env.ref("assoc_contacts.interaction_type_event")
        call = self.env.ref("assoc_contacts.interaction_type_call")
        marie_event, jean_event, jean_call = self.env["assoc.interaction"].create(
            [
                {"partner_id": self.marie.id, "type_id": event.id, "name": "Fête de l'association"},
                {"partner_id": self.jean.id, "type_id": event.id, "name": "Assemblée générale"},
                {"partner_id": self.jean.id, "type_id": call.id, "name": "Appel interne"},
            ]
        )
        self.env["assoc.consent"].create({"partner_id": self.marie.id, "channel": "post", "state": "granted"})
        self._login(self.user_jean)
        self.assert_denied("assoc.interaction", "read", [marie_event.id], ["name"])
        self.assert_denied("assoc.interaction", "read", [jean_call.id], ["name"])
        rows = self.call_kw("assoc.interaction", "search_read", [], ["name"])
        self.assertEqual([row["id"] for row in rows], [jean_event.id])
        self.assert_denied("assoc.interaction", "write", [jean_event.id], {"name": "Modifié"})
        self.assert_denied("assoc.consent", "search_read", [], ["partner_id"])
        self.assert_denied("assoc.custom.field", "search_read", [], ["label"])

    def test_back_office_is_closed(self):
        self._login(self.user_marie)
        for url in ("/odoo", "/web", "/odoo/contacts", "/odoo/action-assoc_contacts.action_assoc_contacts"):
            response = self.url_open(url)
            self.assertNotIn("/odoo", response.url.replace(self.base_url(), ""), url)
            self.assertNotIn("web.assets_web", response.text, url)
            self.assertNotIn("o_web_client", response.text, url)
        self.assert_denied(
            "res.users", "write", [self.user_marie.id], {"groups_id": [(4, self.env.ref("base.group_user").id)]}
        )

    def test_public_visitor_sees_no_member_page(self):
        for url in ("/my/member", "/my/directory", "/my/history"):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)
