{
    "name": "Association: dues paid by cheque",
    "summary": "Cheque details on the membership form; a returned cheque flags and cancels the membership",
    "version": "18.0.1.0.0",
    "category": "Association",
    "license": "AGPL-3",
    "author": "Assoc contributors",
    "website": "https://github.com/assoc-odoo/assoc",
    "depends": ["assoc_cheques", "assoc_membership"],
    "data": ["views/assoc_membership_views.xml"],
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
