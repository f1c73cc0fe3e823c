import csv
import hashlib
import hmac
import io
import json
import time

from odoo.tests.common import new_test_user

PROFILE_GROUPS = {
    "delegate": "assoc_contacts.group_assoc_territory_delegate",
    "collector": "assoc_contacts.group_assoc_regional_collector",
    "local_animator": "assoc_contacts.group_assoc_group_animator",
    "thematic_animator": "assoc_contacts.group_assoc_thematic_animator",
    "donor_relations": "assoc_contacts.group_assoc_donor_relations",
    "volunteer": "assoc_contacts.group_assoc_volunteer",
    "finance": "assoc_contacts.group_assoc_finance",
    "bureau": "assoc_contacts.group_assoc_bureau",
}


class AccessDataMixin:
    """A small French movement: contacts in Loire-Atlantique, Rhône and Corse, a local group in
    Nantes with its area, a thematic group, and one user per profile (password = login)."""

    @classmethod
    def setup_access_data(cls):
        env = cls.env
        Partner = env["res.partner"].with_context(tracking_disable=True)
        ref = env.ref
        cls.dep_44 = ref("assoc_contacts.territory_dep_44")
        cls.reg_84 = ref("assoc_contacts.territory_reg_84")
        cls.zone_nantes = env["assoc.territory"].create({
            "name": "Nantes centre", "kind": "zone", "zip_prefixes": "4400", "parent_id": cls.dep_44.id,
        })
        france = ref("base.fr").id
        cls.nantes_member = Partner.create({"name": "Yann Le Goff", "email": "yann.legoff@example.fr",
                                            "zip": "44000", "city": "Nantes", "country_id": france})
        cls.nantes_neighbour = Partner.create({"name": "Anne Riou", "email": "anne.riou@example.fr",
                                               "zip": "44000", "city": "Nantes", "country_id": france})
        cls.nantes_donor = Partner.create({"name": "Gaëlle Morvan", "email": "gaelle.morvan@example.fr",
                                           "zip": "44100", "city": "Nantes", "country_id": france})
        cls.nantes_donor.with_context(assoc_system_tags=True).category_id = ref("assoc_contacts.tag_donor")
        cls.lyon_contact = cls.partner_marie  # 69002, no donation
        cls.lyon_donor = Partner.create({"name": "Bruno Chabert", "email": "bruno.chabert@example.fr",
                                         "zip": "69003", "city": "Lyon", "country_id": france})
        env["assoc.engagement"].create({"partner_id": cls.lyon_donor.id,
                                        "type_id": ref("assoc_contacts.engagement_type_potential_donor").id})
        cls.ajaccio_contact = cls.partner_jean  # 20000, Corse-du-Sud
        cls.contacts = (cls.nantes_member | cls.nantes_neighbour | cls.nantes_donor | cls.lyon_contact
                        | cls.lyon_donor | cls.ajaccio_contact)

        cls.users = {
            profile: new_test_user(env, login=f"assoc_{profile}", groups=f"base.group_user,{group}",
                                   name=f"Test {profile}", password=f"assoc_{profile}_pwd!")
            for profile, group in PROFILE_GROUPS.items()
        }
        cls.users["delegate"].assoc_territory_ids = cls.dep_44
        cls.users["collector"].assoc_territory_ids = cls.reg_84

        cls.local_group = env["assoc.group"].create({
            "name": "Groupe local de Nantes", "group_type": "local", "territory_id": cls.zone_nantes.id,
            "animator_user_ids": [(6, 0, cls.users["local_animator"].ids)],
        })
        cls.thematic_group = env["assoc.group"].create({
            "name": "Pôle communication", "group_type": "thematic",
            "animator_user_ids": [(6, 0, cls.users["thematic_animator"].ids)],
        })
        cls.local_group.add_partners(cls.nantes_member | cls.users["volunteer"].partner_id)
        cls.thematic_group.add_partners(cls.lyon_contact)

        call = ref("assoc_contacts.interaction_type_call")
        cls.interactions = env["assoc.interaction"].create([
            {"partner_id": partner.id, "type_id": call.id, "name": f"Appel à {partner.name}"}
            for partner in cls.contacts
        ])

    @classmethod
    def visible(cls, profile, model="res.partner", domain=None):
        records = cls.env[model].with_user(cls.users[profile]).search(domain or [])
        return records.sudo()


class AccessHttpMixin:
    """What a browser or a script can call, logged in as one of the profile users: JSON-RPC,
    the export controller and the report routes (for HttpCase classes using AccessDataMixin)."""

    def _login(self, profile):
        self.authenticate(f"assoc_{profile}", f"assoc_{profile}_pwd!")

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": args, "kwargs": kwargs or {},
        })

    def csrf_token(self):
        """The token the web client would post, computed as odoo.http.Request.csrf_token does."""
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        max_ts = int(time.time() + 3600)
        digest = hmac.new(secret.encode("ascii"), f"{self.session.sid}{max_ts}".encode(), hashlib.sha1).hexdigest()
        return f"{digest}o{max_ts}"

    def _export(self, model, field_names, ids=None, domain=None):
        """Post to /web/export/csv as the list view's export dialog does; the response's rows."""
        data = json.dumps({
            "model": model, "fields": [{"name": name, "label": name} for name in field_names],
            "ids": ids or False, "domain": domain or [], "import_compat": False,
        })
        return self.url_open("/web/export/csv", data={"data": data, "csrf_token": self.csrf_token()})

    @staticmethod
    def _csv_rows(response):
        return list(csv.reader(io.StringIO(response.content.decode())))[1:]
