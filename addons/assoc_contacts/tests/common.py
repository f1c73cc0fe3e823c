from odoo.tests import TransactionCase


class AssocContactsCase(TransactionCase):
    """Realistic French data shared by the assoc_contacts tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.country_fr = cls.env.ref("base.fr")
        cls.partner_marie = cls.env["res.partner"].create(
            {
                "name": "Marie Dupont",
                "email": "marie.dupont@example.fr",
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "country_id": cls.country_fr.id,
            }
        )
        cls.partner_jean = cls.env["res.partner"].create(
            {
                "name": "Jean Lefèvre",
                "email": "jean.lefevre@example.fr",
                "street": "3 cours Napoléon",
                "zip": "20000",
                "city": "Ajaccio",
                "country_id": cls.country_fr.id,
            }
        )
        cls.type_call = cls.env.ref("assoc_contacts.interaction_type_call")
        cls.tag_member = cls.env.ref("assoc_contacts.tag_member")
