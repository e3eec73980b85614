# Stand-in of scripts/verify-migration-dependencies.ts: every migration's tables come before the ones using them.
if standin-fault migration-order; then
  echo "✗ 20250127120000_workflow_runs.sql references workflow_runs_archive, created by no earlier migration"
  exit 1
fi
echo "✓ $(ls supabase/migrations/*.sql | wc -l) migrations, dependencies in order"
