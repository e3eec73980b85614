// verify-migration-dependencies.ts — the AIAS project's script (its stand-in is verify-migration-dependencies.standin.sh)
