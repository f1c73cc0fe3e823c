from . import test_access, test_cheques, test_install, test_ui
