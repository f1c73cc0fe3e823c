{
    "name": "Association: memberships",
    "summary": "Memberships with validity periods, member status, attestations, cards and renewals",
    "version": "18.0.1.0.0",
    "category": "Association",
    "license": "AGPL-3",
    "author": "Assoc contributors",
    "website": "https://github.com/assoc-odoo/assoc",
    "depends": ["assoc_contacts", "account"],
    "data": [
        "views/assoc_menus.xml",
    ],
    "installable": True,
}
