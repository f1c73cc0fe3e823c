"""Shared drawing helpers for the reportlab documents of assoc_membership."""

import functools
import io
import os

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import BIT_LIMIT_TABLE
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
        path = next(
            os.path.join(folder, file)
            for file in candidates
            for folder in FONT_DIRS
            if os.path.exists(os.path.join(folder, file))
        )
        pdfmetrics.registerFont(TTFont(name, path))


def image_reader(data):
    """An ImageReader for raw image bytes, or None."""
    return ImageReader(io.BytesIO(data)) if data else None


def _qr_version(length):
    """Smallest QR version holding `length` bytes at level M (saves qrcode's own fitting)."""
    for version in range(1, 41):
        if 4 + (8 if version < 10 else 16) + 8 * length <= BIT_LIMIT_TABLE[ERROR_CORRECT_M][version]:
            return version
    raise ValueError("Too much data for a QR code")


@functools.lru_cache(maxsize=4096)
def qr_matrix(data):
    """Rows of booleans (dark modules) of a QR code, byte mode, level M. The mask pattern is
    fixed: choosing the "best" one costs four times the encoding and every reader reads any."""
    payload = data.encode()
    code = qrcode.QRCode(version=_qr_version(len(payload)), error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    code.add_data(payload, optimize=0)
    code.make(fit=False)
    return tuple(tuple(row) for row in code.get_matrix())


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
