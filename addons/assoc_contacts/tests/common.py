from odoo.tests import TransactionCase


class AssocContactsCase(TransactionCase):
    def _sql_insert_partners(self, rows):
        """Insert partners with raw SQL, as the generator and bulk imports do, filling the NOT NULL
        columns that installed addons add (e.g. account's autopost_bills) from the ORM defaults."""
        self.env["res.partner"].flush_model()
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner' "
            "AND is_nullable = 'NO' AND column_default IS NULL AND column_name != 'id'"
        )
        required = [column for (column,) in self.env.cr.fetchall()]
        defaults = self.env["res.partner"].default_get(required)
        ids = []
        for row in rows:
            values = {column: defaults.get(column) for column in required} | row
            columns = list(values)
            self.env.cr.execute(
                f"INSERT INTO res_partner ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
                "RETURNING id",
                [values[column] for column in columns],
            )
            ids.append(self.env.cr.fetchone()[0])
        return ids

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
