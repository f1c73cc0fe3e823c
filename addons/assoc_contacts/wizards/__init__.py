from . import assoc_interaction_search
