import logging
import secrets
from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..clients import AuthenticationError, ProviderError, ProviderUnavailable

_logger = logging.getLogger(__name__)

# A failed run is tried again this soon, whatever the schedule.
RETRY_DELAY = timedelta(minutes=15)


class AssocConnector(models.Model):
    """Running a connector (runs, failures, retries), its API client and its buttons."""

    _inherit = "assoc.connector"

    # ------------------------------------------------------------------ runs
    def _run_scheduled(self):
        """Cron entry point: commits as it goes, so a crash loses at most one batch."""
        for connector in self.filtered("active"):
            connector.with_context(assoc_commit=True)._run()

    def _commit(self):
        """Commit progress when running for real (cron, webhook); tests stay in one transaction."""
        if self.env.context.get("assoc_commit"):
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _run(self, kind=None):
        """Run the connector once and return its assoc.sync.run; failures are recorded, not raised."""
        self.ensure_one()
        connector = self.sudo()
        full = connector.full_import_requested
        run = (
            self.env["assoc.sync.run"]
            .sudo()
            .create({"connector_id": connector.id, "kind": kind or ("full" if full else "sync")})
        )
        connector._commit()
        try:
            connector._retry_pending_events(run)
            connector._execute(run, full=full)
        except Exception as error:  # noqa: BLE001 - whatever stops a run, the run says so and is retried
            if not isinstance(error, (ProviderError, UserError)):
                _logger.exception("Connector %s: unexpected error", connector.name)
            if self.env.context.get("assoc_commit"):
                self.env.cr.rollback()  # drop the unfinished batch; committed ones stay
            connector._record_failure(run, error)
        else:
            run._finish()
            connector._supersede_runs(run)
            connector.write({"state": "ok", "last_success_date": run.date_start, "full_import_requested": False})
        connector._commit()
        return run

    def _supersede_runs(self, run):
        """After a run that went through, earlier runs stop asking for attention when they failed
        as a whole, or when this run met each of their errors again and lists them in turn (an
        item retried every hour would otherwise add a run to look at every hour)."""
        met_again = {(error.reference, error.message) for error in run.error_ids}
        earlier = self.env["assoc.sync.run"].search(
            [("connector_id", "=", self.id), ("needs_attention", "=", True), ("id", "!=", run.id)]
        )
        earlier.filtered(
            lambda r: r.state == "failed" or all((e.reference, e.message) in met_again for e in r.error_ids)
        ).needs_attention = False

    def _execute(self, run, full=False):
        """Provider-specific work, in the provider files."""
        method = getattr(self, f"_run_{self.provider}", None)
        if method is None:
            raise UserError(_("The connector %(name)s has nothing to run.", name=self.name))
        method(run, full=full)

    def _record_failure(self, run, error):
        run = run.exists() or self.env["assoc.sync.run"].sudo().create({"connector_id": self.id, "kind": "sync"})
        run._finish(error=self._error_message(error))
        self.state = "failed"
        if self.cron_id and self.active:
            self.cron_id._trigger(fields.Datetime.now() + RETRY_DELAY)
        _logger.warning("Connector %s failed: %s", self.name, error)

    def _error_message(self, error):
        """A translated sentence for a client error, saying what to do."""
        if isinstance(error, AuthenticationError):
            return _(
                "%(provider)s refused the credentials: check them on the connector. (%(detail)s)",
                provider=self._provider_label(),
                detail=error,
            )
        if isinstance(error, ProviderUnavailable):
            return _(
                "%(provider)s could not be reached; the run will be tried again. (%(detail)s)",
                provider=self._provider_label(),
                detail=error,
            )
        return str(error.args[0] if isinstance(error, UserError) and error.args else error)

    def _provider_label(self):
        return dict(self._fields["provider"]._description_selection(self.env)).get(self.provider, self.provider)

    def _retry_pending_events(self, run):
        """Webhook payloads stored but never processed (a crash between storing and processing)."""
        stale = fields.Datetime.now() - timedelta(minutes=5)
        events = (
            self.env["assoc.webhook.event"]
            .sudo()
            .search(
                [("connector_id", "=", self.id), ("state", "=", "received"), ("received_at", "<", stale)], limit=500
            )
        )
        for event in events:
            event._process()
            self._commit()

    # ------------------------------------------------------------ client
    def _client_options(self):
        backoff = float(self.env["ir.config_parameter"].sudo().get_param("assoc_integrations.retry_backoff", 1.0))
        return {"backoff": backoff}

    def _client(self):
        """The provider's client, built from the stored credentials."""
        self.ensure_one()
        method = getattr(self.sudo(), f"_client_{self.provider}", None)
        if method is None:
            raise UserError(_("The connector %(name)s does not call any API.", name=self.name))
        return method()

    # --------------------------------------------------------------- actions
    def action_run_now(self):
        """Queue a run: the connector's scheduled action picks it up within a minute."""
        for connector in self:
            if not connector.cron_id:
                raise UserError(_("The connector %(name)s has no schedule: it only receives.", name=connector.name))
            connector.cron_id.sudo()._trigger()
        return self._notify(_("The run is queued; refresh in a moment to see it."))

    def action_full_import(self):
        self.write({"full_import_requested": True})
        return self.action_run_now()

    def action_test_connection(self):
        self.ensure_one()
        try:
            self._client().check()
        except ProviderError as error:
            raise UserError(self._error_message(error)) from error
        return self._notify(_("The connection works."), "success")

    def action_new_webhook_token(self):
        for connector in self:
            connector.webhook_token = secrets.token_urlsafe(24)

    def _notify(self, message, kind="info"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_open_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_integrations.action_assoc_sync_run")
        action["domain"] = [("connector_id", "=", self.id)]
        return action

    def action_open_attention_runs(self):
        self.ensure_one()
        action = self.action_open_runs()
        action["domain"] = [("connector_id", "=", self.id), ("needs_attention", "=", True)]
        return action

    def action_open_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_integrations.action_assoc_webhook_event")
        action["domain"] = [("connector_id", "=", self.id)]
        return action

    def action_open_attention_events(self):
        self.ensure_one()
        action = self.action_open_events()
        action["domain"] += [("state", "in", ("error", "rejected")), ("acknowledged", "=", False)]
        return action
