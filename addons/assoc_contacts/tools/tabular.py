"""CSV (semicolon, UTF-8 with BOM, decimal comma: what French spreadsheets open as is) and
XLSX files from a header and rows of dates, numbers and texts, for every Assoc export."""

import csv
import datetime
import io

import xlsxwriter

XLSX_SHEET_NAME_MAX = 31


def _csv_cell(value, date_format):
    if isinstance(value, datetime.date):
        return value.strftime(date_format)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return value


def to_csv(headers, rows, date_format="%Y-%m-%d"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_csv_cell(value, date_format) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheet_name, headers, rows, column_width=None):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name[:XLSX_SHEET_NAME_MAX])
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    money_format = workbook.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, headers, workbook.add_format({"bold": True}))
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(index, column, datetime.datetime.combine(value, datetime.time()), date_format)
            elif isinstance(value, float):
                sheet.write_number(index, column, value, money_format)
            else:
                sheet.write(index, column, value)
    if column_width:
        sheet.set_column(0, len(headers) - 1, column_width)
    workbook.close()
    return buffer.getvalue()
