{
    "name": "Association: cheques and remittance slips",
    "summary": "Cheque register and bank remittance slips",
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
