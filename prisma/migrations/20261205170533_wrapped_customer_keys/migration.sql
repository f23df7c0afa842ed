-- AlterTable
ALTER TABLE "customer_keys" ADD COLUMN     "kek_id" TEXT;

-- AlterTable
ALTER TABLE "customer_lookup_secrets" ADD COLUMN     "kek_id" TEXT;

-- Hand-written: what Prisma cannot express (see 20261124191938_read_models for the reasoning).
--
-- Customers' data keys and the orgs' phone lookup secrets are stored wrapped (AES-256-GCM: a
-- 12-byte nonce, the 32-byte key encrypted, a 16-byte tag) under a key-encryption key that is
-- never in the database, and `kek_id` names it. The database cannot wrap the rows stored raw
-- before this migration, since it does not know the key: they keep a null `kek_id`, and the
-- ledger wraps them in place at its next start (services/ledger/src/customers/customer-key-rewrap.ts).
ALTER TABLE "customer_keys" DROP CONSTRAINT "customer_keys_data_key_check";
ALTER TABLE "customer_keys" ADD CONSTRAINT "customer_keys_data_key_check"
    CHECK (CASE WHEN "kek_id" IS NULL THEN octet_length("data_key") = 32 ELSE octet_length("data_key") = 60 END);
ALTER TABLE "customer_lookup_secrets" DROP CONSTRAINT "customer_lookup_secrets_secret_check";
ALTER TABLE "customer_lookup_secrets" ADD CONSTRAINT "customer_lookup_secrets_secret_check"
    CHECK (CASE WHEN "kek_id" IS NULL THEN octet_length("secret") = 32 ELSE octet_length("secret") = 60 END);

-- Which orgs hold rows not yet under the current KEK (`p_current_kek_id`; null: the raw rows
-- alone), with how many, for the start-up wrap and `possier customer-keys rewrap`, which then
-- rewrap each org's rows as that tenant. It runs as the tables' owner so that it can count across
-- orgs, and answers org ids and counts only, never a key.
CREATE FUNCTION customer_key_census(p_current_kek_id text)
RETURNS TABLE (org_id uuid, keys bigint, secrets bigint)
LANGUAGE sql
STABLE
SECURITY DEFINER
AS $$
    SELECT pending.org_id,
           count(*) FILTER (WHERE pending.kind = 'key'),
           count(*) FILTER (WHERE pending.kind = 'secret')
      FROM (SELECT k.org_id, 'key' AS kind
              FROM customer_keys k
             WHERE k.kek_id IS NULL OR k.kek_id <> p_current_kek_id
            UNION ALL
            SELECT s.org_id, 'secret' AS kind
              FROM customer_lookup_secrets s
             WHERE s.kek_id IS NULL OR s.kek_id <> p_current_kek_id) AS pending
     GROUP BY pending.org_id
     ORDER BY pending.org_id
$$;

-- As append_events: a definer's function resolves names in the migrations' schema, never through
-- the caller's search_path. An owner that is not a superuser is held to FORCE ROW LEVEL SECURITY,
-- and would count nothing with no tenant set: it may read its own tables' rows for the census (it
-- could lift FORCE on them anyway; no other role gains anything).
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION customer_key_census(text) SET search_path = pg_catalog, %I, pg_temp', current_schema());
    EXECUTE format('CREATE POLICY owner_census ON customer_keys FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY owner_census ON customer_lookup_secrets FOR SELECT TO %I USING (true)', current_user);
END
$$;

-- The role of the work that spans orgs (20261205120000_events_row_security); created here too so
-- that this migration stands on its own.
DO $$
BEGIN
    CREATE ROLE possier_log_reader NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION customer_key_census(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION customer_key_census(text) TO possier_log_reader;
SELECT assert_tenant_isolation();
