from . import test_cheques, test_install, test_ui
