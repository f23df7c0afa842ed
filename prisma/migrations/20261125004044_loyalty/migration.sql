-- CreateTable
CREATE TABLE "rm_customer_sales" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "customer_id" UUID NOT NULL,
    "orders_count" INTEGER NOT NULL DEFAULT 0,
    "spend_paise" BIGINT NOT NULL DEFAULT 0,
    "refunded_paise" BIGINT NOT NULL DEFAULT 0,
    "voided_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_customer_sales_pkey" PRIMARY KEY ("org_id","store_id","business_date","customer_id")
);

-- CreateTable
CREATE TABLE "rm_loyalty_accounts" (
    "org_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "points" BIGINT NOT NULL DEFAULT 0,
    "earned_points" BIGINT NOT NULL DEFAULT 0,
    "redeemed_points" BIGINT NOT NULL DEFAULT 0,
    "reversed_points" BIGINT NOT NULL DEFAULT 0,
    "expired_points" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_loyalty_accounts_pkey" PRIMARY KEY ("org_id","brand_id","customer_id")
);

-- CreateTable
CREATE TABLE "rm_loyalty_rules" (
    "org_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "points_per_100_rupees" INTEGER NOT NULL,
    "point_value_paise" BIGINT NOT NULL,
    "expiry_days" INTEGER NOT NULL,

    CONSTRAINT "rm_loyalty_rules_pkey" PRIMARY KEY ("org_id","brand_id")
);

-- Hand-written: what Prisma cannot express.
ALTER TABLE "rm_customer_sales" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_customer_sales" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_customer_sales" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_loyalty_accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_loyalty_accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_loyalty_accounts" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_loyalty_rules" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_loyalty_rules" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_loyalty_rules" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
-- The customers report reads a period's rows per customer.
CREATE INDEX "rm_customer_sales_customer_idx" ON "rm_customer_sales" ("org_id", "customer_id", "business_date");
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_customer_sales, rm_loyalty_accounts, rm_loyalty_rules TO possier_app;
-- A new tender kind (points redeemed) and a new offline conflict (points another register spent).
ALTER TABLE "rm_payment_mix" DROP CONSTRAINT "rm_payment_mix_tender_kind_check";
ALTER TABLE "rm_payment_mix" ADD CONSTRAINT "rm_payment_mix_tender_kind_check" CHECK ("tender_kind" IN ('cash', 'card', 'upi', 'wallet', 'on_account', 'loyalty'));
ALTER TABLE "rm_offline_conflicts" DROP CONSTRAINT "rm_offline_conflicts_kind_check";
ALTER TABLE "rm_offline_conflicts" ADD CONSTRAINT "rm_offline_conflicts_kind_check" CHECK ("kind" IN ('price_changed', 'item_inactive', 'stock_negative', 'loyalty_shortfall', 'other'));
SELECT assert_tenant_isolation();
