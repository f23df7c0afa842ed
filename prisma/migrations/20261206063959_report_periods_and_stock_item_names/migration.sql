-- CreateTable
CREATE TABLE "rm_stock_items" (
    "org_id" UUID NOT NULL,
    "stock_item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,

    CONSTRAINT "rm_stock_items_pkey" PRIMARY KEY ("org_id","stock_item_id")
);

-- CreateTable
CREATE TABLE "rm_stock_movements" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "stock_item_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "global_position" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL,

    CONSTRAINT "rm_stock_movements_pkey" PRIMARY KEY ("org_id","store_id","stock_item_id","event_id")
);

-- CreateTable
CREATE TABLE "rm_loyalty_days" (
    "org_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "points" BIGINT NOT NULL DEFAULT 0,
    "earned_points" BIGINT NOT NULL DEFAULT 0,
    "redeemed_points" BIGINT NOT NULL DEFAULT 0,
    "reversed_points" BIGINT NOT NULL DEFAULT 0,
    "expired_points" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_loyalty_days_pkey" PRIMARY KEY ("org_id","brand_id","customer_id","business_date")
);

-- Hand-written: what Prisma cannot express.
ALTER TABLE "rm_stock_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_stock_items" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_stock_items" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_stock_movements" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_stock_movements" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_stock_movements" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_loyalty_days" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_loyalty_days" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_loyalty_days" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_stock_items" ADD CONSTRAINT "rm_stock_items_unit_check" CHECK ("unit" IN ('g', 'ml', 'piece'));
ALTER TABLE "rm_stock_movements" ADD CONSTRAINT "rm_stock_movements_kind_check" CHECK ("kind" IN ('receipt', 'sale', 'waste', 'transfer_in', 'transfer_out', 'count'));
-- The stock report over a period reads a store's movements by business date.
CREATE INDEX "rm_stock_movements_period_idx" ON "rm_stock_movements" ("org_id", "store_id", "business_date");
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_stock_items, rm_stock_movements, rm_loyalty_days TO possier_app;
SELECT assert_tenant_isolation();
