// apply-all-migrations.ts — the AIAS project's script (its stand-in is apply-all-migrations.standin.sh)
