from odoo import _, api, fields, models


class AssocSyncRun(models.Model):
    """One run of a connector: when, what it did, what went wrong."""

    _name = "assoc.sync.run"
    _description = "Synchronisation run"
    _order = "date_start desc, id desc"

    connector_id = fields.Many2one("assoc.connector", required=True, index=True, ondelete="cascade")
    provider = fields.Selection(related="connector_id.provider", store=True)
    kind = fields.Selection(
        [("sync", "Synchronisation"), ("full", "Full synchronisation"), ("push", "Push"), ("webhook", "Webhook")],
        required=True,
        default="sync",
    )
    date_start = fields.Datetime(string="Started", required=True, default=fields.Datetime.now, readonly=True)
    date_end = fields.Datetime(string="Ended", readonly=True)
    duration = fields.Float(string="Duration (s)", compute="_compute_duration")
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")], default="running", required=True, index=True
    )
    created_count = fields.Integer(string="Created")
    updated_count = fields.Integer(string="Updated")
    skipped_count = fields.Integer(string="Skipped")
    failed_count = fields.Integer(string="Failed")
    removed_count = fields.Integer(string="Removed", help="Contacts removed from emailing lists.")
    message = fields.Text(help="Why the run failed, when it did.")
    error_ids = fields.One2many("assoc.sync.run.error", "run_id", string="Errors")
    needs_attention = fields.Boolean(index=True, help="Failed, or finished with errors nobody has looked at yet.")
    summary = fields.Char(compute="_compute_summary")

    @api.depends("date_start", "date_end")
    def _compute_duration(self):
        for run in self:
            end = run.date_end or fields.Datetime.now()
            run.duration = (end - run.date_start).total_seconds() if run.date_start else 0.0

    @api.depends("state", "created_count", "updated_count", "skipped_count", "failed_count")
    def _compute_summary(self):
        for run in self:
            run.summary = _(
                "%(created)s created, %(updated)s updated, %(skipped)s skipped, %(failed)s failed",
                created=run.created_count,
                updated=run.updated_count,
                skipped=run.skipped_count,
                failed=run.failed_count,
            )

    @api.depends("connector_id", "date_start")
    def _compute_display_name(self):
        for run in self:
            run.display_name = f"{run.connector_id.name} – {fields.Datetime.to_string(run.date_start)}"

    def _count(self, created=0, updated=0, skipped=0, failed=0):
        self.ensure_one()
        self.write(
            {
                "created_count": self.created_count + created,
                "updated_count": self.updated_count + updated,
                "skipped_count": self.skipped_count + skipped,
                "failed_count": self.failed_count + failed,
            }
        )

    def _add_error(self, message, reference=None, record=None):
        """Log one record's failure on the run (and count it)."""
        self.ensure_one()
        self.env["assoc.sync.run.error"].create(
            {
                "run_id": self.id,
                "reference": reference,
                "message": message,
                "res_model": record._name if record else False,
                "res_id": record.id if record else False,
            }
        )
        self._count(failed=1)

    def _finish(self, error=None):
        self.write(
            {
                "date_end": fields.Datetime.now(),
                "state": "failed" if error else "done",
                "message": error or False,
                "needs_attention": bool(error or self.error_ids),
            }
        )

    def action_acknowledge(self):
        self.needs_attention = False


class AssocSyncRunError(models.Model):
    """One record a run could not handle, and why."""

    _name = "assoc.sync.run.error"
    _description = "Synchronisation error"
    _order = "id"

    run_id = fields.Many2one("assoc.sync.run", required=True, index=True, ondelete="cascade")
    connector_id = fields.Many2one(related="run_id.connector_id", store=True)
    reference = fields.Char(help="The provider's reference of the record (order, contact, list...).")
    message = fields.Text(required=True)
    res_model = fields.Char(string="Model")
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model")
    record_ref = fields.Reference(selection="_selection_record_ref", compute="_compute_record_ref", string="Record")

    @api.model
    def _selection_record_ref(self):
        return [(model.model, model.name) for model in self.env["ir.model"].sudo().search([])]

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        for error in self:
            error.record_ref = f"{error.res_model},{error.res_id}" if error.res_model and error.res_id else False
