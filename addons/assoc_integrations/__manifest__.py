{
    "name": "Association: integrations",
    "summary": "HelloAsso, emailing tools (Brevo, Mailjet, Mailchimp) and inbound webhooks",
    "version": "18.0.1.0.0",
    "category": "Association",
    "license": "AGPL-3",
    "author": "Assoc contributors",
    "website": "https://github.com/assoc-odoo/assoc",
    "depends": ["assoc_membership", "assoc_receipts"],
    "data": [
        "views/assoc_menus.xml",
    ],
    "installable": True,
}
