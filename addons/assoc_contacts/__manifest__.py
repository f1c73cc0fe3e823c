{
    "name": "Association: contacts",
    "summary": "Contacts, engagement, groups, segments, interactions and access rules "
    "for French associations",
    "version": "18.0.1.0.0",
    "category": "Association",
    "license": "AGPL-3",
    "author": "Assoc contributors",
    "website": "https://github.com/assoc-odoo/assoc",
    "depends": ["contacts", "mail", "portal", "base_import", "phone_validation"],
    "data": [
        "security/assoc_security.xml",
        "security/ir.model.access.csv",
        "data/res_partner_category_data.xml",
        "data/assoc_interaction_type_data.xml",
        "views/assoc_interaction_views.xml",
        "views/res_partner_views.xml",
        "views/assoc_menus.xml",
    ],
    "installable": True,
    "application": True,
}
