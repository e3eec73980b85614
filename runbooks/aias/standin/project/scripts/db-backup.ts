// db-backup.ts — the AIAS project's script (its stand-in is db-backup.standin.sh)
