from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

MONTHS = [
    (str(number), name)
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
]


def add_months_period_end(start, months):
    """Last day of a period of `months` months starting on `start`. A period starting on
    29 February (or on the 31st) ends on the eve of the day after the clamped anniversary:
    29 Feb 2024 + 12 months runs until 28 Feb 2025, 31 Jan + 1 month until 29 Feb or 28 Feb."""
    anniversary = start + relativedelta(months=months)
    if anniversary.day < start.day:
        anniversary += timedelta(days=1)
    return anniversary - timedelta(days=1)


class AssocMembershipType(models.Model):
    _name = "assoc.membership.type"
    _description = "Membership type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", help="Leave empty to share the type between companies.")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id", string="Currency")
    kind = fields.Selection(
        [("individual", "Individual"), ("reduced", "Reduced"), ("family", "Family"), ("organisation", "Organisation")],
        string="Tariff",
        required=True,
        default="individual",
        help="A family membership covers every member of the holder's household.",
    )
    amount = fields.Monetary(string="Dues", help="Minimum amount to pay; zero for a free membership.")
    is_free = fields.Boolean(string="Free", compute="_compute_is_free", store=True)
    validity_mode = fields.Selection(
        [("calendar_year", "Calendar year"), ("rolling", "Rolling months from the payment"), ("season", "Season")],
        required=True,
        default="calendar_year",
    )
    duration_months = fields.Integer(string="Duration (months)", default=12)
    season_start_month = fields.Selection(MONTHS, string="Season starts in")
    season_start_day = fields.Integer(string="Season start day")
    cutoff_month = fields.Selection(
        MONTHS,
        string="Cut-off month",
        help="From this date on, a payment counts for the next year or season; people joining "
        "after the cut-off are covered from their payment date until the end of the next one.",
    )
    cutoff_day = fields.Integer(string="Cut-off day")
    grace_days = fields.Integer(
        string="Grace period (days)",
        help="Days after the end of the validity during which the person still counts as a member.",
    )
    gives_tax_receipt = fields.Boolean(
        string="Dues give a tax receipt",
        help="Only when the member receives no counterpart beyond taking part in the association's "
        "life (vote at the general meeting, newsletter).",
    )
    income_account_id = fields.Many2one(
        "account.account",
        string="Dues income account",
        company_dependent=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Leave empty to use the company's dues account (756100 without counterpart, "
        "756200 with counterpart on the French chart).",
    )
    membership_count = fields.Integer(compute="_compute_membership_count")
    note = fields.Text(string="Description", translate=True)

    @api.depends("company_id")
    def _compute_currency_id(self):
        for mtype in self:
            mtype.currency_id = (mtype.company_id or self.env.company).currency_id

    @api.depends("amount")
    def _compute_is_free(self):
        for mtype in self:
            mtype.is_free = not mtype.amount

    def _compute_membership_count(self):
        counts = dict(
            self.env["assoc.membership"]._read_group(
                [("type_id", "in", self.ids), ("state", "=", "confirmed")], ["type_id"], ["__count"]
            )
        )
        for mtype in self:
            mtype.membership_count = counts.get(mtype, 0)

    @api.constrains(
        "validity_mode",
        "season_start_month",
        "season_start_day",
        "duration_months",
        "cutoff_month",
        "cutoff_day",
        "grace_days",
        "amount",
    )
    def _check_validity_settings(self):
        for mtype in self:
            if mtype.validity_mode == "season" and not (mtype.season_start_month and mtype.season_start_day):
                raise ValidationError(
                    _("The season of the membership type %s needs a start date (day and month).", mtype.name)
                )
            if mtype.validity_mode == "rolling" and mtype.duration_months < 1:
                raise ValidationError(_("A rolling membership lasts at least one month."))
            if mtype.validity_mode == "season":
                self._check_day_of_year(mtype.season_start_month, mtype.season_start_day, _("season start"))
            if bool(mtype.cutoff_month) != bool(mtype.cutoff_day):
                raise ValidationError(_("Give both the day and the month of the cut-off date."))
            if mtype.cutoff_month:
                if mtype.validity_mode == "rolling":
                    raise ValidationError(_("A cut-off date only applies to calendar years and seasons."))
                self._check_day_of_year(mtype.cutoff_month, mtype.cutoff_day, _("cut-off"))
            if mtype.grace_days < 0 or mtype.amount < 0:
                raise ValidationError(_("The dues and the grace period cannot be negative."))

    @staticmethod
    def _check_day_of_year(month, day, label):
        try:
            date(2001, int(month), day)  # a year without 29 February: the date must exist every year
        except ValueError as exc:
            raise ValidationError(
                _("The %(label)s date %(day)s/%(month)s does not exist every year.", label=label, day=day, month=month)
            ) from exc

    # ------------------------------------------------------------------ periods
    def _season_start(self):
        self.ensure_one()
        if self.validity_mode == "calendar_year":
            return 1, 1
        if not (self.season_start_month and self.season_start_day):
            raise UserError(_("The season of the membership type %s has no start date.", self.name))
        return int(self.season_start_month), self.season_start_day

    def _season_bounds(self, day):
        """First and last day of the year or season that contains `day`."""
        month, mday = self._season_start()
        start = date(day.year, month, mday)
        if start > day:
            start = date(day.year - 1, month, mday)
        return start, start + relativedelta(years=1) - timedelta(days=1)

    def _cutoff_passed(self, day, season_start):
        if not self.cutoff_month:
            return False
        cutoff = date(season_start.year, int(self.cutoff_month), self.cutoff_day)
        if cutoff <= season_start:
            cutoff = date(season_start.year + 1, int(self.cutoff_month), self.cutoff_day)
        return day >= cutoff

    def _compute_period(self, day, current_end=None):
        """Validity (start, end) of a membership of this type subscribed on `day`.
        `current_end` is the end of the holder's running membership of this type, if any: a
        renewal paid in advance starts the day after it."""
        self.ensure_one()
        after_current = current_end + timedelta(days=1) if current_end and current_end >= day else day
        if self.validity_mode == "rolling":
            return after_current, add_months_period_end(after_current, self.duration_months)
        start, end = self._season_bounds(day)
        if self._cutoff_passed(day, start):
            next_start = end + timedelta(days=1)
            return min(after_current, next_start), end + relativedelta(years=1)
        return start, end

    def _get_income_account(self, company):
        self.ensure_one()
        account = self.with_company(company).income_account_id
        if not account:
            account = (
                company.assoc_dues_account_id if self.gives_tax_receipt else company.assoc_dues_counterpart_account_id
            )
        if not account:
            raise UserError(
                _(
                    "No dues income account is set for the membership type %(type)s in "
                    "%(company)s: choose one on the type or in the settings.",
                    type=self.name,
                    company=company.name,
                )
            )
        return account

    def action_view_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_membership.action_assoc_membership")
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {"default_type_id": self.id}
        return action
