-- CreateTable
CREATE TABLE "rm_day_seals" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "amendment" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "seal_event_id" UUID NOT NULL,
    "sealed_at" TIMESTAMPTZ(6) NOT NULL,
    "sealed_by" UUID NOT NULL,
    "signing_key" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "after_position" TEXT,
    "through_position" TEXT,
    "event_count" INTEGER NOT NULL,
    "merkle_root" TEXT NOT NULL,

    CONSTRAINT "rm_day_seals_pkey" PRIMARY KEY ("org_id","store_id","business_date","amendment")
);

-- CreateTable
CREATE TABLE "rm_seal_takings" (
    "org_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "log_position" TEXT NOT NULL,
    "orders_count" INTEGER NOT NULL DEFAULT 0,
    "payable_paise" BIGINT NOT NULL DEFAULT 0,
    "tender_kind" TEXT,
    "applied_paise" BIGINT NOT NULL DEFAULT 0,
    "voids_count" INTEGER NOT NULL DEFAULT 0,
    "voided_paise" BIGINT NOT NULL DEFAULT 0,
    "refunds_count" INTEGER NOT NULL DEFAULT 0,
    "refunded_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_seal_takings_pkey" PRIMARY KEY ("org_id","event_id")
);

-- Hand-written: what Prisma cannot express (see 20261124191938_read_models for the reasoning).
--
-- The seals of each store's business dates and the money events they cover, for the Z report
-- (read-models/src/projections/day-seals.projection.ts). The projection is new, so the projector
-- projects it from the start of the log on its next run, as it does any projection it has never
-- run: every date sealed before this migration shows its seals too.
ALTER TABLE "rm_day_seals" ADD CONSTRAINT "rm_day_seals_kind_check" CHECK ("kind" IN ('close', 'amendment'));
ALTER TABLE "rm_day_seals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_day_seals" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_day_seals" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_seal_takings" ADD CONSTRAINT "rm_seal_takings_tender_kind_check" CHECK ("tender_kind" IN ('cash', 'card', 'upi', 'wallet', 'on_account', 'loyalty'));
ALTER TABLE "rm_seal_takings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_seal_takings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_seal_takings" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
-- The Z report sums a seal's events by store and sale time, then by log position.
CREATE INDEX "rm_seal_takings_store_occurred_idx" ON "rm_seal_takings" ("org_id", "store_id", "occurred_at");
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_day_seals, rm_seal_takings TO possier_app;
SELECT assert_tenant_isolation();
