import logging

from odoo import SUPERUSER_ID, _, http
from odoo.http import request

_logger = logging.getLogger(__name__)

PROVIDER_ROUTES = ("helloasso", "brevo", "mailjet", "mailchimp")


class AssocWebhookController(http.Controller):
    """Inbound webhooks. Every POST is stored and committed before anything else, so nothing
    the provider sent is lost; then it is authenticated, decoded and processed."""

    def _connectors(self):
        """Webhooks act as the system: the secret in the request is the credential."""
        return request.env(user=SUPERUSER_ID, su=True)["assoc.connector"]

    def _answer(self, code, **payload):
        return request.make_json_response(payload, status=code)

    def _store_and_commit(self, connector):
        httprequest = request.httprequest
        event = (
            request.env["assoc.webhook.event"]
            .with_env(connector.env)
            ._store(
                connector,
                httprequest.get_data(),
                dict(httprequest.headers),
                httprequest.remote_addr,
                httprequest.headers.get("Content-Type"),
            )
        )
        request.env.cr.commit()
        return event

    def _finish(self, event):
        """Decode and process a stored, authenticated event; answer what happened."""
        try:
            event._payload()
        except ValueError as error:
            event._fail(str(error.args[0]))
            request.env.cr.commit()
            return self._answer(400, error="malformed_payload", message=str(error.args[0]))
        event._process()
        request.env.cr.commit()
        return self._answer(200, status=event.state, event=event.id)

    @http.route(
        [f"/assoc/webhook/{provider}/<int:connector_id>" for provider in PROVIDER_ROUTES],
        type="http",
        auth="public",
        methods=["GET", "HEAD", "POST"],
        csrf=False,
        save_session=False,
    )
    def provider_webhook(self, connector_id, token=None, **_kwargs):
        provider = request.httprequest.path.split("/")[3]
        connector = self._connectors().browse(connector_id).exists()
        if not connector or connector.provider != provider or not connector.active:
            return self._answer(404, error="unknown_connector", message=_("No active connector at this address."))
        connector = connector.with_company(connector.company_id)
        if request.httprequest.method != "POST" or not request.httprequest.content_length:
            # providers check the address with a GET, a HEAD or an empty POST before using it
            return self._answer(200, status="ready")
        event = self._store_and_commit(connector)
        reason = connector._webhook_authentication_error(
            event, request.httprequest.get_data(), request.httprequest.headers, token
        )
        if reason:
            event._reject(reason)
            request.env.cr.commit()
            return self._answer(401, error="unauthorized", message=reason)
        return self._finish(event)

    @http.route("/assoc/webhook/form", type="http", auth="public", methods=["POST"], csrf=False, save_session=False)
    def form_webhook(self, key=None, **_kwargs):
        headers = request.httprequest.headers
        bearer = headers.get("Authorization", "")
        api_key = headers.get("X-Api-Key") or (bearer[7:] if bearer.startswith("Bearer ") else None) or key
        connector = self._connectors()._form_connector_for_key(api_key)
        if not connector:
            return self._answer(401, error="unauthorized", message=_("Missing or unknown API key."))
        connector = connector.with_company(connector.company_id)
        retry_after = connector._form_rate_limited()
        if retry_after:
            response = self._answer(
                429,
                error="rate_limited",
                message=_("Too many submissions; try again in %(seconds)s s.", seconds=retry_after),
            )
            response.headers["Retry-After"] = str(retry_after)
            return response
        event = self._store_and_commit(connector)
        event.signature_state = "token"
        try:
            payload = event._payload()
        except ValueError as error:
            event._fail(str(error.args[0]))
            request.env.cr.commit()
            return self._answer(400, error="malformed_payload", message=str(error.args[0]))
        problem = connector._form_validation_error(payload)
        if problem:
            field, message = problem
            event._fail(message)
            request.env.cr.commit()
            return self._answer(400, error="invalid_field", field=field, message=message)
        event._process()
        request.env.cr.commit()
        if event.state == "error":
            # the submission is kept: the association looks at it, the site need not resend it
            return self._answer(202, status="error", message=event.error, event=event.id)
        return self._answer(200, status=event.state, event=event.id)
