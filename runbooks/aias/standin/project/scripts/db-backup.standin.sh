# Stand-in of scripts/db-backup.ts: create | list | restore ID, with pg_dump and pg_restore on $DATABASE_URL.
set -uo pipefail
mkdir -p backups
case "${1:-}" in
  create)
    id="backup-$(date -u +%Y%m%d-%H%M%S)"
    pg_dump --format=custom --no-owner --file="backups/$id.dump" "$DATABASE_URL" || { echo "✗ pg_dump failed"; exit 1; }
    echo "✓ Backup created: $id ($(( $(stat -c %s "backups/$id.dump") / 1024 )) KB)"
    ;;
  list)
    echo "Backups (newest first):"
    ls -1t backups/*.dump 2>/dev/null | sed 's#backups/\(.*\)\.dump#  \1#' || true
    ;;
  restore)
    id=${2:?usage: db-backup.ts restore <backup_id>}
    [ -f "backups/$id.dump" ] || { echo "✗ No backup $id"; exit 1; }
    pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$DATABASE_URL" "backups/$id.dump" || { echo "✗ Restore of $id failed"; exit 1; }
    echo "✓ Restored $id"
    ;;
  *) echo "usage: db-backup.ts create | list | restore <backup_id>"; exit 2 ;;
esac
