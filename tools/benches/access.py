"""Access rules (issue 4): a territory delegate's contact list against the administrator's.

The delegate is assigned the départements Loire-Atlantique and Rhône; both open the contact
list as the web client does (80 rows, the pager's count up to 10,001), with the record rules
of their profile. Target: the delegate within 2x the administrator (ratio printed)."""

from . import timed

ORDER = 40
REQUIRES = "assoc_contacts"
RUNS = 5
LIST_SPEC = {
    "complete_name": {}, "phone": {}, "email": {}, "city": {}, "zip": {},
    "department_id": {"fields": {"display_name": {}}},
    "country_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}, "color": {}}},
}
DELEGATE_LOGIN = "bench_access_delegate"



def delegate_user(env):
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    user = Users.search([("login", "=", DELEGATE_LOGIN)])
    if not user:
        user = Users.create({
            "login": DELEGATE_LOGIN, "name": "Bench delegate",
            "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                  env.ref("assoc_contacts.group_assoc_territory_delegate").id])],
        })
    user.assoc_territory_ids = env.ref("assoc_contacts.territory_dep_44") | env.ref("assoc_contacts.territory_dep_69")
    return user


def run(open_env, contacts, report):
    with open_env() as env:
        delegate = delegate_user(env)
        env.cr.commit()
        admin = env.ref("base.user_admin")

        def contact_list(user):
            partners = env(user=user.id, su=False)["res.partner"]
            return lambda: partners.web_search_read([], LIST_SPEC, limit=80, count_limit=10001)

        admin_seconds = timed(env, contact_list(admin), RUNS)
        report("contact list (80 rows), administrator", contacts, admin_seconds)
        delegate_seconds = timed(env, contact_list(delegate), RUNS)
        visible = env(user=delegate.id, su=False)["res.partner"].search_count([])
        report(f"contact list (80 rows), delegate ({visible} visible)", contacts, delegate_seconds, admin_seconds)
