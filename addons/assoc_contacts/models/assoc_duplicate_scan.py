import time

from odoo import api, fields, models

from .assoc_duplicate import CRITERIA


class AssocDuplicateScan(models.Model):
    """One requested scan of the whole base on one criterion, run in the background by a cron
    that takes one criterion per batch and reports its progress."""

    _name = "assoc.duplicate.scan"
    _description = "Duplicate scan"
    _order = "id desc"
    _rec_name = "criterion"

    criterion = fields.Selection(CRITERIA, required=True, readonly=True)
    state = fields.Selection(
        [("queued", "Queued"), ("done", "Done")], default="queued", required=True, readonly=True, index=True
    )
    user_id = fields.Many2one("res.users", string="Requested by", default=lambda self: self.env.user, readonly=True)
    date_done = fields.Datetime(string="Done on", readonly=True)
    pair_count = fields.Integer(string="Pairs found", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 2))

    @api.model
    def _launch(self, criteria):
        """Queue the criteria and wake the cron up: the button never scans in the request itself."""
        scans = self.create([{"criterion": criterion} for criterion in criteria])
        self.env.ref("assoc_contacts.ir_cron_assoc_duplicate_scan")._trigger()
        return scans

    @api.model
    def _cron_run_scans(self, limit=1):
        """Run the oldest queued criteria (one per batch by default), commit and report progress."""
        queued = self.search([("state", "=", "queued")], order="id", limit=limit)
        for scan in queued:
            started = time.perf_counter()
            pairs = self.env["assoc.duplicate"]._scan(scan.criterion)
            scan.write({
                "state": "done", "pair_count": pairs, "duration": time.perf_counter() - started,
                "date_done": fields.Datetime.now(),
            })
        remaining = self.search_count([("state", "=", "queued")])
        self.env["ir.cron"]._notify_progress(done=len(queued), remaining=remaining)
        return queued

    def action_open_pairs(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_contacts.action_assoc_duplicate")
        action["domain"] = [("criterion", "=", self.criterion)]
        action["context"] = {"search_default_pending": 1}
        return action

