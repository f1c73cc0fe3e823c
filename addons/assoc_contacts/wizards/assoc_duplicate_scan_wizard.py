from odoo import _, fields, models

from ..models.assoc_duplicate import CRITERIA


class AssocDuplicateScanWizard(models.TransientModel):
    _name = "assoc.duplicate.scan.wizard"
    _description = "Launch duplicate scans"

    scan_email = fields.Boolean(string="Same email", default=True)
    scan_phone = fields.Boolean(string="Same phone", default=True)
    scan_fullname = fields.Boolean(string="Same first and last name", default=True)
    scan_swapped = fields.Boolean(string="First and last name swapped", default=True)
    scan_lastname = fields.Boolean(string="Same last name and postal code")
    scan_address = fields.Boolean(string="Same postal address", default=True)

    def action_launch(self):
        criteria = [code for code, _label in CRITERIA if self[f"scan_{code}"]]
        self.env["assoc.duplicate.scan"]._launch(criteria)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _("The scans run in the background; their results appear in the scan list."),
                "next": self.env["ir.actions.act_window"]._for_xml_id("assoc_contacts.action_assoc_duplicate_scan"),
            },
        }
