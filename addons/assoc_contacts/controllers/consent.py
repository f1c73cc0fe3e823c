from markupsafe import Markup, escape

from odoo import _, http
from odoo.http import request


class AssocConsentController(http.Controller):
    @http.route("/assoc/consent/confirm/<string:token>", type="http", auth="public", methods=["GET"],
                website=False, sitemap=False)
    def confirm(self, token):
        """Double opt-in: the link of the confirmation email grants the pending consent."""
        consent = request.env["assoc.consent"].sudo()._confirm_token(token, request.httprequest.remote_addr)
        if consent:
            title = _("Thank you, your subscription is confirmed.")
            body = _("You can withdraw your consent at any time from the link in our emails.")
        else:
            title = _("This confirmation link is invalid or has expired.")
            body = _("Please subscribe again from our form.")
        page = Markup("<!DOCTYPE html><html><head><meta charset='utf-8'/><title>%s</title></head>"
                      "<body><h1>%s</h1><p>%s</p></body></html>") % (escape(title), escape(title), escape(body))
        return request.make_response(page, headers=[("Content-Type", "text/html; charset=utf-8")],
                                     status=200 if consent else 404)
