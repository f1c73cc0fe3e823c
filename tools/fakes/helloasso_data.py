"""HelloAsso orders shaped like the API v5 examples (Statistics.Order with payments and items).

`sample_orders()` are hand-written cases (donation, membership + gift with the newsletter
consent, event paid by a parent, shop, refund, an unknown item type, an empty payer e-mail);
`generated_orders()` builds many orders with a fixed seed for the demo and the bench."""

import random
from datetime import datetime, timedelta, timezone

ORG = "amis-du-patrimoine"
ORG_NAME = "Les Amis du Patrimoine"
CONSENT_FIELD = "J'accepte de recevoir la lettre d'information de l'association"
FIRST_NAMES = [
    "Marie",
    "Jean",
    "Camille",
    "Louis",
    "Chloé",
    "Hugo",
    "Léa",
    "Lucas",
    "Manon",
    "Gabriel",
    "Inès",
    "Jules",
    "Sarah",
    "Arthur",
    "Emma",
    "Nathan",
    "Zoé",
    "Théo",
    "Clémence",
    "Éric",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
]
CITIES = [
    ("69002", "Lyon"),
    ("75011", "Paris"),
    ("13001", "Marseille"),
    ("33000", "Bordeaux"),
    ("35000", "Rennes"),
    ("59000", "Lille"),
    ("31000", "Toulouse"),
    ("67000", "Strasbourg"),
    ("44000", "Nantes"),
    ("20000", "Ajaccio"),
]


def paris_iso(moment):
    """HelloAsso's format: Paris offset, 7 fractional digits."""
    offset = 2 if 3 < moment.month < 11 else 1  # close enough to the DST rule for fixtures
    local = moment.astimezone(timezone(timedelta(hours=offset)))
    return local.strftime("%Y-%m-%dT%H:%M:%S.") + f"{local.microsecond:06d}0" + local.strftime("%z")[:3] + ":00"


def payer(first, last, email, zipcode="69002", city="Lyon", birth="1984-05-15T02:00:00+02:00"):
    return {
        "email": email,
        "address": "12 rue de la République",
        "city": city,
        "zipCode": zipcode,
        "country": "FRA",
        "company": None,
        "dateOfBirth": birth,
        "firstName": first,
        "lastName": last,
    }


def item(item_id, name, tier_type, amount, first, last, custom_fields=None, state="Processed", tier_id=None):
    return {
        "id": item_id,
        "name": name,
        "type": tier_type,
        "state": state,
        "amount": amount,
        "initialAmount": amount,
        "priceCategory": "Pwyw" if tier_type == "Donation" else "Fixed",
        "tierId": tier_id or 1000 + len(name),
        "tierDescription": "",
        "user": {"firstName": first, "lastName": last},
        "customFields": custom_fields or [],
        "options": [],
        "payments": [],
    }


def payment(payment_id, items, moment, state="Authorized", means="Card"):
    total = sum(it["amount"] for it in items)
    when = paris_iso(moment)
    return {
        "id": payment_id,
        "amount": total,
        "amountTip": 0,
        "date": when,
        "paymentMeans": means,
        "paymentOffLineMean": None,
        "installmentNumber": 1,
        "state": state,
        "type": "Offline" if means == "Cash" else "Credit",
        "cashOutState": "MoneyIn",
        "paymentReceiptUrl": f"https://www.helloasso.com/associations/{ORG}/paiement-attestation/{payment_id}",
        "fiscalReceiptUrl": None,
        "meta": {"createdAt": when, "updatedAt": when},
        "items": [
            {"id": it["id"], "shareAmount": it["amount"], "shareItemAmount": it["amount"], "shareOptionsAmount": 0}
            for it in items
        ],
        "refundOperations": [],
    }


def order(order_id, form_type, form_slug, the_payer, items, moment, payment_id, payment_state="Authorized"):
    when = paris_iso(moment)
    pay = payment(payment_id, items, moment, state=payment_state)
    for it in items:
        it["payments"] = [{"id": payment_id, "shareAmount": it["amount"]}]
    return {
        "id": order_id,
        "date": when,
        "formSlug": form_slug,
        "formType": form_type,
        "organizationName": ORG_NAME,
        "organizationSlug": ORG,
        "organizationType": "Association1901Rig",
        "organizationIsUnderColucheLaw": False,
        "checkoutIntentId": None,
        "meta": {"createdAt": when, "updatedAt": when},
        "amount": {"total": sum(it["amount"] for it in items), "vat": 0, "discount": 0},
        "payer": the_payer,
        "items": items,
        "payments": [pay],
        "isAnonymous": False,
        "isAmountHidden": False,
    }


def consent_field(answer="Oui"):
    return {"id": 5501, "name": CONSENT_FIELD, "type": "YesNo", "answer": answer}


