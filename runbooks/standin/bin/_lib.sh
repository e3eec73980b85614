# Shared by the stand-in executables (sourced, not run). They stand in for vendor CLIs that cannot exist on a test
# machine, print what the real ones print for the commands the runbooks use, and act on the stand-in's own parts
# (its database, its project checkout). Each call is appended to $STANDIN_CALLS so a test can see what ran.
# A fault of the stand-in ($STANDIN_FAULTS, comma-separated names) makes the commands it concerns fail as they
# would in that situation.

standin_record() {
  if [ -n "${STANDIN_CALLS:-}" ]; then
    printf '%s\n' "$*" >> "$STANDIN_CALLS"
  fi
}

has_fault() {
  case ",${STANDIN_FAULTS:-}," in
    *",$1,"*) return 0 ;;
  esac
  return 1
}

# psql against the stand-in's database (the "remote" one), quiet and stopping at the first error.
remote_psql() {
  if [ -z "${DATABASE_URL:-}" ]; then
    echo "failed to connect to postgres: DATABASE_URL is not set" >&2
    return 1
  fi
  psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 "$@"
}

# The URL of another database on the same server (the local development database of `supabase db reset`).
sibling_url() {
  printf '%s' "${DATABASE_URL%/*}/$1"
}

utc_now() { date -u '+%Y-%m-%d %H:%M:%S'; }
