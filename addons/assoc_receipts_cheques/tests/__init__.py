from . import test_returned_gift
