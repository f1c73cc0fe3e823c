from . import models


def post_init_hook(env):
    """Membership cheques go to the cheques journal (511200), where slips pick them up."""
    env["res.company"].search([("assoc_cheque_journal_id", "!=", False)])._assoc_membership_use_cheque_journal()
