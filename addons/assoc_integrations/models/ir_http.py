from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        if rule.rule.startswith("/assoc/webhook/"):
            # Keep the raw body before Odoo parses form posts (Mailchimp): it is stored as
            # received and signatures are computed on its exact bytes.
            request.httprequest.get_data(cache=True)
        super()._pre_dispatch(rule, args)
