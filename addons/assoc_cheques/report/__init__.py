from . import slip_pdf, slip_tables
