{
    "name": "Association: memberships and tax receipts",
    "summary": "Dues without counterpart give a tax receipt; the political cap counts gifts and dues",
    "version": "18.0.1.0.0",
    "category": "Association",
    "license": "AGPL-3",
    "author": "Assoc contributors",
    "website": "https://github.com/assoc-odoo/assoc",
    "depends": ["assoc_membership", "assoc_receipts"],
    "data": [
        "views/assoc_membership_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
