import string

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import email_normalize, is_html_empty, single_email_re

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

DIRECTORY_STEP = 40
HISTORY_STEP = 30
ACCENTED = {"A": "ÀÂÄ", "C": "Ç", "E": "ÉÈÊË", "I": "ÎÏ", "O": "ÔÖ", "U": "ÙÛÜ"}
INITIALS = {char: letter for letter in string.ascii_uppercase for char in letter + ACCENTED.get(letter, "")}
TEXT_FIELDS = ("firstname", "lastname", "email", "phone", "mobile", "street", "street2", "zip", "city")


class AssocMemberPortal(CustomerPortal):
    """The member space pages of assoc_contacts: details, directory, history, access request."""

    # ------------------------------------------------------------ helpers
    def _assoc_company(self):
        return request.env.user.company_id

    def _assoc_is_member(self, partner):
        """Members carry the automatic tag (kept by the membership addon when installed)."""
        tag_member = request.env.ref("assoc_contacts.tag_member")
        return bool(
            request.env["res.partner"]
            .sudo()
            .search_count([("id", "=", partner.id), ("category_id", "in", tag_member.ids)], limit=1)
        )

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        partner = request.env.user.partner_id
        company = self._assoc_company()
        values.update(
            assoc_company=company,
            assoc_is_member=self._assoc_is_member(partner),
            assoc_welcome=not is_html_empty(company.assoc_portal_welcome) and company.assoc_portal_welcome,
        )
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "assoc_history_count" in counters:
            values["assoc_history_count"] = (
                request.env["assoc.interaction"].search_count(self._assoc_history_domain())
                if self._assoc_company().assoc_portal_history
                else 0
            )
        return values

    def on_account_update(self, values, partner):
        """Odoo's own /my/account form: changes go on the timeline too."""
        super().on_account_update(values, partner)
        partner = partner.sudo()
        changed = {
            key: value
            for key, value in values.items()
            if key in partner._fields and partner._fields[key].convert_to_write(partner[key], partner) != value
        }
        if changed:
            partner._assoc_portal_write_and_log(changed)

    # ------------------------------------------------------------ my details
    def _assoc_details_values(self, partner, form=None, errors=None):
        custom_fields = (
            request.env["assoc.custom.field"]
            .sudo()
            .search([("portal_editable", "=", True), ("field_id", "!=", False), ("field_type", "!=", "many2one")])
        )
        purposes = request.env["assoc.consent.purpose"].sudo().search([])
        channels = request.env["assoc.consent"]._fields["channel"]._description_selection(request.env)
        return {
            **self._prepare_portal_layout_values(),
            "page_name": "assoc_member",
            "partner": partner.sudo(),
            "form": form or {},
            "errors": errors or {},
            "titles": self._assoc_options("res.partner.title"),
            "countries": self._assoc_options("res.country"),
            "custom_fields": custom_fields,
            "purposes": purposes,
            "channels": channels,
            "consent_states": partner._assoc_consent_states(purposes),
        }

    def _assoc_options(self, model):
        """(id, name) of every record of a small list model, for a select: one query, no record
        reads in the template loop."""
        return [(row["id"], row["name"]) for row in request.env[model].sudo().search_read([], ["name"])]

    def _assoc_parse_details(self, partner, post):
        """Form values -> (values to write, consents wanted, errors). Nothing is written here."""
        values, errors = {}, {}
        for fname in TEXT_FIELDS:
            if fname in post:
                values[fname] = post[fname].strip() or False
        if not values.get("lastname"):
            errors["lastname"] = _("Your last name is required.")
        if values.get("email") and not single_email_re.match(values["email"]):
            errors["email"] = _("This email address is not valid.")
        for fname, model in (("title", "res.partner.title"), ("country_id", "res.country")):
            raw = post.get(fname) or ""
            record = request.env[model].sudo().browse(int(raw)).exists() if raw.isdigit() else None
            values[fname] = record.id if record else False
        values["birthdate"] = self._assoc_parse_value("date", post.get("birthdate"), errors, "birthdate")
        values["assoc_directory_optin"] = bool(post.get("assoc_directory_optin"))
        custom_fields = (
            request.env["assoc.custom.field"]
            .sudo()
            .search([("portal_editable", "=", True), ("field_id", "!=", False), ("field_type", "!=", "many2one")])
        )
        for field in custom_fields:
            values[field.name] = self._assoc_parse_value(
                field.field_type, post.get(field.name), errors, field.name, partner._fields.get(field.name)
            )
        consents = {}
        for purpose in request.env["assoc.consent.purpose"].sudo().search([]):
            for channel in dict(request.env["assoc.consent"]._fields["channel"].selection):
                consents[(purpose.id, channel)] = bool(post.get(f"consent_{purpose.id}_{channel}"))
        return values, consents, errors

    def _assoc_parse_value(self, ftype, raw, errors, key, field=None):
        raw = (raw or "").strip()
        if ftype == "boolean":
            return bool(raw)
        if not raw:
            return False
        try:
            if ftype == "integer":
                return int(raw)
            if ftype == "float":
                return float(raw.replace(",", "."))
            if ftype == "date":
                return fields.Date.to_date(raw)
        except ValueError:
            errors[key] = _("This value is not valid.")
            return False
        if ftype == "selection":
            allowed = dict(field._description_selection(request.env)) if field else {}
            if raw not in allowed:
                errors[key] = _("Choose a value from the list.")
                return False
        return raw

    @http.route(["/my/member"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def assoc_my_details(self, **post):
        if not self._assoc_company().assoc_portal_info:
            return request.redirect("/my")
        partner = request.env.user.partner_id
        if request.httprequest.method == "POST":
            values, consents, errors = self._assoc_parse_details(partner, post)
            if not errors:
                try:
                    with request.env.cr.savepoint():
                        partner._assoc_portal_update(values, consents, request.httprequest.remote_addr)
                    return request.redirect("/my/member?saved=1")
                except (UserError, ValidationError) as error:
                    errors["common"] = error.args[0]
            return request.render("assoc_contacts.portal_my_member", self._assoc_details_values(partner, post, errors))
        values = self._assoc_details_values(partner)
        values["saved"] = bool(post.get("saved"))
        return request.render("assoc_contacts.portal_my_member", values)

    # ------------------------------------------------------------ directory
    def _assoc_directory_domain(self):
        return request.env["res.partner"]._assoc_directory_domain()

    def _assoc_directory_columns(self):
        """(field name, label) of the fields the association shows in the directory."""
        Partner = request.env["res.partner"]
        fnames = self._assoc_company()._assoc_portal_directory_fields()
        custom = (
            request.env["assoc.custom.field"]
            .sudo()
            .search([("portal_directory", "=", True), ("field_id", "!=", False)])
        )
        columns = [(fname, Partner._fields[fname]._description_string(request.env)) for fname in fnames]
        return columns + [(field.name, field.label) for field in custom if field.name in Partner._fields]

    def _assoc_directory_rows(self, partners, columns):
        """Only the allowed fields, as plain values: the template never sees the records."""
        return [
            {
                "name": partner.name,
                "cells": [
                    (partner.phone or partner.mobile or "")
                    if fname == "phone"
                    else partner._assoc_portal_value_label(fname)
                    for fname, _label in columns
                ],
            }
            for partner in partners
        ]

    @http.route(["/my/directory", "/my/directory/page/<int:page>"], type="http", auth="user", website=True)
    def assoc_directory(self, page=1, search="", letter="", **kw):
        company = self._assoc_company()
        if not company.assoc_portal_directory:
            return request.redirect("/my")
        letter = letter.upper() if len(letter) == 1 and letter.upper() in string.ascii_uppercase else ""
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="assoc_directory",
            search=search,
            letter=letter,
            directory_text=not is_html_empty(company.assoc_portal_directory_text)
            and company.assoc_portal_directory_text,
        )
        if not values["assoc_is_member"]:
            return request.render("assoc_contacts.portal_my_directory", values)
        Partner = request.env["res.partner"].sudo()
        base_domain = self._assoc_directory_domain()
        domain = list(base_domain)
        if search:
            domain.append(("name", "ilike", search))
        if letter:
            variants = letter + ACCENTED.get(letter, "")
            domain += ["|"] * (len(variants) - 1) + [("lastname", "=ilike", f"{char}%") for char in variants]
        total = Partner.search_count(domain)
        pager = portal_pager(
            url="/my/directory",
            total=total,
            page=page,
            step=DIRECTORY_STEP,
            url_args={"search": search, "letter": letter},
        )
        columns = self._assoc_directory_columns()
        # Only the shown columns are read, not every stored column of the contacts.
        shown = ["name", "mobile"] + [fname for fname, _label in columns]
        partners = Partner.search_fetch(
            domain, shown, order="lastname, firstname, id", limit=DIRECTORY_STEP, offset=pager["offset"]
        )
        rows = self._assoc_directory_rows(partners, columns)
        values.update(
            pager=pager, columns=columns, rows=rows, total=total, letters=self._assoc_directory_letters(base_domain)
        )
        return request.render("assoc_contacts.portal_my_directory", values)

    def _assoc_directory_letters(self, domain):
        """(letter, has entries) from A to Z for the index, accents folded."""
        initials = request.env["res.partner"].sudo()._assoc_directory_initials(domain, INITIALS)
        present = {INITIALS[char] for char in initials}
        return [(char, char in present) for char in string.ascii_uppercase]

    # ------------------------------------------------------------ history
    def _assoc_history_domain(self):
        # The portal record rule already limits the search to the member's visible interactions.
        return [("partner_id", "=", request.env.user.partner_id.id), ("type_id.portal_visible", "=", True)]

    @http.route(["/my/history", "/my/history/page/<int:page>"], type="http", auth="user", website=True)
    def assoc_history(self, page=1, **kw):
        if not self._assoc_company().assoc_portal_history:
            return request.redirect("/my")
        Interaction = request.env["assoc.interaction"]
        domain = self._assoc_history_domain()
        pager = portal_pager(url="/my/history", total=Interaction.search_count(domain), page=page, step=HISTORY_STEP)
        interactions = Interaction.search_fetch(
            domain, ["date", "type_id", "name"], limit=HISTORY_STEP, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="assoc_history",
            pager=pager,
            interactions=[
                {"date": interaction.date, "type": interaction.type_id.name, "name": interaction.name}
                for interaction in interactions.sudo()
            ],
        )
        return request.render("assoc_contacts.portal_my_history", values)

    # ------------------------------------------------------------ access request
    @http.route(["/my/join"], type="http", auth="public", website=True, methods=["GET", "POST"], sitemap=False)
    def assoc_request_access(self, email="", **kw):
        company = request.env["res.company"].sudo().browse(request.env.company.id)
        if not company.assoc_portal_signup:
            return request.not_found()
        values = {"email": email, "sent": False, "error": False, "assoc_company": company}
        if request.httprequest.method == "POST":
            normalized = email_normalize(email or "")
            if not normalized:
                values["error"] = _("This email address is not valid.")
            else:
                request.env["res.partner"].sudo()._assoc_portal_invite_known_email(normalized)
                values["sent"] = True
        return request.render("assoc_contacts.portal_request_access", values)
