# Stand-in of scripts/db-sanity-check-production.ts: checks the production database's invariants.
problems=$(psql "$DATABASE_URL" -X -q -tA -v ON_ERROR_STOP=1 -c "
  SELECT 'profile without tier: ' || p.email FROM profiles p LEFT JOIN subscription_tiers t ON t.user_id = p.id WHERE t.user_id IS NULL
  UNION ALL SELECT 'workflow owner not a tenant member: ' || w.name FROM workflows w
    LEFT JOIN tenant_members m ON m.tenant_id = w.tenant_id AND m.user_id = w.owner_id WHERE m.user_id IS NULL") || { echo "✗ cannot query the database"; exit 1; }
if [ -n "$problems" ]; then
  echo "$problems" | sed 's/^/✗ /'
  exit 1
fi
echo "✓ profiles, tiers, tenants and workflows consistent"
