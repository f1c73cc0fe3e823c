from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from .test_portal import AssocPortalCase

# A warm page's count may differ by one query between two loads (caches filled lazily); reading
# rows one by one would add a query per row.
ROW_NOISE = 1


class PortalQueryCountMixin:
    """SQL queries of a warm member space page, as Odoo core counts them (with a small margin),
    measured against Odoo's own /my/security page under the same layout: whatever other addons
    add to every portal page is in both figures."""

    BASELINE_URL = "/my/security"

    def page_queries(self, url):
        with patch("random.random", lambda: 1):  # no random garbage collection during the count
            for _warm_up in range(2):  # views, assets, access rules and session caches
                self.url_open(url)
            self.env.flush_all()
            before = self.cr.sql_log_count
            response = self.url_open(url)
            count = self.cr.sql_log_count - before
        self.assertEqual(response.status_code, 200, url)
        self.assertNotIn("/web/login", response.url, url)
        return count

    def assert_extra_queries(self, url, maximum):
        """The page costs at most `maximum` queries more than the baseline page."""
        extra = self.page_queries(url) - self.page_queries(self.BASELINE_URL)
        self.assertLessEqual(extra, maximum, f"{url} runs {extra} queries more than {self.BASELINE_URL}")
        return extra


@tagged("post_install", "-at_install")
class TestPortalQueries(PortalQueryCountMixin, AssocPortalCase):
    """The member space pages read in bulk: more rows, same number of queries."""

    def test_directory_queries_do_not_grow_with_rows(self):
        self.company.write({"assoc_portal_dir_department": True, "assoc_portal_dir_phone": True})
        self._login(self.user_marie)
        few = self.assert_extra_queries("/my/directory", 6)
        zips = ("69002", "44000", "75011", "13001", "33000", "20000")
        self.env["res.partner"].with_context(assoc_system_tags=True).create(
            [
                {
                    "firstname": f"Membre {index}",
                    "lastname": f"Martin{index:02d}",
                    "zip": zips[index % len(zips)],
                    "city": "Lyon",
                    "country_id": self.env.ref("base.fr").id,
                    "phone": f"+33 6 00 00 00 {index:02d}",
                    "category_id": [Command.link(self.tag_member.id)],
                    "assoc_directory_optin": True,
                }
                for index in range(30)
            ]
        )
        many = self.page_queries("/my/directory") - self.page_queries(self.BASELINE_URL)
        self.assertLessEqual(many, few + ROW_NOISE, "the directory reads its rows in bulk")
        self.assertEqual(self.url_open("/my/directory").text.count("o_assoc_directory_row"), 32)
        letter_m = self.page_queries("/my/directory?letter=M") - self.page_queries(self.BASELINE_URL)
        self.assertLessEqual(letter_m, few + ROW_NOISE)

    def test_history_queries_do_not_grow_with_rows(self):
        event = self.env.ref("assoc_contacts.interaction_type_event")
        Interaction = self.env["assoc.interaction"]
        Interaction.create({"partner_id": self.marie.id, "type_id": event.id, "name": "Assemblée générale"})
        self._login(self.user_marie)
        few = self.assert_extra_queries("/my/history", 4)
        Interaction.create(
            [
                {"partner_id": self.marie.id, "type_id": event.id, "name": f"Sortie nature n°{index}"}
                for index in range(25)
            ]
        )
        many = self.page_queries("/my/history") - self.page_queries(self.BASELINE_URL)
        self.assertLessEqual(many, few + ROW_NOISE, "the history reads its rows in bulk")

    def test_member_page_queries(self):
        self._login(self.user_marie)
        self.assert_extra_queries("/my/member", 10)

    def test_home_counters_are_one_query_each(self):
        self._login(self.user_marie)
        counters = ["assoc_history_count"]
        with patch("random.random", lambda: 1):
            self.make_jsonrpc_request("/my/counters", {"counters": counters})
            self.env.flush_all()
            before = self.cr.sql_log_count
            self.make_jsonrpc_request("/my/counters", {"counters": []})
            nothing_asked = self.cr.sql_log_count - before
            before = self.cr.sql_log_count
            self.make_jsonrpc_request("/my/counters", {"counters": counters})
            asked = self.cr.sql_log_count - before
        self.assertLessEqual(asked - nothing_asked, 3, "one count query, the setting and the access rule")


@tagged("post_install", "-at_install")
class TestDirectoryIndexes(AssocPortalCase):
    """The directory reads its partial indexes, never the whole contact table (200,000 contacts:
    a scan per page made the member space miss its speed target). PostgreSQL takes a partial index
    only when the query's conditions imply the index's: a change of the directory domain that
    broke this would go unnoticed on a small base."""

    def plan(self, query):
        """The plan PostgreSQL picks when scanning the whole table is not an option."""
        self.env.flush_all()
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        try:
            self.env.cr.execute(SQL("EXPLAIN %s", query))
            return "\n".join(line for (line,) in self.env.cr.fetchall())
        finally:
            self.env.cr.execute("RESET enable_seqscan")

    def test_directory_page_reads_its_index(self):
        Partner = self.env["res.partner"]
        domain = Partner._assoc_directory_domain()
        page = Partner._search(domain, order="lastname, firstname, id", limit=40)
        self.assertIn("res_partner_assoc_directory_index", self.plan(page.select()))
        # the count may read either partial index: both hold the listed contacts only
        self.assertIn("using res_partner_assoc_directory_", self.plan(Partner._search(domain).select("count(*)")))

    def test_directory_letters_probe_their_index(self):
        Partner = self.env["res.partner"]
        domain = Partner._assoc_directory_domain()
        query = Partner._assoc_directory_initials_query(domain, "ABCDE")
        self.assertIn("res_partner_assoc_directory_initial_index", self.plan(query))
        self.assertEqual(
            Partner._assoc_directory_initials(domain, "DEÉGLM"),
            {"D", "É"},
            "Dupont and Écuyer are listed; Lefèvre did not opt in, Girard is not a member",
        )
