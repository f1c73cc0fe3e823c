from . import controllers, models, report, wizards


def post_init_hook(env):
    """Companies that exist before the install get their numbering, and those already on the
    French chart their income accounts and journals."""
    companies = env["res.company"].search([])
    companies._assoc_receipts_ensure_sequence()
    companies._assoc_receipts_setup_accounting()
