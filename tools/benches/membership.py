"""Memberships: member status and tags recomputed for every contact (set-based SQL), and
1,000 membership cards for a selection of contacts with their PDF (sheets and one per page)."""

import time
from datetime import date

from odoo.addons.assoc_membership.report.pdf_common import qr_matrix

ORDER = 20
REQUIRES = "assoc_membership"
CARDS = 1000


def _timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def _status_from_scratch(env):
    """Forget every status and automatic tag, then recompute them all."""
    member_tags = [env.ref("assoc_contacts.tag_member").id, env.ref("assoc_contacts.tag_former_member").id]
    env.cr.execute("DELETE FROM assoc_membership_status")
    env.cr.execute("DELETE FROM res_partner_res_partner_category_rel WHERE category_id = ANY(%s)", [member_tags])
    env["res.partner"].invalidate_model()
    return env["res.partner"]._assoc_update_membership_status()


def _valid_members(env):
    today = date.today()
    return env["res.partner"].browse(sorted(env["res.partner"]._assoc_member_ids_at(today))[:CARDS])


def run(open_env, contacts, report):
    with open_env() as env:
        env.cr.execute("SELECT count(*) FROM assoc_membership")
        memberships = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM res_partner")
        partners = env.cr.fetchone()[0]
        changed, seconds = _timed(lambda: _status_from_scratch(env))
        report(f"status and tags recomputed for {partners} contacts with {memberships} memberships", partners, seconds)
        _changed, seconds = _timed(lambda: env["res.partner"]._assoc_update_membership_status())
        report("membership status+tags, nothing changed", partners, seconds)
        env.cr.rollback()

    with open_env() as env:
        qr_matrix.cache_clear()
        people = _valid_members(env)
        Report = env["ir.actions.report"]
        pdf, seconds = _timed(
            lambda: Report._render_qweb_pdf("assoc_membership.report_partner_membership_card_sheet", people.ids)[0]
        )
        report(
            f"{len(people):,} cards for a selection with their PDF, sheets ({len(pdf) // 1024} KiB)",
            len(people),
            seconds,
        )
        env["res.partner"].invalidate_model()
        qr_matrix.cache_clear()  # time the QR codes again, not the cache
        pdf, seconds = _timed(
            lambda: Report._render_qweb_pdf("assoc_membership.report_partner_membership_card", people.ids)[0]
        )
        report(
            f"{len(people):,} cards for a selection with their PDF, one per page ({len(pdf) // 1024} KiB)",
            len(people),
            seconds,
        )
        env.cr.rollback()
