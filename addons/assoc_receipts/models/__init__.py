# isort: skip_file
# Order matters: a model is defined before the files that extend it, and the statement view
# (assoc_receipt_statement) is created after the receipt table it reads.
from . import res_company
from . import res_config_settings
from . import account_chart_template
from . import assoc_tax_rule
from . import assoc_amount_timeline
from . import assoc_donation
from . import assoc_donation_accounting
from . import assoc_donation_payment_batch
from . import assoc_donation_political
from . import assoc_tax_receipt
from . import assoc_tax_receipt_issue
from . import assoc_tax_receipt_pdf
from . import assoc_tax_receipt_mail
from . import assoc_receipt_run
from . import assoc_receipt_statement
from . import res_partner
from . import account_payment
from . import utm_campaign
from . import ir_actions_report
