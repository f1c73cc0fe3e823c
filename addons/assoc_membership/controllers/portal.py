from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

MEMBERSHIPS_SHOWN = 30  # the latest ones: a member takes about one a year
MEMBERSHIP_FIELDS = [
    "type_id",
    "partner_id",
    "date_start",
    "date_end",
    "date_grace_end",
    "amount",
    "company_id",
    "is_renewed",
]


class AssocMembershipPortal(CustomerPortal):
    """“My membership card”: the member's memberships, the stored card and attestation of the
    current one, and a renewal notice when the end is near."""

    def _assoc_membership_domain(self):
        # The portal record rule already limits memberships to those covering the member.
        return [("member_ids", "in", request.env.user.partner_id.ids), ("state", "=", "confirmed")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "assoc_membership_count" in counters:
            values["assoc_membership_count"] = (
                request.env["assoc.membership"].search_count(self._assoc_membership_domain())
                if request.env.user.company_id.assoc_portal_card
                else 0
            )
        return values

    def _assoc_renewal(self, latest, company):
        """(renewal notice shown?, link) for the member's latest membership."""
        if not latest or latest.is_renewed:
            return False, False
        days_left = (latest.date_end - fields.Date.context_today(latest)).days
        link = company.assoc_portal_renew_url or company.assoc_portal_join_url
        return days_left <= company.assoc_portal_renew_days, link

    @http.route(["/my/card"], type="http", auth="user", website=True)
    def assoc_my_card(self, **kw):
        company = request.env.user.company_id
        if not company.assoc_portal_card:
            return request.redirect("/my")
        partner = request.env.user.partner_id
        memberships = request.env["assoc.membership"].search_fetch(
            self._assoc_membership_domain(), MEMBERSHIP_FIELDS, order="date_end desc", limit=MEMBERSHIPS_SHOWN
        )
        today = fields.Date.context_today(memberships)
        current = memberships.filtered(lambda m: m.date_start <= today <= m.date_grace_end)
        current = current.filtered(lambda m: m.partner_id == partner)[:1] or current[:1]
        latest = memberships[:1]
        renewal_due, renewal_url = self._assoc_renewal(latest, company)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="assoc_card",
            partner=partner,
            memberships=memberships,
            current=current,
            latest=latest,
            today=today,
            renewal_due=renewal_due,
            renewal_url=renewal_url,
            # A family member sees who holds the membership that covers them (read after the rule check).
            holder_name=current.sudo().partner_id.name if current and current.partner_id != partner else False,
            member_number=partner.sudo().assoc_member_number,
            error=kw.get("error"),
        )
        return request.render("assoc_membership.portal_my_card", values)

    @http.route(["/my/card/<int:membership_id>/<any(card,attestation):kind>"], type="http", auth="user", website=True)
    def assoc_membership_document(self, membership_id, kind, **kw):
        """The stored PDF of the member's own membership (issued once, then served as stored)."""
        if not request.env.user.company_id.assoc_portal_card:
            return request.not_found()
        membership = request.env["assoc.membership"].browse(membership_id)
        try:
            membership.check_access("read")
            if not membership.exists() or membership.partner_id != request.env.user.partner_id:
                raise MissingError("not the holder")
        except (AccessError, MissingError):
            return request.not_found()
        membership = membership.sudo()
        try:
            membership._check_documents_allowed(card=kind == "card")
            membership._issue(kind)
        except UserError:
            return request.redirect("/my/card?error=expired")
        attachment = membership[f"{kind}_attachment_id"]
        return request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
