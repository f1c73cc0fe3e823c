from . import (
    account_chart_template,
    account_payment,
    account_payment_method,
    assoc_cheque_slip,
    ir_actions_report,
    res_company,
    res_config_settings,
)
