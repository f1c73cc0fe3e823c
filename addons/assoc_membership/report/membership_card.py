"""Membership card, credit-card size (85.6 × 54 mm), one per page or ten per A4 sheet.

Fed by plain dicts: association, logo (bytes or None), title, member_name, number_label,
member_number, type_name, validity (a sentence), qr_url."""

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .pdf_common import FONT, FONT_BOLD, draw_qr, fit_text, image_reader, register_fonts

CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm
SHEET_COLUMNS, SHEET_ROWS = 2, 5
ACCENT = HexColor("#1F5F8B")


LOGO_FORM = "assoc_card_logo"
LOGO_SIZE = 10 * mm


def define_logo(canvas, logo_image):
    """The logo as a form XObject: embedded once, drawn on every card."""
    canvas.beginForm(LOGO_FORM, 0, 0, LOGO_SIZE, LOGO_SIZE)
    canvas.drawImage(logo_image, 0, 0, LOGO_SIZE, LOGO_SIZE, preserveAspectRatio=True, mask="auto")
    canvas.endForm()


def draw_card(canvas, card, x, y, logo=False):
    """Draw one card with its lower-left corner at (x, y); `logo`: the logo form is defined."""
    canvas.saveState()
    canvas.setStrokeColor(HexColor("#BBBBBB"))
    canvas.setLineWidth(0.3)
    canvas.roundRect(x, y, CARD_WIDTH, CARD_HEIGHT, 3 * mm)
    canvas.setFillColor(ACCENT)
    canvas.rect(x, y + CARD_HEIGHT - 12 * mm, CARD_WIDTH, 12 * mm, stroke=0, fill=1)
    text_left = x + 4 * mm
    if logo:
        canvas.saveState()
        canvas.translate(x + 2.5 * mm, y + CARD_HEIGHT - 11 * mm)
        canvas.doForm(LOGO_FORM)
        canvas.restoreState()
        text_left = x + 14 * mm
    canvas.setFillColor(HexColor("#FFFFFF"))
    width = x + CARD_WIDTH - 3 * mm - text_left
    canvas.setFont(FONT_BOLD, fit_text(card["association"], FONT_BOLD, 9, width))
    canvas.drawString(text_left, y + CARD_HEIGHT - 6 * mm, card["association"])
    canvas.setFont(FONT, 7)
    canvas.drawString(text_left, y + CARD_HEIGHT - 10 * mm, card["title"])
    canvas.setFillColor(HexColor("#222222"))
    text_width = CARD_WIDTH - 32 * mm
    canvas.setFont(FONT_BOLD, fit_text(card["member_name"], FONT_BOLD, 11, text_width))
    canvas.drawString(x + 4 * mm, y + 33 * mm, card["member_name"])
    canvas.setFont(FONT, 7.5)
    canvas.drawString(x + 4 * mm, y + 27 * mm, f"{card['number_label']} {card['member_number']}")
    canvas.setFont(FONT, fit_text(card["type_name"], FONT, 7.5, text_width))
    canvas.drawString(x + 4 * mm, y + 22 * mm, card["type_name"])
    canvas.setFont(FONT, fit_text(card["validity"], FONT, 7, text_width))
    canvas.drawString(x + 4 * mm, y + 6 * mm, card["validity"])
    draw_qr(canvas, card["qr_url"], x + CARD_WIDTH - 26 * mm, y + 4 * mm, 22 * mm)
    canvas.restoreState()


def render_cards(cards, layout="single", logo=None):
    """PDF bytes: one card per page (layout "single") or ten per A4 page ("sheet")."""
    register_fonts()
    logo_image = image_reader(logo)
    buffer = io.BytesIO()
    page_size = (CARD_WIDTH, CARD_HEIGHT) if layout == "single" else A4
    canvas = Canvas(buffer, pagesize=page_size, invariant=True, pageCompression=1)
    canvas.setTitle(cards[0]["title"] if cards else "")
    if logo_image:
        define_logo(canvas, logo_image)
    logo_image = bool(logo_image)
    if layout == "single":
        for card in cards:
            draw_card(canvas, card, 0, 0, logo_image)
            canvas.showPage()
    else:
        per_page = SHEET_COLUMNS * SHEET_ROWS
        margin_x = (A4[0] - SHEET_COLUMNS * CARD_WIDTH) / 2
        margin_y = (A4[1] - SHEET_ROWS * CARD_HEIGHT) / 2
        for start in range(0, len(cards), per_page):
            for index, card in enumerate(cards[start : start + per_page]):
                column, row = index % SHEET_COLUMNS, index // SHEET_COLUMNS
                draw_card(
                    canvas, card, margin_x + column * CARD_WIDTH, A4[1] - margin_y - (row + 1) * CARD_HEIGHT, logo_image
                )
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()
