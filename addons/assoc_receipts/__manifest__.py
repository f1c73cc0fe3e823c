{
    "name": "Association: donations and tax receipts",
    "summary": "Donations and Cerfa tax receipts, per gift and annual, with the fiscal statements",
    "version": "18.0.1.0.0",
    "category": "Association",
    "license": "AGPL-3",
    "author": "Assoc contributors",
    "website": "https://github.com/assoc-odoo/assoc",
    "depends": ["assoc_contacts", "account", "l10n_fr_account", "utm"],
    "data": [
        "views/assoc_menus.xml",
    ],
    "installable": True,
}
