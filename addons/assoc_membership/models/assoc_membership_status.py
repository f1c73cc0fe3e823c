from odoo import fields, models


class AssocMembershipStatus(models.Model):
    """Member status of one contact, kept in its own narrow table: recomputing it for every
    contact writes only the rows that change here, not the wide, heavily indexed res_partner.
    Contacts without any membership have no row (never member)."""

    _name = "assoc.membership.status"
    _description = "Member status"
    _rec_name = "partner_id"

    # No secondary index: the table is small and read whole; every index slows the recompute.
    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    state = fields.Selection(
        [("member", "Member"), ("former", "Former member"), ("never", "Never member")], required=True
    )
    member_since = fields.Date()
    last_date = fields.Date()
    end_date = fields.Date()
    last_type_id = fields.Many2one("assoc.membership.type", ondelete="set null")
    last_amount = fields.Float(digits=(16, 2))
    membership_count = fields.Integer()
    total = fields.Float(digits=(16, 2))

    _sql_constraints = [("partner_unique", "UNIQUE (partner_id)", "One member status per contact.")]
