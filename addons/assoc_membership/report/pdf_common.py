"""Shared drawing helpers for the reportlab documents of assoc_membership."""

import io
import os

import qrcode
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "AssocSans"
FONT_BOLD = "AssocSans-Bold"
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", os.path.join(os.path.dirname(pdfmetrics.__file__), "..", "fonts")]
FONT_FILES = {FONT: ("DejaVuSans.ttf", "Vera.ttf"), FONT_BOLD: ("DejaVuSans-Bold.ttf", "VeraBd.ttf")}


def register_fonts():
    """DejaVu Sans (every French character and €), else reportlab's bundled Vera."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, candidates in FONT_FILES.items():
        if name in registered:
            continue
        path = next(os.path.join(folder, file) for file in candidates for folder in FONT_DIRS
                    if os.path.exists(os.path.join(folder, file)))
        pdfmetrics.registerFont(TTFont(name, path))


def image_reader(data):
    """An ImageReader for raw image bytes, or None."""
    return ImageReader(io.BytesIO(data)) if data else None


def qr_matrix(data):
    """Rows of booleans (dark modules) of a QR code. The mask pattern is fixed: choosing the
    "best" one costs four times the encoding and any mask is valid for every reader."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas, url, x, y, size):
    """A QR code of `url`, `size` points wide, its lower-left corner at (x, y). Drawn in
    module units as one filled path of the horizontal runs of dark modules (fast and exact)."""
    matrix = qr_matrix(url)
    count = len(matrix)
    runs = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < count:
            if not row[column]:
                column += 1
                continue
            run_start = column
            while column < count and row[column]:
                column += 1
            runs.append(f"{run_start} {count - row_index - 1} {column - run_start} 1 re")
    canvas.saveState()
    canvas.transform(size / count, 0, 0, size / count, x, y)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral(" ".join(runs) + " f")
    canvas.restoreState()


def fit_text(text, font, size, width):
    """Shrink the font size until `text` fits in `width` points."""
    while size > 5 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size
