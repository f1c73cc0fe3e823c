def post_init_hook(env):
    """Companies already on a chart get their dues accounts and default journals."""
    env["res.company"].search([("chart_template", "!=", False)])._assoc_membership_setup_accounting()
