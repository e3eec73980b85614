// db-sanity-check-production.ts — the AIAS project's script (its stand-in is db-sanity-check-production.standin.sh)
