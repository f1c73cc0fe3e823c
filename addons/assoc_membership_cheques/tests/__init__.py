from . import test_returned_dues
