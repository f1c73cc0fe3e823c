"""The association's receipt settings (object, quality, signatory...), set first: memberships
whose dues give a receipt (assoc_membership_receipts) issue receipts in the membership step."""

from .receipts import configure_company

ORDER = 5
REQUIRES = "assoc_receipts"


def generate(env, rng, contacts, log):
    configure_company(env)
    return 0
