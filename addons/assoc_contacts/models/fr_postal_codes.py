"""French postal codes → département (domain-fr.md §9.1), as plain functions and data, shared by
the ORM computation of contacts' territories and its set-based SQL twin (assoc.territory)."""

import csv
import json
import os
import re
import unicodedata

# Countries whose postal codes follow the French scheme (ISO codes Odoo gives to the
# overseas départements and collectivities); an empty country counts as France.
FRENCH_POSTAL_COUNTRIES = ("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "TF")
COUNTRY_DEPARTMENTS = {"BL": "977", "MF": "978"}


def commune_key(city):
    """A commune name as compared with the exception table: capitals without accents or
    punctuation, « St »/« Ste » spelt out, without a trailing CEDEX."""
    text = unicodedata.normalize("NFKD", city or "").encode("ascii", "ignore").decode().upper()
    text = re.sub(r"[^A-Z0-9]+", " ", text).strip()
    text = re.sub(r"\s+CEDEX(\s+\d+)?$", "", text)
    return re.sub(r"\bSTE\b", "SAINTE", re.sub(r"\bST\b", "SAINT", text))


def _load_exceptions():
    """data/fr_postal_code_exceptions.csv (domain-fr.md §9.1): postal codes or code prefixes whose
    département is not their first two digits, either for the whole prefix (Corsica,
    Saint-Barthélemy, Saint-Martin) or for one commune of a code served from a neighbouring
    département (« 01200 Éloise » is in Haute-Savoie)."""
    path = os.path.join(os.path.dirname(__file__), os.pardir, "data", "fr_postal_code_exceptions.csv")
    by_prefix, by_commune = {}, {}
    with open(path, encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table):
            if row["commune"]:
                by_commune[(row["postal_code"], commune_key(row["commune"]))] = row["department"]
            else:
                by_prefix[row["postal_code"]] = row["department"]
    return by_prefix, by_commune


PREFIX_DEPARTMENTS, COMMUNE_DEPARTMENTS = _load_exceptions()
COMMUNE_EXCEPTION_ZIPS = sorted({postal_code for postal_code, _commune in COMMUNE_DEPARTMENTS})


def department_code(zip_code, country_code=None, city=None):
    """INSEE code of the département (or overseas collectivity) of a postal code, or None.

    The first two digits (three overseas), except what the exception table says for a code
    prefix or for a commune of a code (domain-fr.md §9.1); 203xx-205xx are no Corsican codes;
    980xx is Monaco and 00xxx are military postal sectors: no territory. Keep in line with
    _SQL_DEPARTMENT_CODE and _assoc_fix_commune_exceptions.
    """
    if country_code and country_code not in FRENCH_POSTAL_COUNTRIES:
        return None
    if country_code in COUNTRY_DEPARTMENTS:
        return COUNTRY_DEPARTMENTS[country_code]
    code = re.sub(r"\s", "", zip_code or "")
    if not re.fullmatch(r"\d{5}", code) or code.startswith(("00", "980")):
        return None
    if city and (code, commune_key(city)) in COMMUNE_DEPARTMENTS:
        return COMMUNE_DEPARTMENTS[(code, commune_key(city))]
    for length in (5, 4, 3):
        if code[:length] in PREFIX_DEPARTMENTS:
            return PREFIX_DEPARTMENTS[code[:length]]
    if code[:2] in ("97", "98"):
        return code[:3]
    return None if code[:2] == "20" else code[:2]


# The same rules set-based, without the per-commune exceptions (see _assoc_fix_commune_exceptions);
# the table is only looked up for the few two-digit starts it has (as fast as the plain rule).
_SQL_DEPARTMENT_CODE = """
    CASE
        WHEN src.cc IS NOT NULL AND src.cc NOT IN %(countries)s THEN NULL
        WHEN src.cc = 'BL' THEN '977'
        WHEN src.cc = 'MF' THEN '978'
        WHEN src.z !~ '^[0-9]{5}$' OR src.z LIKE '00%%' OR src.z LIKE '980%%' THEN NULL
        WHEN left(src.z, 2) = ANY(%(prefix_starts)s)
             AND COALESCE(%(prefixes)s::jsonb ->> src.z, %(prefixes)s::jsonb ->> left(src.z, 4),
                          %(prefixes)s::jsonb ->> left(src.z, 3)) IS NOT NULL
            THEN COALESCE(%(prefixes)s::jsonb ->> src.z, %(prefixes)s::jsonb ->> left(src.z, 4),
                          %(prefixes)s::jsonb ->> left(src.z, 3))
        WHEN left(src.z, 2) IN ('97', '98') THEN left(src.z, 3)
        WHEN left(src.z, 2) = '20' THEN NULL
        ELSE left(src.z, 2)
    END
"""
SQL_PARAMS = {
    "countries": FRENCH_POSTAL_COUNTRIES,
    "prefixes": json.dumps(PREFIX_DEPARTMENTS),
    "prefix_starts": sorted({prefix[:2] for prefix in PREFIX_DEPARTMENTS}),
}
