"""A tiny top-down layout over a reportlab canvas for the Cerfa renderers.

Every label is drawn as real text (auditors and tests extract it), with DejaVu Sans
embedded, and the canvas is invariant so identical input gives identical bytes."""

import functools
import io

from PIL import Image
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
# Registered under our own names: other addons register plain DejaVu fonts.
REGULAR, BOLD = "AssocReceiptSans", "AssocReceiptSans-Bold"
FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
MARGIN = 36
IMAGE_MAX_SIZE = (480, 240)
# Characters given their font codes first, in this order, in every document: most documents
# then embed the very same font subsets, which are cut and compressed once per process.
SEED = "".join(map(chr, range(32, 127))) + ("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’“”–—…€°‰ºª\u202f\u00a0")
SUBSET_CACHE_SIZE = 64
_jpeg_cache = {}


class _SubsetCachingFace(TTFontFace):
    """A font face that remembers the programs of the subsets it embedded, compressed: cutting
    and compressing a subset of DejaVu costs ~10 ms, for bytes that a campaign repeats."""

    def addSubsetObjects(self, doc, fontname, subset):
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        if doc.compression:
            stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
            stream.content = self._program(subset)[1]
            stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        return descriptor

    def makeSubset(self, subset):
        return self._program(subset)[0]

    def _program(self, subset):
        """(subset program, its FlateDecode bytes), computed once per set of characters."""
        cache = self.__dict__.setdefault("_programs", {})
        key = tuple(subset)
        entry = cache.get(key)
        if entry is None:  # computed twice at worst when two threads race: same bytes
            if len(cache) >= SUBSET_CACHE_SIZE:
                cache.clear()
            program = super().makeSubset(subset)
            entry = cache[key] = (program, pdfdoc.PDFZCompress.encode(program))
        return entry


class _FormattedOnce(pdfdoc.PDFArray):
    """A PDF array of plain numbers (a subset's glyph widths), formatted once per process."""

    _formatted = {}

    def format(self, document, IND=b"\n "):
        key = tuple(self.sequence)
        formatted = self._formatted.get(key)
        if formatted is None:
            if len(self._formatted) >= SUBSET_CACHE_SIZE:
                self._formatted.clear()
            formatted = self._formatted[key] = super().format(document, IND)
        return formatted


class _SeededTTFont(TTFont):
    """DejaVu with the SEED characters coded first in every document, so that the code
    chunks of a text made of them only are the same in every document: they are kept."""

    SPLIT_CACHE_SIZE = 4096

    def __init__(self, name, filename):
        super().__init__(name, filename)
        # reportlab gives a new font name the font already registered for the same face name
        # (another addon's plain DejaVu): our own face name keeps this font ours.
        self.face.name = name.encode()
        self.face.__class__ = _SubsetCachingFace
        self._seeded = frozenset(SEED)
        self._splits = {}

    def seed(self, doc):
        super().splitString(SEED, doc)

    def splitString(self, text, doc, encoding="utf-8"):
        chunks = self._splits.get(text)
        if chunks is None:
            chunks = super().splitString(text, doc, encoding)
            if isinstance(text, str) and self._seeded.issuperset(text):
                if len(self._splits) >= self.SPLIT_CACHE_SIZE:
                    self._splits.clear()
                self._splits[text] = chunks
        return chunks

    def addObjects(self, doc):
        fonts = doc.idToObject["BasicFonts"].dict
        before = set(fonts)
        super().addObjects(doc)
        for name in set(fonts) - before:
            fonts[name].Widths = _FormattedOnce(fonts[name].Widths.sequence)


def register_fonts():
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(_SeededTTFont(name, f"{FONT_DIR}{FONT_FILES[name]}"))


def image_reader(data):
    """Logos and signatures flattened on white and shrunk to a small JPEG once per process:
    reportlab embeds JPEG data as is, where a large PNG with transparency costs tens of
    milliseconds per document (a campaign prints the same images thousands of times)."""
    if not data:
        return None
    key = hash(data)
    if key not in _jpeg_cache:
        if len(_jpeg_cache) > 16:
            _jpeg_cache.clear()
        image = Image.open(io.BytesIO(data))
        image.thumbnail(IMAGE_MAX_SIZE)
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        buffer = io.BytesIO()
        flat.save(buffer, format="JPEG", quality=90)
        _jpeg_cache[key] = buffer.getvalue()
    return ImageReader(io.BytesIO(_jpeg_cache[key]))


