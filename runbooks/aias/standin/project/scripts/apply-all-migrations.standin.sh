# Stand-in of scripts/apply-all-migrations.ts: applies the pending migrations like supabase db push.
exec supabase db push --linked
