"""French people and organisations over every département, and the planted duplicates (same
email, swapped names, accents dropped, same address) that the duplicate scans must find."""

import csv
import unicodedata
from pathlib import Path

from faker import Faker

DEPARTMENTS_CSV = Path(__file__).resolve().parents[2] / "addons/assoc_contacts/data/fr_departments.csv"
WAYS = ["rue", "avenue", "boulevard", "place", "impasse", "chemin", "allée", "quai", "route"]
ORGANISATION_KINDS = ["Mairie de", "Association", "Comité des fêtes de", "Collectif", "Fondation", "SARL", "SCOP"]
DUPLICATE_SHARE = 0.03


def departments():
    with DEPARTMENTS_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def random_zip(rng, dep):
    """A postal code of the département (2A/2B and overseas included), avoiding the
    special codes of Saint-Barthélemy and Saint-Martin."""
    if rng.random() < 0.6:
        return dep["prefecture_zip"], dep["prefecture"]
    if dep["code"] == "2A":
        return f"20{rng.randint(0, 1)}{rng.randint(0, 9)}0", None
    if dep["code"] == "2B":
        return f"20{rng.choice([2, 6])}{rng.randint(0, 9)}0", None
    if len(dep["code"]) == 3:
        return f"{dep['code']}{rng.randint(1, 9)}0", None
    return f"{dep['code']}{rng.randint(1, 9)}{rng.randint(0, 9)}0", None


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def email_for(first, last, rng):
    local = fold(f"{first}.{last}").lower().replace(" ", "").replace("'", "")
    return f"{local}{rng.randint(1, 999)}@{rng.choice(['exemple.fr', 'courriel.fr', 'laposte.net', 'orange.fr'])}"


class PersonFactory:
    def __init__(self, rng):
        self.rng = rng
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(rng.randint(0, 2**31))
        self.deps = departments()
        self.titles = {}

    def person(self):
        rng, fake = self.rng, self.fake
        female = rng.random() < 0.52
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
        dep = rng.choice(self.deps)
        zip_code, city = random_zip(rng, dep)
        return {
            "first": first, "last": last, "female": female,
            "email": email_for(first, last, rng) if rng.random() < 0.85 else None,
            "phone": f"+33 {rng.choice('67')} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                     f"{rng.randint(10, 99)} {rng.randint(10, 99)}" if rng.random() < 0.7 else None,
            "street": f"{rng.randint(1, 180)} {rng.choice(WAYS)} {fake.last_name()}",
            "zip": zip_code, "city": city or fake.city(), "is_company": False,
        }

    def organisation(self):
        person = self.person()
        kind = self.rng.choice(ORGANISATION_KINDS)
        name = f"{kind} {person['city'] if kind.endswith('de') else self.fake.last_name()}"
        person.update(first="", last=name, is_company=True, email=f"contact@{fold(name).lower().replace(' ', '-')}.fr")
        return person

    def duplicate_of(self, original):
        """A planted duplicate: one of the four variations the duplicate scans must find."""
        copy = dict(original)
        variation = self.rng.choice(["email", "swapped", "accents", "address"])
        if variation == "swapped" and original["is_company"]:
            variation = "accents"  # an organisation has one name
        if variation == "email" and original["email"]:
            copy["email"] = f"  {original['email'].upper()} "
        elif variation == "swapped":
            copy["first"], copy["last"] = original["last"], original["first"]
            copy["email"] = None
        elif variation == "accents":
            copy["first"], copy["last"] = fold(original["first"]), fold(original["last"]).upper()
            copy["email"] = None
        else:
            copy["first"] = self.fake.first_name()
            copy["email"] = None
        return copy


def display_name(person):
    return person["last"] if person["is_company"] else f"{person['first']} {person['last']}"


def department_code(zip_code):
    if zip_code.startswith("97"):
        return zip_code[:3]
    if zip_code.startswith("20"):
        return "2B" if zip_code[2] in "26" else "2A"
    return zip_code[:2]
