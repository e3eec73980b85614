// validate-env.ts — the AIAS project's script (its stand-in is validate-env.standin.sh)
