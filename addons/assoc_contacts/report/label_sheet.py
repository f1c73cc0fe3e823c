"""Address label sheets drawn with reportlab: one label per address, left to right then top to
bottom, on A4 sheets of Avery labels. Fed by plain lists of lines; identical input gives
identical bytes."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_NAME = "DejaVuSans"
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# Avery sheet geometry (mm): columns, rows, label width and height, left and top margins, pitches.
LAYOUTS = {
    "L7160": {"columns": 3, "rows": 7, "width": 63.5, "height": 38.1, "left": 7.2, "top": 15.15,
              "pitch_x": 66.04, "pitch_y": 38.1},
    "L7163": {"columns": 2, "rows": 7, "width": 99.1, "height": 38.1, "left": 4.65, "top": 15.15,
              "pitch_x": 101.6, "pitch_y": 38.1},
}
PADDING = 3 * mm
MAX_FONT_SIZE = 10
MIN_FONT_SIZE = 6


def register_font():
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_PATH))


def fitting_font_size(lines, width, height):
    """The largest size at which the longest line fits the label width and the lines its height."""
    size = MAX_FONT_SIZE
    while size > MIN_FONT_SIZE and (
        max(pdfmetrics.stringWidth(line, FONT_NAME, size) for line in lines) > width
        or len(lines) * size * 1.2 > height
    ):
        size -= 0.5
    return size


def draw_label(pdf, lines, x, y, layout):
    width, height = layout["width"] * mm - 2 * PADDING, layout["height"] * mm - 2 * PADDING
    size = fitting_font_size(lines, width, height)
    leading = size * 1.2
    block = leading * len(lines)
    top = y + (layout["height"] * mm + block) / 2 - size  # vertically centred
    for index, line in enumerate(lines):
        pdf.setFont(FONT_NAME, size)
        pdf.drawString(x + PADDING, top - index * leading, line)


def render_label_sheet(addresses, layout_code, skip=0, title="Address labels"):
    """addresses: list of lists of lines; skip: labels already used on the first sheet."""
    layout = LAYOUTS[layout_code]
    register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    pdf.setTitle(title)
    per_sheet = layout["columns"] * layout["rows"]
    page_height = A4[1]
    for position, lines in enumerate(addresses, start=skip):
        slot = position % per_sheet
        if slot == 0 and position != skip:
            pdf.showPage()
        column, row = slot % layout["columns"], slot // layout["columns"]
        x = (layout["left"] + column * layout["pitch_x"]) * mm
        y = page_height - (layout["top"] + (row + 1) * layout["pitch_y"]) * mm
        if lines:
            draw_label(pdf, lines, x, y, layout)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
