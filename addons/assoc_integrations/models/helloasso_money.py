from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .helloasso_tools import MEANS_TO_METHOD, paris_date, paris_datetime


class AssocHelloassoMoney(models.AbstractModel):
    """The money side of HelloAsso items: one inbound payment per paid share of an item in the
    HelloAsso journal, aimed at the item's income account and booked with the others of its day
    (helloasso_money_booking.py), then the membership or gift it funds; a refund takes the payment out
    of the books and cancels what it funded."""

    _name = "assoc.helloasso.money"
    _description = "HelloAsso payments"

    @api.model
    def _record(self, connector, shares, cache=None):
        """Record paid shares at once: shares are (data, item, payment_data, share, key); one
        batch creates and posts their payments, then each funds its membership or gift.
        Returns {key: account.payment} (an empty recordset for a share of no amount)."""
        cache = {} if cache is None else cache
        journal = connector.helloasso_journal_id
        if not journal:
            raise UserError(_("Choose the HelloAsso journal on the connector %(name)s.", name=connector.name))
        Payment = self.env["account.payment"].sudo()
        result, vals_list, funded = {}, [], []
        for data, item, payment_data, share, key in shares:
            amount = (share.get("shareAmount") or 0) / 100.0
            if not amount:
                result[key] = Payment
                continue
            date = paris_date(payment_data.get("date") or data["date"])
            payer = item.order_id.partner_id
            target = self._target(connector, data, item, payer, date, amount, cache)
            vals_list.append(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": payer.id,
                    "amount": amount,
                    "date": date,
                    "journal_id": journal.id,
                    # what Odoo would compute, given here so that it builds no record per payment to do so
                    "currency_id": (journal.currency_id or journal.company_id.currency_id).id,
                    "payment_method_line_id": journal.inbound_payment_method_line_ids[:1].id,
                    "memo": _("HelloAsso %(order)s – %(item)s", order=data["id"], item=item.name),
                    "destination_account_id": target["account"].id,
                    "company_id": connector.company_id.id,
                    "assoc_helloasso_key": key,
                    "assoc_helloasso_item_id": item.id,
                }
            )
            funded.append((item, payment_data, target, date, key))
        payments = self._create_payments(vals_list)
        for payment, (_item, _payment_data, _target, _date, key) in zip(payments, funded, strict=True):
            result[key] = payment
        self._fund(list(zip(payments, funded, strict=True)))
        return result

    @api.model
    def _fund(self, paid):
        """The memberships (first share of an item) and gifts (every share) that payments pay
        for, each kind created and confirmed in one batch: `paid` is (payment, (item,
        payment_data, target, date, key)) pairs."""
        membership_items, membership_entries, gift_items, gift_entries = [], [], [], []
        with_membership = set()
        for payment, (item, payment_data, target, date, _key) in paid:
            if item.kind == "membership" and not item.membership_id and item.id not in with_membership:
                with_membership.add(item.id)
                membership_items.append(item)
                membership_entries.append(
                    {
                        "payment": payment,
                        "membership_type": target["membership_type"],
                        "partner": item.partner_id,
                        "date": date,
                    }
                )
            elif item.kind == "donation":
                gift_items.append(item)
                gift_entries.append(
                    {
                        "payment": payment,
                        "campaign": target["campaign"] or None,
                        "partner": payment.partner_id,
                        "date": date,
                        "payment_method": MEANS_TO_METHOD.get(payment_data.get("paymentMeans"), "card"),
                    }
                )
        memberships = self.env["assoc.membership"].sudo().create_from_payments(membership_entries)
        self._link_items("membership_id", list(zip(membership_items, memberships, strict=True)))
        gifts = self.env["assoc.donation"].sudo().create_from_payments(gift_entries)
        self._link_items("donation_ids", list(zip(gift_items, gifts, strict=True)))

    @api.model
    def _link_items(self, fname, pairs):
        """Link each item of (item, record) pairs to its record through `fname`, a many2one or a
        many2many of the items, in one statement: a write per item cost more than the rest of
        its import. Nothing computed depends on these links."""
        if not pairs:
            return
        items = self.env["assoc.helloasso.item"].browse([item.id for item, _record in pairs])
        field = items._fields[fname]
        item_ids, record_ids = items.ids, [record.id for _item, record in pairs]
        if field.type == "many2many":
            query = SQL(
                "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING",
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                SQL.identifier(field.column2),
                item_ids,
                record_ids,
            )
        else:
            items.flush_recordset([fname])
            query = SQL(
                "UPDATE %s AS item SET %s = link.record_id"
                " FROM unnest(%s::int[], %s::int[]) AS link(item_id, record_id) WHERE item.id = link.item_id",
                SQL.identifier(items._table),
                SQL.identifier(fname),
                item_ids,
                record_ids,
            )
        self.env.cr.execute(query)
        items.invalidate_recordset([fname])

    @api.model
    def _target(self, connector, data, item, payer, date, amount, cache=None):
        """Income account (and membership type or campaign) of an item's payment; `cache`
        keeps what a batch of orders shares (types, accounts)."""
        cache = {} if cache is None else cache
        key = (item.kind, data.get("formSlug"), item.name, payer.is_company)
        if key not in cache:
            cache[key] = self._compute_target(connector, data, item, payer, date, amount)
        return cache[key]

    @api.model
    def _compute_target(self, connector, data, item, payer, date, amount):
        company = connector.company_id
        mapping = connector.helloasso_mapping_ids.filtered(lambda m: m._matches(data.get("formSlug"), item.name))[:1]
        if item.kind == "membership":
            membership_type = (
                mapping.membership_type_id
                or self._membership_type_by_name(item.name)
                or connector.default_membership_type_id
            )
            if not membership_type:
                raise UserError(
                    _(
                        "No membership type for the tier “%(tier)s” of the form “%(form)s”: add a "
                        "mapping on the connector.",
                        tier=item.name,
                        form=data.get("formSlug"),
                    )
                )
            return {
                "account": membership_type._get_income_account(company),
                "membership_type": membership_type,
                "campaign": False,
            }
        if item.kind == "donation":
            campaign = mapping.campaign_id or connector.default_campaign_id
            gift = (
                self.env["assoc.donation"]
                .sudo()
                .new(
                    {
                        "partner_id": payer.id,
                        "company_id": company.id,
                        "date": date,
                        "amount": amount,
                        "campaign_id": campaign.id,
                    }
                )
            )
            return {"account": gift._assoc_income_account(), "membership_type": False, "campaign": campaign}
        account = connector.helloasso_event_account_id if item.kind == "event" else connector.helloasso_shop_account_id
        if not account:
            raise UserError(
                _(
                    "Choose the income account of HelloAsso %(kind)s on the connector %(name)s.",
                    kind=dict(item._fields["kind"]._description_selection(self.env))[item.kind],
                    name=connector.name,
                )
            )
        return {"account": account, "membership_type": False, "campaign": False}

    @api.model
    def _free_membership(self, connector, data, item):
        """A free tier (no payment at all): the membership is confirmed without money."""
        target = self._target(connector, data, item, item.order_id.partner_id, paris_date(data["date"]), 0.0)
        membership = (
            self.env["assoc.membership"]
            .sudo()
            .create(
                {
                    "partner_id": item.partner_id.id,
                    "type_id": target["membership_type"].id,
                    "date": paris_date(data["date"]),
                    "amount": 0.0,
                    "company_id": connector.company_id.id,
                }
            )
        )
        membership.action_confirm()
        item.membership_id = membership

    @api.model
    def _membership_type_by_name(self, name):
        return self.env["assoc.membership.type"].sudo().search([("name", "=ilike", (name or "").strip())], limit=1)

    @api.model
    def _log_items(self, items):
        """One interaction per ticket or purchase, on its beneficiary: items are (item, order data)."""
        labels = {"event": _("Registered: %(item)s (%(form)s)"), "shop": _("Bought: %(item)s (%(form)s)")}
        interactions = self.env["assoc.interaction"].log_events(
            [
                {
                    "partner_id": item.partner_id.id,
                    "type_code": f"helloasso_{item.kind}",
                    "origin": item.order_id,
                    "date": paris_datetime(data.get("date")) or fields.Datetime.now(),
                    "name": labels[item.kind] % {"item": item.name, "form": data.get("formSlug")},
                    "source": "HelloAsso",
                }
                for item, data in items
            ]
        )
        self._link_items(
            "interaction_id",
            [(item, interaction) for (item, _data), interaction in zip(items, interactions, strict=False)],
        )
