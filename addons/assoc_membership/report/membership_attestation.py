"""Membership attestation (attestation d'adhésion), A4, one per page.

Fed by plain dicts: association, association_lines (address, registration), logo (bytes or
None), title, paragraphs (list of sentences), place_date, signatory, qr_url, qr_caption."""

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from .pdf_common import FONT, FONT_BOLD, draw_qr, image_reader, register_fonts

LEFT = 25 * mm
WIDTH = A4[0] - 2 * LEFT


def _draw_header(canvas, attestation, logo):
    top = A4[1] - 25 * mm
    text_left = LEFT
    if logo:
        canvas.drawImage(logo, LEFT, top - 20 * mm, 25 * mm, 25 * mm, preserveAspectRatio=True, mask="auto")
        text_left = LEFT + 30 * mm
    canvas.setFont(FONT_BOLD, 14)
    canvas.drawString(text_left, top, attestation["association"])
    canvas.setFont(FONT, 9)
    for index, line in enumerate(attestation["association_lines"]):
        canvas.drawString(text_left, top - (6 + 4.5 * index) * mm, line)


def _draw_body(canvas, attestation):
    canvas.setFillColor(HexColor("#1F5F8B"))
    canvas.setFont(FONT_BOLD, 18)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 75 * mm, attestation["title"])
    canvas.setFillColor(HexColor("#222222"))
    y = A4[1] - 95 * mm
    for paragraph in attestation["paragraphs"]:
        for line in simpleSplit(paragraph, FONT, 11, WIDTH):
            canvas.setFont(FONT, 11)
            canvas.drawString(LEFT, y, line)
            y -= 6 * mm
        y -= 4 * mm
    y -= 6 * mm
    canvas.drawString(LEFT + WIDTH / 2, y, attestation["place_date"])
    if attestation.get("signatory"):
        canvas.drawString(LEFT + WIDTH / 2, y - 7 * mm, attestation["signatory"])


def _draw_footer(canvas, attestation):
    draw_qr(canvas, attestation["qr_url"], LEFT, 20 * mm, 25 * mm)
    canvas.setFont(FONT, 8)
    for index, line in enumerate(simpleSplit(attestation["qr_caption"], FONT, 8, WIDTH - 30 * mm)):
        canvas.drawString(LEFT + 30 * mm, 40 * mm - index * 4 * mm, line)


def render_attestations(attestations, logo=None):
    """PDF bytes with one A4 attestation per page."""
    register_fonts()
    logo_image = image_reader(logo)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    canvas.setTitle(attestations[0]["title"] if attestations else "")
    for attestation in attestations:
        _draw_header(canvas, attestation, logo_image)
        _draw_body(canvas, attestation)
        _draw_footer(canvas, attestation)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
