-- CreateTable
CREATE TABLE "customer_keys" (
    "org_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "key_id" UUID NOT NULL,
    "data_key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_keys_pkey" PRIMARY KEY ("org_id","customer_id")
);

-- CreateTable
CREATE TABLE "customer_phone_index" (
    "org_id" UUID NOT NULL,
    "phone_digest" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,

    CONSTRAINT "customer_phone_index_pkey" PRIMARY KEY ("org_id","phone_digest")
);

-- CreateTable
CREATE TABLE "customer_lookup_secrets" (
    "org_id" UUID NOT NULL,
    "secret" BYTEA NOT NULL,

    CONSTRAINT "customer_lookup_secrets_pkey" PRIMARY KEY ("org_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_keys_key_id_key" ON "customer_keys"("key_id");

-- CreateIndex
CREATE INDEX "customer_phone_index_org_id_customer_id_idx" ON "customer_phone_index"("org_id", "customer_id");

-- Hand-written: what Prisma cannot express (see 20261124191938_read_models for the reasoning).
ALTER TABLE "customer_keys" ADD CONSTRAINT "customer_keys_data_key_check" CHECK (octet_length("data_key") = 32);
ALTER TABLE "customer_lookup_secrets" ADD CONSTRAINT "customer_lookup_secrets_secret_check" CHECK (octet_length("secret") = 32);
ALTER TABLE "customer_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "customer_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "customer_keys" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "customer_phone_index" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "customer_phone_index" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "customer_phone_index" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "customer_lookup_secrets" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "customer_lookup_secrets" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "customer_lookup_secrets" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_keys, customer_phone_index, customer_lookup_secrets TO possier_app;
SELECT assert_tenant_isolation();
