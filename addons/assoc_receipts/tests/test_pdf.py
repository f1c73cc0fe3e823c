import io

from pdfminer.high_level import extract_text

from odoo.exceptions import UserError

# Every mention of domain-fr.md §1.3 (Cerfa 11580*05) and §2 (Cerfa 16216*03), as extracted text.
MENTIONS_11580 = [
    "Reçu des dons et versements effectués par les particuliers au titre des articles 200 et 978 du code "
    "général des impôts",
    "2041-RD",
    "N° 11580*05",
    "Numéro d'ordre du reçu",
    "Organisme bénéficiaire des dons et versements",
    "Nom ou dénomination :",
    "Numéro SIREN ou RNA :",
    "Adresse :",
    "Objet :",
    "Œuvre ou organisme d'intérêt général ayant un caractère philanthropique",
    "Association loi 1901",
    "Donateur",
    "Nom :",
    "Prénoms :",
    "Code postal :",
    "Commune :",
    "Pays :",
    "Le bénéficiaire reconnaît avoir reçu des dons et versements ouvrant droit à réduction d'impôt d'un montant de :",
    "euros",
    "Somme en toutes lettres :",
    "Date du versement ou du don :",
    "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit à la "
    "réduction d'impôt prévue à l'article",
    "200 du CGI",
    "978 du CGI",
    "Forme du don",
    "Acte authentique",
    "Acte sous seing privé",
    "Déclaration de don manuel",
    "Autres",
    "Nature du don",
    "Numéraire",
    "Titres de sociétés cotés",
    "Abandon exprès de revenus ou de produits",
    "Frais engagés par les bénévoles, dont ils renoncent expressément au remboursement",
    "Autres (précisez)",
    "En cas de don en numéraire, mode de versement du don :",
    "Remise d'espèces",
    "Chèque",
    "Virement, prélèvement, carte bancaire",
    "Date et signature",
    "L. 80 C du livre des procédures fiscales",
    "1740 A du code général des impôts",
]
MENTIONS_16216 = [
    "Reçu des dons et versements effectués par les entreprises au titre de l'article 238 bis du code "
    "général des impôts",
    "2041-MEC-SD",
    "N° 16216*03",
    "Numéro d'ordre du reçu",
    "Organisme bénéficiaire des dons et versements",
    "Dénomination de l'organisme :",
    "Numéro SIREN ou RNA :",
    "Objet :",
    "Cochez la case qui vous concerne :",
    "Entreprise donatrice",
    "Dénomination de l'entreprise :",
    "Forme juridique :",
    "Numéro SIREN :",
    "L'organisme bénéficiaire reconnaît avoir reçu, au titre de la réduction d'impôt prévue à l'article 238 bis "
    "du code général des impôts, des dons en nature pour une valeur en euros égale à :",
    "Description exhaustive des biens et prestations reçus et acceptés (nature et quantité) et détail des "
    "salariés mis à disposition :",
    "des versements pour une valeur totale égale à :",
    "Forme des versements :",
    "Remise d'espèces",
    "Chèque",
    "Virement, prélèvement ou carte bancaire",
    "Autre",
    "Montant total des dons et versements reçus par l'organisme :",
    "Date ou période au cours de laquelle les dons et versements ont été effectués :",
    "Date et signature",
]


def pdf_text(data):
    return " ".join(extract_text(io.BytesIO(data)).split())


class PdfTests:
    """The stored PDFs carry every mandatory mention as real text."""

    def assertMentions(self, text, mentions):
        missing = [mention for mention in mentions if mention not in text]
        self.assertFalse(missing, "mentions missing from the PDF text")

    def test_cerfa_11580_mentions(self):
        donation = self.make_donation(self.marie, 1234.5, date="2025-03-14")
        receipt = donation.receipt_id
        text = pdf_text(receipt.attachment_id.raw)
        self.assertMentions(text, MENTIONS_11580)
        for value in [
            receipt.name,
            "Les Amis du Littoral",
            "W442012345",
            "14 quai de la Fosse",
            "44000",
            "Nantes",
            "Protection et mise en valeur du littoral atlantique",
            "Dupont",
            "Marie",
            "12 rue de la République",
            "69002",
            "Lyon",
            "France",
            "***1 234,50***",
            "mille deux cent trente-quatre euros et cinquante centimes",
            "14/03/2025",
            "Claire Martin, Présidente",
            "Merci pour votre soutien",
        ]:
            self.assertIn(value, text)

    def test_cerfa_16216_for_companies(self):
        gift = self.make_donation(self.chantiers, 2000.0, date="2025-05-05", method="transfer")
        in_kind = self.make_donation(
            self.chantiers,
            350.0,
            date="2025-05-20",
            method=False,
            nature="in_kind",
            in_kind_description="Prêt d'un bateau de servitude, 2 jours",
        )
        receipt = self.env["assoc.tax.receipt"].browse(in_kind.receipt_id.id)
        text = pdf_text(receipt.attachment_id.raw)
        self.assertMentions(text, MENTIONS_16216)
        for value in [
            "Chantiers de l'Atlantique",
            "SAS",
            "552100554",
            "Avenue Bourdelle",
            "Saint-Nazaire",
            "trois cent cinquante euros",
            "Prêt d'un bateau de servitude, 2 jours",
            "du 20/05/2025 au 20/05/2025",
        ]:
            self.assertIn(value, text)
        self.assertIn("deux mille euros", pdf_text(gift.receipt_id.attachment_id.raw))

    def test_annual_summary_says_cumul_and_ticks_every_method(self):
        self.company.assoc_receipt_mode = "annual"
        (
            self.make_donation(self.jean, 200.0, date="2025-02-01")
            | self.make_donation(self.jean, 300.0, date="2025-11-30", method="transfer")
        )
        receipts = self.env["assoc.tax.receipt"]._assoc_issue_for_donations(
            self.env["assoc.donation"].search([("partner_id", "=", self.jean.id)]), mode="annual"
        )
        text = pdf_text(receipts.attachment_id.raw)
        self.assertIn("Date du versement ou du don : cumul 2025", text)
        self.assertIn("cinq cents euros", text)

    def test_organisation_data_must_be_complete(self):
        self.company.assoc_receipt_object = False
        donation = self.make_donation(self.marie, 10.0, validate=False)
        with self.assertRaisesRegex(UserError, "object"):
            donation.action_validate()
        self.assertEqual(donation.state, "draft", "nothing is half-saved")