def sample_orders(base=datetime(2025, 3, 3, 9, 30, tzinfo=timezone.utc)):
    """Hand-written orders, one per case the import must handle."""
    marie = payer("Marie", "Dupont", "Marie.Dupont@Example.fr ")
    gift_only = order(101, "Donation", "1", marie, [item(101, "Don", "Donation", 5000, "Marie", "Dupont")], base, 9101)
    paul = payer("Paul", "Girard", "paul.girard@example.fr", "75011", "Paris")
    membership = order(
        102,
        "Membership",
        "adhesion-2025",
        paul,
        [
            item(10201, "Adhésion individuelle", "Membership", 3000, "Paul", "Girard", [consent_field()]),
            item(10202, "Don complémentaire", "Donation", 2000, "Paul", "Girard"),
        ],
        base + timedelta(hours=1),
        9102,
    )
    parent = payer("Sophie", "Bernard", "sophie.bernard@example.fr", "35000", "Rennes")
    event = order(
        103,
        "Event",
        "journees-du-patrimoine",
        parent,
        [item(10301, "Visite guidée - enfant", "Registration", 800, "Léo", "Bernard ")],
        base + timedelta(hours=2),
        9103,
    )
    shop = order(
        104,
        "Shop",
        "boutique",
        payer("Luc", "Moreau", "luc.moreau@example.fr", "13001", "Marseille"),
        [item(10401, "Livre « Chapelles de Provence »", "Product", 2500, "Luc", "Moreau")],
        base + timedelta(hours=3),
        9104,
    )
    refunded = order(
        105,
        "Donation",
        "3",
        payer("Anne", "Petit", "anne.petit@example.fr", "33000", "Bordeaux"),
        [item(105, "Don", "Donation", 10000, "Anne", "Petit")],
        base + timedelta(hours=4),
        9105,
    )
    unknown = order(
        106,
        "Shop",
        "boutique",
        payer("Henri", "Roux", "henri.roux@example.fr", "59000", "Lille"),
        [
            item(10601, "Carte cadeau", "GiftCard", 1500, "Henri", "Roux"),
            item(10602, "Don", "Donation", 1000, "Henri", "Roux"),
        ],
        base + timedelta(hours=5),
        9106,
    )
    no_email = order(
        107,
        "Donation",
        "1",
        payer("Yvette", "Leroy", ""),
        [item(107, "Don", "Donation", 2000, "Yvette", "Leroy")],
        base + timedelta(hours=6),
        9107,
    )
    free = order(
        108,
        "Membership",
        "adhesion-decouverte",
        payer("Inès", "Garnier", "ines.garnier@example.fr", "44000", "Nantes"),
        [item(10801, "Adhésion découverte", "Membership", 0, "Inès", "Garnier")],
        base + timedelta(hours=7),
        0,
    )
    free["payments"] = []
    for it in free["items"]:
        it["payments"] = []
    sepa = order(
        109,
        "Donation",
        "1",
        payer("Bruno", "Fabre", "bruno.fabre@example.fr", "31000", "Toulouse"),
        [item(109, "Don", "Donation", 4000, "Bruno", "Fabre")],
        base + timedelta(hours=8),
        9109,
        payment_state="WaitingBankValidation",
    )
    sepa["payments"][0]["paymentMeans"] = "Sepa"
    return [gift_only, membership, event, shop, refunded, unknown, no_email, free, sepa]


def generated_orders(count, seed=42, first_id=500000, start=datetime(2025, 1, 2, 8, 0, tzinfo=timezone.utc)):
    """`count` realistic orders: gifts, memberships (some with a gift), event registrations, shop."""
    rng = random.Random(seed)
    orders = []
    step = timedelta(minutes=max(1, int(300 * 24 * 60 / max(count, 1))))
    for index in range(count):
        order_id = first_id + index
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        zipcode, city = rng.choice(CITIES)
        email = f"{first}.{last}.{index}@exemple-ha.fr".lower()
        who = payer(first, last, email, zipcode, city)
        kind = rng.random()
        base_item = order_id * 10
        if kind < 0.4:
            items = [item(base_item, "Don", "Donation", rng.choice([1000, 2000, 3000, 5000, 10000]), first, last)]
            form_type, slug = "Donation", "1"
        elif kind < 0.75:
            items = [
                item(
                    base_item,
                    "Adhésion individuelle",
                    "Membership",
                    3000,
                    first,
                    last,
                    [consent_field("Oui" if rng.random() < 0.7 else "Non")],
                )
            ]
            if rng.random() < 0.3:
                items.append(
                    item(base_item + 1, "Don complémentaire", "Donation", rng.choice([1000, 2000]), first, last)
                )
            form_type, slug = "Membership", "adhesion-2025"
        elif kind < 0.9:
            items = [item(base_item, "Visite guidée", "Registration", 1200, first, last)]
            form_type, slug = "Event", "journees-du-patrimoine"
        else:
            items = [item(base_item, "Carte postale ancienne", "Product", 500, first, last)]
            form_type, slug = "Shop", "boutique"
        orders.append(order(order_id, form_type, slug, who, items, start + step * index, order_id + 7000000))
    return orders
