"""Generator steps. Each module defines ORDER (int), REQUIRES (addon name) and
generate(env, rng, contacts, log) -> number of records created. Steps write with
set-based SQL where volume matters and must be idempotent at a given scale."""
