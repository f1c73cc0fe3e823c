def post_init_hook(env):
    """Companies already on the French chart get their cheques journal and 511200 account."""
    companies = env["res.company"].search([("chart_template", "=", "fr")])
    companies._assoc_cheques_setup()
