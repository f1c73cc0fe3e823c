"""Normalized keys on which duplicates are detected. Plain functions: the ORM computes the
stored keys with them and the set-based paths (bulk inserts, scans) reuse them, so both
always agree."""

import re
import unicodedata
from functools import lru_cache

from odoo.tools import email_normalize

LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
NON_ALNUM = re.compile(r"[^0-9a-z]+")
PLAIN_ASCII_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
WAY_ABBREVIATIONS = {
    "av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "bvd": "boulevard",
    "r": "rue", "pl": "place", "imp": "impasse", "che": "chemin", "ch": "chemin", "chem": "chemin",
    "all": "allee", "rte": "route", "fbg": "faubourg", "sq": "square", "crs": "cours", "res": "residence",
    "bis": "b", "ter": "t", "st": "saint", "ste": "sainte",
}


def fold(text):
    """Lower case without accents, ligatures spelled out."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


@lru_cache(maxsize=4096)  # an import asks for the key of each address several times
def email_key(email):
    """Case, surrounding and inner spaces do not make a different address."""
    if not email:
        return False
    compact = re.sub(r"\s+", "", email)
    if PLAIN_ASCII_EMAIL.fullmatch(compact):
        return compact.lower()  # what email_normalize returns for it, without parsing headers
    return email_normalize(compact, strict=False) or compact.lower() or False


def name_key(name):
    """Accents, case, hyphens, apostrophes and spaces folded away: « Le Gall-Hervé » == « LEGALL HERVE »."""
    return NON_ALNUM.sub("", fold(name)) or False


def street_key(street, zip_code):
    """Postal code + street words with the usual abbreviations expanded."""
    words = [WAY_ABBREVIATIONS.get(word, word) for word in NON_ALNUM.split(fold(street)) if word]
    if not words or not zip_code:
        return False
    return f"{''.join(zip_code.split())}|{''.join(words)}"


def phone_key(number):
    """The last nine digits: +33 6 12 34 56 78, 0033612345678 and 06.12.34.56.78 are one number."""
    digits = re.sub(r"\D", "", number or "")
    return digits[-9:] if len(digits) >= 9 else False
