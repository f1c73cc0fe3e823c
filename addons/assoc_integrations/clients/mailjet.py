"""Mailjet API v3 REST: lists, contact properties, bulk list jobs, event callbacks."""

from .base import BaseClient, ProviderError, chunks

JOB_BATCH = 10000
PAGE = 1000


class MailjetClient(BaseClient):
    provider = "Mailjet"

    def __init__(self, base_url, api_key, api_secret, **kwargs):
        super().__init__(base_url, **kwargs)
        self.auth = (api_key or "", api_secret or "")

    def _prepare(self, kwargs):
        kwargs["auth"] = self.auth
        return kwargs

    def _data(self, payload):
        return (payload or {}).get("Data") or []

    def check(self):
        return self.get("contactslist", params={"Limit": 1})

    def get_lists(self):
        lists, offset = [], 0
        while True:
            page = self._data(self.get("contactslist", params={"Limit": PAGE, "Offset": offset}))
            lists += [(str(item["ID"]), item.get("Name") or str(item["ID"])) for item in page]
            offset += len(page)
            if len(page) < PAGE:
                return lists

    def ensure_properties(self, names):
        """Define the static contact properties that do not exist yet (Mailjet refuses unknown ones)."""
        existing = {item["Name"] for item in self._data(self.get("contactmetadata", params={"Limit": PAGE}))}
        for name in names:
            if name not in existing:
                self.post("contactmetadata", json={"Datatype": "str", "Name": name, "NameSpace": "static"})

    def manage_contacts(self, list_id, action, contacts, timeout=300.0):
        """Run managemanycontacts jobs (addnoforce, remove...) and wait for each; returns the errors."""
        errors = []
        for batch in chunks(contacts, JOB_BATCH):
            payload = self.post(
                f"contactslist/{int(list_id)}/managemanycontacts", json={"Action": action, "Contacts": batch}
            )
            job_id = self._data(payload)[0]["JobID"]
            job = self.wait_job(list_id, job_id, timeout=timeout)
            if job.get("Error"):
                errors.append(job["Error"])
        return errors

    def wait_job(self, list_id, job_id, timeout=300.0):
        def finished():
            job = self._data(self.get(f"contactslist/{int(list_id)}/managemanycontacts/{int(job_id)}"))[0]
            if job.get("Status") == "Completed":
                return job
            if job.get("Status") in ("Error", "Abort"):
                raise ProviderError(f"Mailjet job {job_id} ended with status {job['Status']}: {job.get('Error')}")
            return None

        return self.wait_until(finished, timeout=timeout)

    def create_event_callback(self, url, event_type):
        return self.post("eventcallbackurl", json={"EventType": event_type, "Url": url, "Version": 2})
