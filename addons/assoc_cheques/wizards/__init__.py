from . import assoc_cheque_return, assoc_cheque_slip_cash
