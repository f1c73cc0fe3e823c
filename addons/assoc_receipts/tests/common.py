import base64
import io

from PIL import Image, ImageDraw

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def png_bytes(text, size=(240, 80)):
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).text((10, 30), text, fill="navy")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class AssocReceiptsCase(AccountTestInvoicingCommon):
    """A French association on the French chart, with individual and company donors."""

    @classmethod
    def get_default_groups(cls):
        """The treasurer: accounting rights and the association's Finance profile."""
        return super().get_default_groups() | cls.env.ref("assoc_contacts.group_assoc_finance")

    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.company_data["company"]
        cls.company.write(
            {
                "name": "Les Amis du Littoral",
                "street": "14 quai de la Fosse",
                "zip": "44000",
                "city": "Nantes",
                "email": "contact@amis-du-littoral.fr",
                "assoc_siren_rna": "W442012345",
                "assoc_receipt_object": "Protection et mise en valeur du littoral atlantique",
                "assoc_receipt_quality": "association",
                "assoc_receipt_signatory_name": "Claire Martin",
                "assoc_receipt_signatory_role": "Présidente",
                "assoc_receipt_signature": base64.b64encode(png_bytes("C. Martin")),
                "assoc_receipt_logo": base64.b64encode(png_bytes("Amis du Littoral")),
                "assoc_receipt_thanks": "Merci pour votre soutien à la protection du littoral !",
                "assoc_receipt_mode": "per_gift",
                "assoc_receipt_send": "manual",
            }
        )
        Partner = cls.env["res.partner"]
        cls.marie = Partner.create(
            {
                "name": "Marie Dupont",
                "firstname": "Marie",
                "lastname": "Dupont",
                "email": "marie.dupont@example.fr",
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.jean = Partner.create(
            {
                "name": "Jean Lefèvre",
                "firstname": "Jean",
                "lastname": "Lefèvre",
                "email": "jean.lefevre@example.fr",
                "street": "3 cours Napoléon",
                "zip": "20000",
                "city": "Ajaccio",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.chantiers = Partner.create(
            {
                "name": "Chantiers de l'Atlantique",
                "is_company": True,
                "company_registry": "552100554",
                "assoc_legal_form": "SAS",
                "email": "mecenat@chantiers-atlantique.example",
                "street": "Avenue Bourdelle",
                "zip": "44600",
                "city": "Saint-Nazaire",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.incomplete = Partner.create(
            {"name": "Paul Sansadresse", "firstname": "Paul", "lastname": "Sansadresse", "email": "paul@example.fr"}
        )
        cls.campaign = cls.env["utm.campaign"].create({"name": "Appel de fin d'année 2025"})

    @classmethod
    def make_donation(cls, partner, amount, date="2025-03-14", method="cheque", validate=True, **vals):
        donation = cls.env["assoc.donation"].create(
            {
                "partner_id": partner.id,
                "amount": amount,
                "date": date,
                "payment_method": method,
                "company_id": cls.company.id,
                **vals,
            }
        )
        if validate:
            donation.action_validate()
        return donation