@functools.lru_cache(maxsize=2048)
def split_lines(text, font, size, width):
    """Wrapped lines of a text; the Cerfa's long fixed sentences are wrapped once per process."""
    return tuple(simpleSplit(text, font, size, width))


class Layout:
    def __init__(self, title, footer):
        register_fonts()
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=1, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("Assoc")
        for name in (REGULAR, BOLD):
            pdfmetrics.getFont(name).seed(self.canvas._doc)
        self.footer = footer
        self.width, self.height = A4
        self.page = 1
        self.y = self.height - MARGIN

    # -------------------------------------------------------------- pages
    def _draw_footer(self):
        self.canvas.setFont(REGULAR, 7)
        self.canvas.drawString(MARGIN, MARGIN / 2, f"{self.footer} — page {self.page}")

    def ensure(self, height):
        if self.y - height < MARGIN:
            self._draw_footer()
            self.canvas.showPage()
            self.page += 1
            self.y = self.height - MARGIN

    def finish(self):
        self._draw_footer()
        self.canvas.save()
        return self.buffer.getvalue()

    # -------------------------------------------------------------- blocks
    def text(self, text, size=9, bold=False, indent=0, leading=None, right=0):
        font = BOLD if bold else REGULAR
        leading = leading or size * 1.25
        width = self.width - 2 * MARGIN - indent - right
        for line in split_lines(text or "", font, size, width) or [""]:
            self.ensure(leading)
            self.y -= leading
            self.canvas.setFont(font, size)
            self.canvas.drawString(MARGIN + indent, self.y, line)

    def centered(self, text, size=11, bold=True):
        font = BOLD if bold else REGULAR
        for line in split_lines(text, font, size, self.width - 2 * MARGIN):
            self.ensure(size * 1.3)
            self.y -= size * 1.3
            self.canvas.setFont(font, size)
            self.canvas.drawCentredString(self.width / 2, self.y, line)

    def heading(self, text):
        self.space(6)
        self.ensure(18)
        self.canvas.setFillGray(0.88)
        self.canvas.rect(MARGIN, self.y - 15, self.width - 2 * MARGIN, 15, stroke=0, fill=1)
        self.canvas.setFillGray(0)
        self.y -= 11
        self.canvas.setFont(BOLD, 10)
        self.canvas.drawCentredString(self.width / 2, self.y, text)
        self.y -= 6

    def field(self, label, value, indent=0):
        """A label followed by its value on the same line (wrapping after the label)."""
        self.text(f"{label} {value or ''}".rstrip(), indent=indent)

    def checkbox(self, label, checked, indent=0, size=8.5):
        self.ensure(size * 1.3)
        box_y = self.y - size * 1.25
        self.canvas.rect(MARGIN + indent, box_y, 7, 7, stroke=1, fill=0)
        if checked:
            self.canvas.setFont(BOLD, 8)
            self.canvas.drawString(MARGIN + indent + 1.2, box_y + 1, "X")
        self.text(label, size=size, indent=indent + 11)

    def checkboxes(self, options, ticked, indent=0):
        for code, label in options:
            self.checkbox(label, code in ticked, indent=indent)

    def space(self, height):
        self.y -= height

    def framed_amount(self, figures, words):
        self.text(f"***{figures}*** euros", size=11, bold=True, indent=20)
        self.field("Somme en toutes lettres :", words, indent=20)

    def image(self, data, width, height, x=None, y=None):
        """Draw an image inside a box, keeping its ratio; x/y default to the left margin and cursor."""
        reader = image_reader(data)
        if not reader:
            return
        x = MARGIN if x is None else x
        if y is None:
            self.ensure(height)
            self.y -= height
            y = self.y
        # Binary image data rather than ASCII85: the pure-Python encoder costs ~20 ms per image.
        use_a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            self.canvas.drawImage(reader, x, y, width, height, preserveAspectRatio=True, anchor="sw")
        finally:
            rl_config.useA85 = use_a85
