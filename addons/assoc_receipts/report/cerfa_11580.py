"""Cerfa n° 11580*05 (form 2041-RD): receipt for gifts by individuals (domain-fr.md §1.3).

render(values) -> PDF bytes; values is a plain dict (see tests/common.py for a full example):
number, replaces, logo, signature (PNG bytes), sender_address, org {name, siren_rna, street, zip,
city, country, object, quality, quality_other, rup_decree_date, rup_jo_date}, articles (set of
"200"/"978"), donor {lastname, firstnames, street, zip, city, country}, amount, date_label,
forms, natures, methods (sets of codes), in_kind_description, place, issue_date,
signatory_name, signatory_role, thanks."""

from . import cerfa_labels as labels
from .amount_words import amount_to_words_fr, format_amount_fr

TITLE = (
    "Reçu des dons et versements effectués par les particuliers au titre des articles 200 et 978 "
    "du code général des impôts"
)
FOOTNOTES = [
    "(1) ou n'ouvrent droit à réduction d'impôt que pour une fraction du montant versé : pour les dons "
    "en nature et les titres de sociétés cotés, indiquer la valeur retenue par l'organisme, sous la "
    "responsabilité du donateur.",
    "(2) Les versements effectués au titre de l'article 978 du CGI (impôt sur la fortune immobilière) "
    "ne peuvent l'être qu'en numéraire ou en titres de sociétés cotés.",
    "(3) L'organisme peut vérifier qu'il remplit les conditions pour délivrer ce reçu par la procédure "
    "de rescrit prévue à l'article L. 80 C du livre des procédures fiscales.",
    "(4) La délivrance irrégulière de reçus fiscaux est passible de l'amende prévue à l'article 1740 A "
    "du code général des impôts.",
]


def render(values):
    layout = labels.open_receipt(
        values, "11580*05", "2041-RD", TITLE, "Nom ou dénomination :", "Qualité de l'organisme :"
    )

    donor = values["donor"]
    layout.heading("Donateur")
    layout.field("Nom :", donor["lastname"])
    layout.field("Prénoms :", donor["firstnames"])
    labels.address(layout, donor)

    layout.heading("Dons et versements")
    layout.text(
        "Le bénéficiaire reconnaît avoir reçu des dons et versements ouvrant droit à réduction "
        "d'impôt d'un montant de :"
    )
    layout.framed_amount(format_amount_fr(values["amount"]), amount_to_words_fr(values["amount"]))
    layout.field("Date du versement ou du don :", values["date_label"])
    layout.text(
        "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent "
        "droit à la réduction d'impôt prévue à l'article (1) :"
    )
    layout.checkboxes([("200", "200 du CGI"), ("978", "978 du CGI (2)")], values["articles"], indent=20)
    layout.text("Forme du don :", bold=True)
    layout.checkboxes(labels.FORMS, values["forms"], indent=20)
    layout.text("Nature du don :", bold=True)
    natures = [
        (code, label.format(in_kind_description=values.get("in_kind_description") or ""))
        for code, label in labels.NATURES_11580
    ]
    layout.checkboxes(natures, values["natures"], indent=20)
    layout.text("En cas de don en numéraire, mode de versement du don :", bold=True)
    layout.checkboxes(labels.METHODS_11580, values["methods"], indent=20)

    return labels.close_receipt(layout, values, FOOTNOTES)
