from . import test_interaction
from . import test_system_tags
