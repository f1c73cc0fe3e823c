"""Exact French wording of the Cerfa models (domain-fr.md §1.3, §1.4, §2). Legal text, not UI text:
it is printed in French whatever the user's language."""

from .pdf_layout import REGULAR, Layout

OIG_MAIN = (
    "Œuvre ou organisme d'intérêt général ayant un caractère philanthropique, éducatif, scientifique, "
    "social, humanitaire, sportif, familial, culturel ou concourant à la mise en valeur du patrimoine "
    "artistique, à la défense de l'environnement naturel ou à la diffusion de la culture, de la langue "
    "et des connaissances scientifiques françaises"
)

# code: (label, is a sub-box of the OIG main box)
QUALITIES = {
    "association": ("Association loi 1901", True),
    "rup": (
        "Association ou fondation reconnue d'utilité publique par décret en date du {rup_decree_date} "
        "publié au Journal officiel du {rup_jo_date}",
        True,
    ),
    "university_foundation": (
        "Fondation universitaire ou fondation partenariale mentionnées respectivement "
        "aux articles L. 719-12 et L. 719-13 du code de l'éducation",
        True,
    ),
    "corporate_foundation": ("Fondation d'entreprise", True),
    "museum": ("Musée de France", True),
    "help_people": (
        "Organisme sans but lucratif fournissant gratuitement une aide alimentaire ou des soins "
        "médicaux à des personnes en difficultés ou favorisant leur logement",
        True,
    ),
    "other": ("Autres (précisez) : {quality_other}", True),
    "endowment_fund": ("Fonds de dotation", False),
}

FORMS = [
    ("notarial_deed", "Acte authentique"),
    ("private_deed", "Acte sous seing privé"),
    ("manual", "Déclaration de don manuel"),
    ("other", "Autres"),
]

NATURES_11580 = [
    ("cash", "Numéraire"),
    ("securities", "Titres de sociétés cotés"),
    ("waived_income", "Abandon exprès de revenus ou de produits"),
    ("waived_expenses", "Frais engagés par les bénévoles, dont ils renoncent expressément au remboursement"),
    ("in_kind", "Autres (précisez) : {in_kind_description}"),
]

METHODS_11580 = [
    ("cash", "Remise d'espèces"),
    ("cheque", "Chèque"),
    ("bank", "Virement, prélèvement, carte bancaire"),
]

METHODS_16216 = [
    ("cash", "Remise d'espèces"),
    ("cheque", "Chèque"),
    ("bank", "Virement, prélèvement ou carte bancaire"),
    ("other", "Autre"),
]


def quality_lines(org):
    """The main OIG box (when the chosen quality is one of its sub-boxes) and the chosen box only:
    printing only the box that applies is allowed (BOI-IR-RICI-250-40)."""
    label, under_oig = QUALITIES[org["quality"]]
    label = label.format(
        rup_decree_date=org.get("rup_decree_date") or "…",
        rup_jo_date=org.get("rup_jo_date") or "…",
        quality_other=org.get("quality_other") or "",
    )
    return [(OIG_MAIN, 0)] + [(label, 20)] if under_oig else [(label, 0)]


def open_receipt(values, cerfa, form, title, name_label, quality_label):
    """A receipt's layout with what both Cerfa models print first: header, number, the
    organisation and its quality."""
    number = values["number"]
    layout = Layout(f"Reçu fiscal {number}", f"Reçu n° {number} — Cerfa n° {cerfa}")
    header(layout, values, title, ["Cerfa", f"N° {cerfa}", form])
    org = values["org"]
    layout.heading("Organisme bénéficiaire des dons et versements")
    layout.field(name_label, org["name"])
    layout.field("Numéro SIREN ou RNA :", org["siren_rna"])
    address(layout, org)
    layout.field("Objet :", org["object"])
    layout.space(3)
    layout.text(quality_label, bold=True)
    for line, indent in quality_lines(org):
        layout.checkbox(line, True, indent=indent)
    return layout


def address(layout, party):
    layout.field("Adresse :", party["street"])
    layout.field("Code postal :", f"{party['zip']}    Commune : {party['city']}    Pays : {party['country']}")


def close_receipt(layout, values, footnotes):
    """Place, date, signature, thanks and the model's footnotes: the PDF bytes."""
    signature_block(layout, values)
    layout.space(4)
    for note in footnotes:
        layout.text(note, size=6.5)
    return layout.finish()


def header(layout, values, title, form_ids):
    if values.get("logo"):
        layout.image(values["logo"], 90, 45, y=layout.height - 36 - 45)
    layout.canvas.setFont(REGULAR, 8)
    for offset, form_id in enumerate(form_ids):
        layout.canvas.drawRightString(layout.width - 36, layout.height - 44 - offset * 11, form_id)
    layout.space(50)
    layout.centered(title)
    layout.space(4)
    layout.field("Numéro d'ordre du reçu :", values["number"])
    if values.get("replaces"):
        layout.text(f"Ce reçu annule et remplace le reçu n° {values['replaces']}.", size=8)
    if values.get("sender_address"):
        layout.text(values["sender_address"], size=7.5)


def signature_block(layout, values):
    layout.heading("Date et signature")
    layout.field("Fait à", f"{values['place']}, le {values['issue_date']}")
    layout.image(values.get("signature"), 120, 45, x=36 + 20)
    layout.text(f"{values['signatory_name']}, {values['signatory_role']}", indent=20)
    if values.get("thanks"):
        layout.space(4)
        layout.text(values["thanks"], size=8.5)
