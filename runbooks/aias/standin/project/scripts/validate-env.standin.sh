# Stand-in of scripts/validate-env.ts: the variables production needs are set (in Vercel).
missing=""
for name in NEXT_PUBLIC_SUPABASE_URL SUPABASE_SERVICE_ROLE_KEY STRIPE_SECRET_KEY STRIPE_WEBHOOK_SECRET RESEND_API_KEY ADMIN_API_TOKEN; do
  vercel env ls production 2>/dev/null | grep -q "^ $name " || missing="$missing $name"
done
if [ -n "$missing" ]; then echo "✗ missing:$missing"; exit 1; fi
echo "✓ all required environment variables are set"
