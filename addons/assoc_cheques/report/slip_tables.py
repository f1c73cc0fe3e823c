"""CSV and XLSX exports of a slip, from a header and rows (see AssocChequeSlip._export_table)."""

import csv
import datetime
import io

import xlsxwriter


def _csv_cell(value):
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def slip_csv(header, rows):
    """Semicolon-separated, decimal comma, UTF-8 with BOM: what a French spreadsheet opens as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def slip_xlsx(header, rows, sheet_name):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, header, bold)
    for index, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, float):
                sheet.write_number(index, col, value, money)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(index, col, datetime.datetime.combine(value, datetime.time()), day)
            else:
                sheet.write_string(index, col, value or "")
    sheet.set_column(0, len(header) - 1, 18)
    workbook.close()
    return buffer.getvalue()
