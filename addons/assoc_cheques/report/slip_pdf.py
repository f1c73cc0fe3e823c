"""Cheque remittance slip drawn with reportlab from a plain dict (see AssocChequeSlip._document_values)."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _register_fonts():
    """Each font on its own: another document (the label sheets) may have registered the regular one only."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (FONT, FONT_BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, f"{FONT_DIR}{name}.ttf"))


def _styles():
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4 * mm),
        "org": ParagraphStyle("org", fontName=FONT_BOLD, fontSize=11, leading=14),
        "text": ParagraphStyle("text", fontName=FONT, fontSize=9, leading=12),
    }


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _header(values, styles):
    flow = [
        Paragraph(_escape(values["title"]), styles["title"]),
        Paragraph(_escape(values["association"]), styles["org"]),
    ]
    flow += [Paragraph(_escape(line), styles["text"]) for line in values["address"]]
    flow.append(Spacer(0, 5 * mm))
    fields = Table([[label, value] for label, value in values["fields"]], colWidths=[45 * mm, 120 * mm])
    fields.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 9),
                ("FONT", (1, 0), (1, -1), FONT, 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return flow + [fields, Spacer(0, 6 * mm)]


def _cheque_table(values, width):
    amount_col = values["amount_column"]
    total_row = [""] * amount_col + [values["total"]]
    if amount_col:
        total_row[0] = values["total_label"]
    data = [values["columns"], *values["rows"], total_row]
    amount_width = 30 * mm
    other = (width - amount_width) / max(amount_col, 1)
    table = Table(data, colWidths=[other] * amount_col + [amount_width], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
                ("FONT", (0, 1), (-1, -2), FONT, 8.5),
                ("FONT", (0, -1), (-1, -1), FONT_BOLD, 9),
                ("ALIGN", (amount_col, 0), (amount_col, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.Color(0.95, 0.95, 0.95)]),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def render_slip_pdf(values):
    """Return the PDF bytes of one slip; identical values give identical bytes."""
    _register_fonts()
    buffer = io.BytesIO()
    footer = values["footer"]

    def draw_footer(canvas, doc):
        canvas.setFont(FONT, 7.5)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"{footer} — {doc.page}")

    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=f"{values['title']} {footer}",
        author=values["association"],
        invariant=1,
    )
    story = _header(values, _styles()) + [_cheque_table(values, doc.width)]
    doc.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()
