"""French postal address block (NF Z10-011): at most 6 lines of 38 characters (7 abroad, the
last one the country), recipient first, then delivery complements, the way, the special
mentions, and last « CODE POSTAL LOCALITÉ » in capitals without accents. Fed by a plain dict."""

import re
import unicodedata

LINE_LENGTH = 38
WAY_LENGTH = 32
# La Poste abbreviations (SNA), used only when the way line is too long.
WAY_ABBREVIATIONS = [
    ("BOULEVARD", "BD"), ("AVENUE", "AV"), ("FAUBOURG", "FG"), ("IMPASSE", "IMP"), ("CHEMIN", "CHE"),
    ("RESIDENCE", "RES"), ("ALLEE", "ALL"), ("PLACE", "PL"), ("ROUTE", "RTE"), ("SQUARE", "SQ"),
    ("SAINTE", "STE"), ("SAINT", "ST"), ("GENERAL", "GAL"), ("DOCTEUR", "DR"), ("MARECHAL", "MAL"),
]
SPECIAL_DELIVERY = re.compile(r"^(BP|CS|TSA|CIDEX|LIEU[- ]?DIT)\b", re.IGNORECASE)
NUMBER_SUFFIXES = {"BIS": "B", "TER": "T", "QUATER": "Q"}


def unaccented_upper(text):
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def without_punctuation(text):
    """From line 4 on, no punctuation: commas, dots, hyphens and apostrophes become spaces."""
    return " ".join(re.sub(r"[,.;:'’\-/]", " ", text).split())


def way_line(street):
    text = without_punctuation(unaccented_upper(street))
    text = re.sub(r"^(\d+)\s*(BIS|TER|QUATER)\b", lambda m: f"{m.group(1)} {NUMBER_SUFFIXES[m.group(2)]}", text)
    text = re.sub(r"^(\d+)\s*A\s+\d+\b", r"\1", text)  # « 4 à 8 rue » is addressed « 4 RUE »
    for long_form, short_form in WAY_ABBREVIATIONS:
        if len(text) <= WAY_LENGTH:
            break
        text = re.sub(rf"\b{long_form}\b", short_form, text)
    return text


def recipient_lines(values):
    if values.get("is_company"):
        return [values.get("name") or ""]
    surname = (values.get("lastname") or "").upper()
    person = " ".join(part for part in (values.get("title"), values.get("firstname"), surname) if part)
    person = person or values.get("name") or ""
    return [values["company"], person] if values.get("company") else [person]


def french_address_lines(values):
    """values: title (short civility), firstname, lastname, name, is_company, company (the
    organisation a person is reached at), street, street2, zip, city, country_code, country_name."""
    complement = (values.get("street2") or "").strip()
    special = complement if SPECIAL_DELIVERY.match(complement) else ""
    complement = "" if special else complement
    locality = without_punctuation(unaccented_upper(values.get("city") or ""))
    lines = recipient_lines(values) + [
        complement,
        way_line(values.get("street") or ""),
        without_punctuation(unaccented_upper(special)),
        " ".join(part for part in (values.get("zip"), locality) if part),
    ]
    if values.get("country_code") and values["country_code"] != "FR":
        lines.append(unaccented_upper(values.get("country_name") or values["country_code"]))
    return [line[:LINE_LENGTH] for line in (line.strip() for line in lines) if line]
