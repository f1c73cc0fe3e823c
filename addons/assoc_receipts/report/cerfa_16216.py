"""Cerfa n° 16216*03 (form 2041-MEC-SD): receipt for gifts by companies, art. 238 bis CGI
(domain-fr.md §2). render(values) -> PDF bytes; same dict as cerfa_11580 except donor
{name, legal_form, siren, street, zip, city, country}, amount_cash, amount_in_kind,
in_kind_description, period_from, period_to."""

from . import cerfa_labels as labels
from .amount_words import amount_to_words_fr, format_amount_fr

TITLE = (
    "Reçu des dons et versements effectués par les entreprises au titre de l'article 238 bis du code général des impôts"
)
FOOTNOTES = [
    "L'organisme bénéficiaire indique la valeur des dons en nature déclarée par l'entreprise donatrice ; "
    "il ne peut délivrer de reçu pour des biens ou prestations qu'il n'a pas acceptés. La description "
    "peut figurer sur une feuille annexe signée.",
    "Un même reçu peut couvrir plusieurs dons et versements effectués au cours d'une période (mois, "
    "trimestre, année) mais ne peut pas couvrir deux exercices de l'entreprise.",
    "L'organisme peut vérifier qu'il remplit les conditions pour délivrer ce reçu par la procédure de "
    "rescrit prévue à l'article L. 80 C du livre des procédures fiscales. La délivrance irrégulière de "
    "reçus est passible de l'amende prévue à l'article 1740 A du code général des impôts.",
]
RECEIVED = (
    "L'organisme bénéficiaire reconnaît avoir reçu, au titre de la réduction d'impôt prévue à "
    "l'article 238 bis du code général des impôts, "
)


def render(values):
    layout = labels.open_receipt(
        values, "16216*03", "2041-MEC-SD", TITLE, "Dénomination de l'organisme :", "Cochez la case qui vous concerne :"
    )

    donor = values["donor"]
    layout.heading("Entreprise donatrice")
    layout.field("Dénomination de l'entreprise :", donor["name"])
    layout.field("Forme juridique :", donor["legal_form"])
    layout.field("Numéro SIREN :", donor["siren"])
    labels.address(layout, donor)

    layout.heading("Dons et versements reçus")
    layout.text(RECEIVED + "des dons en nature pour une valeur en euros égale à :")
    layout.framed_amount(format_amount_fr(values["amount_in_kind"]), amount_to_words_fr(values["amount_in_kind"]))
    layout.text(
        "Description exhaustive des biens et prestations reçus et acceptés (nature et quantité) et "
        "détail des salariés mis à disposition :"
    )
    layout.text(values.get("in_kind_description") or "—", indent=20)
    layout.space(3)
    layout.text(RECEIVED + "des versements pour une valeur totale égale à :")
    layout.framed_amount(format_amount_fr(values["amount_cash"]), amount_to_words_fr(values["amount_cash"]))
    layout.text("Forme des versements :", bold=True)
    layout.checkboxes(labels.METHODS_16216, values["methods"], indent=20)
    layout.space(3)
    layout.text("Montant total des dons et versements reçus par l'organisme :", bold=True)
    layout.framed_amount(format_amount_fr(values["amount"]), amount_to_words_fr(values["amount"]))
    layout.field(
        "Date ou période au cours de laquelle les dons et versements ont été effectués :",
        f"du {values['period_from']} au {values['period_to']}",
    )

    return labels.close_receipt(layout, values, FOOTNOTES)
