"""CSV and XLSX exports of a slip, from a header and rows (see AssocChequeSlip._export_table):
dates written the French way, columns wide enough for drawers' names."""

from odoo.addons.assoc_contacts.tools.tabular import to_csv, to_xlsx


def slip_csv(header, rows):
    return to_csv(header, rows, date_format="%d/%m/%Y")


def slip_xlsx(header, rows, sheet_name):
    return to_xlsx(sheet_name, header, rows, column_width=18)
