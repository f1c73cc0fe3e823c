from odoo import fields, http
from odoo.http import request

TOKEN_MIN_LENGTH = 24


class MembershipVerification(http.Controller):
    """Public page behind the QR code of cards and attestations: only valid/expired and the
    first name; an unknown or forged code gets a plain 404, revealing nothing."""

    @http.route("/assoc/membership/verify/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def verify(self, token):
        membership = request.env["assoc.membership"].sudo()
        if len(token) >= TOKEN_MIN_LENGTH:
            membership = membership.search([("verify_token", "=", token), ("state", "=", "confirmed")], limit=1)
        if not membership:
            return request.not_found()
        people = membership.member_ids | membership.partner_id
        today = fields.Date.context_today(membership)
        lang = membership.company_id.partner_id.lang or membership.partner_id.lang
        values = {
            "valid": today <= membership.date_grace_end,
            "first_names": ", ".join(person.firstname or person.name.split()[0] for person in people),
            "association": membership.company_id.name,
        }
        response = (
            request.env["ir.ui.view"]
            .with_context(lang=lang)
            ._render_template("assoc_membership.membership_verify_page", values)
        )
        return request.make_response(
            response,
            headers=[
                ("Content-Type", "text/html; charset=utf-8"),
                ("X-Robots-Tag", "noindex"),
                ("Cache-Control", "no-store"),
            ],
        )
