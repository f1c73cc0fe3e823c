from . import (
    account_chart_template,
    account_payment,
    account_payment_method,
    assoc_cheque_details_mixin,
    assoc_cheque_slip,
    assoc_cheque_slip_cashing,
    ir_actions_report,
    res_company,
    res_config_settings,
)
