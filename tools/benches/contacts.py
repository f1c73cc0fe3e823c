"""Contacts (issue 3): segment count, contact list filtered by a segment, a 10,000-interaction timeline."""

from datetime import date, timedelta

from . import timed

ORDER = 10
REQUIRES = "assoc_contacts"
RUNS = 3
LIST_SPEC = {
    "complete_name": {}, "phone": {}, "email": {}, "city": {}, "zip": {},
    "country_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}, "color": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "activity_ids": {"fields": {}},
}
INTERACTION_SPEC = {
    "date": {}, "name": {}, "type_id": {"fields": {"display_name": {}}},
    "label_ids": {"fields": {"display_name": {}, "color": {}}},
    "user_id": {"fields": {"display_name": {}}},
}
TIMELINE_REF = "ASSOC-BENCH-TIMELINE"



def segment_domains(env):
    """Two typical segments: engaged AND recently in touch; a tag OR an engagement."""
    volunteer = env["assoc.engagement.type"].search([("code", "=", "volunteer")], limit=1)
    year_ago = (date.today() - timedelta(days=365)).isoformat()
    return {
        "volunteers in touch this year": repr([
            ("assoc_engagement_type_ids", "in", volunteer.ids), ("assoc_last_interaction_date", ">=", year_ago),
        ]),
        "tag OR engagement": repr([
            "|", ("category_id.name", "=", "Bénévole actif"), ("assoc_engagement_type_ids", "in", volunteer.ids),
        ]),
    }


def run(open_env, contacts, report):
    with open_env() as env:
        Partner = env["res.partner"]
        for label, domain in segment_domains(env).items():
            segment = env["assoc.segment"].create({"name": f"Bench: {label}", "domain": domain})

            def count(segment=segment):
                segment.invalidate_recordset(["contact_count"])
                return segment.contact_count

            def contact_list(segment=segment):
                return Partner.web_search_read([("assoc_segment_ids", "in", segment.ids)], LIST_SPEC, limit=80,
                                               count_limit=10001)

            report(f"segment count ({label})", contacts, timed(env, count, RUNS))
            report(f"contacts of a segment, 80 rows ({label})", contacts, timed(env, contact_list, RUNS))

        timeline_partner = Partner.search([("ref", "=", TIMELINE_REF)], limit=1)
        if timeline_partner:
            size = timeline_partner.assoc_interaction_count

            def open_form():
                return timeline_partner.web_read({
                    "display_name": {}, "assoc_interaction_count": {}, "assoc_last_interaction_date": {},
                    "assoc_interaction_ids": {"fields": INTERACTION_SPEC, "limit": 40, "order": "date desc, id desc"},
                })

            def interactions_page():
                return env["assoc.interaction"].web_search_read(
                    [("partner_id", "=", timeline_partner.id)], INTERACTION_SPEC, limit=80, count_limit=10001,
                )

            report("timeline: contact form with its interactions", size, timed(env, open_form, RUNS))
            report("timeline: interactions page (80 of them)", size, timed(env, interactions_page, RUNS))
        env.cr.rollback()
