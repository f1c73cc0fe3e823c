{
    "name": "Association: gifts paid by cheque",
    "summary": "Cheque details on the gift form; a returned cheque cancels the gift, its income and its receipt",
    "version": "18.0.1.0.0",
    "category": "Association",
    "license": "AGPL-3",
    "author": "Assoc contributors",
    "website": "https://github.com/assoc-odoo/assoc",
    "depends": ["assoc_cheques", "assoc_receipts"],
    "data": ["views/assoc_donation_views.xml"],
    "auto_install": True,
    "installable": True,
}
