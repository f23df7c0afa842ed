-- CreateTable
CREATE TABLE "rm_stores" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "state_code" TEXT NOT NULL,
    "gstin" TEXT,

    CONSTRAINT "rm_stores_pkey" PRIMARY KEY ("org_id","store_id")
);

-- CreateTable
CREATE TABLE "rm_orders" (
    "org_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "register_id" UUID,
    "shift_id" UUID,
    "order_number" TEXT,
    "channel" TEXT NOT NULL,
    "supply" TEXT NOT NULL,
    "place_of_supply" TEXT NOT NULL,
    "placed_at" TIMESTAMPTZ(6) NOT NULL,
    "business_date" DATE NOT NULL,
    "hour" SMALLINT NOT NULL,
    "status" TEXT NOT NULL,
    "gross_paise" BIGINT NOT NULL,
    "discount_paise" BIGINT NOT NULL,
    "service_charge_paise" BIGINT NOT NULL,
    "taxable_paise" BIGINT NOT NULL,
    "cgst_paise" BIGINT NOT NULL,
    "sgst_paise" BIGINT NOT NULL,
    "igst_paise" BIGINT NOT NULL,
    "tax_paise" BIGINT NOT NULL,
    "total_paise" BIGINT NOT NULL,
    "round_off_paise" BIGINT NOT NULL,
    "payable_paise" BIGINT NOT NULL,
    "tendered_paise" BIGINT NOT NULL,
    "change_paise" BIGINT NOT NULL,
    "refunded_paise" BIGINT NOT NULL DEFAULT 0,
    "voided_at" TIMESTAMPTZ(6),
    "void_reason" TEXT,

    CONSTRAINT "rm_orders_pkey" PRIMARY KEY ("org_id","order_id")
);

-- CreateTable
CREATE TABLE "rm_order_lines" (
    "org_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "line_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "position" SMALLINT NOT NULL,
    "item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "modifiers" TEXT NOT NULL,
    "hsn_sac" TEXT NOT NULL,
    "rate_bp" SMALLINT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_paise" BIGINT NOT NULL,
    "price_includes_tax" BOOLEAN NOT NULL,
    "gross_paise" BIGINT NOT NULL,
    "discount_paise" BIGINT NOT NULL,
    "service_charge_paise" BIGINT NOT NULL,
    "taxable_paise" BIGINT NOT NULL,
    "cgst_paise" BIGINT NOT NULL,
    "sgst_paise" BIGINT NOT NULL,
    "igst_paise" BIGINT NOT NULL,
    "total_paise" BIGINT NOT NULL,
    "refunded_quantity" INTEGER NOT NULL DEFAULT 0,
    "refunded_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_order_lines_pkey" PRIMARY KEY ("org_id","order_id","line_id")
);

-- CreateTable
CREATE TABLE "rm_sales_by_hour" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "hour" SMALLINT NOT NULL,
    "orders_count" INTEGER NOT NULL DEFAULT 0,
    "gross_paise" BIGINT NOT NULL DEFAULT 0,
    "discount_paise" BIGINT NOT NULL DEFAULT 0,
    "service_charge_paise" BIGINT NOT NULL DEFAULT 0,
    "taxable_paise" BIGINT NOT NULL DEFAULT 0,
    "tax_paise" BIGINT NOT NULL DEFAULT 0,
    "round_off_paise" BIGINT NOT NULL DEFAULT 0,
    "payable_paise" BIGINT NOT NULL DEFAULT 0,
    "voids_count" INTEGER NOT NULL DEFAULT 0,
    "voided_paise" BIGINT NOT NULL DEFAULT 0,
    "refunds_count" INTEGER NOT NULL DEFAULT 0,
    "refunded_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_sales_by_hour_pkey" PRIMARY KEY ("org_id","store_id","business_date","hour")
);

-- CreateTable
CREATE TABLE "rm_item_sales" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "quantity_sold" INTEGER NOT NULL DEFAULT 0,
    "taxable_paise" BIGINT NOT NULL DEFAULT 0,
    "refunded_quantity" INTEGER NOT NULL DEFAULT 0,
    "refunded_taxable_paise" BIGINT NOT NULL DEFAULT 0,
    "voided_quantity" INTEGER NOT NULL DEFAULT 0,
    "voided_taxable_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_item_sales_pkey" PRIMARY KEY ("org_id","store_id","business_date","item_id")
);

-- CreateTable
CREATE TABLE "rm_payment_mix" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "tender_kind" TEXT NOT NULL,
    "tenders_count" INTEGER NOT NULL DEFAULT 0,
    "applied_paise" BIGINT NOT NULL DEFAULT 0,
    "tips_paise" BIGINT NOT NULL DEFAULT 0,
    "refunds_count" INTEGER NOT NULL DEFAULT 0,
    "refunded_paise" BIGINT NOT NULL DEFAULT 0,
    "voided_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_payment_mix_pkey" PRIMARY KEY ("org_id","store_id","business_date","tender_kind")
);

-- CreateTable
CREATE TABLE "rm_gst_summary" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "rate_bp" SMALLINT NOT NULL,
    "hsn_sac" TEXT NOT NULL,
    "supply" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "taxable_paise" BIGINT NOT NULL DEFAULT 0,
    "cgst_paise" BIGINT NOT NULL DEFAULT 0,
    "sgst_paise" BIGINT NOT NULL DEFAULT 0,
    "igst_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_gst_summary_pkey" PRIMARY KEY ("org_id","store_id","business_date","rate_bp","hsn_sac","supply","segment")
);

-- CreateTable
CREATE TABLE "rm_stock_on_hand" (
    "org_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "stock_item_id" UUID NOT NULL,
    "on_hand" BIGINT NOT NULL DEFAULT 0,
    "last_counted_quantity" BIGINT,
    "last_counted_at" TIMESTAMPTZ(6),

    CONSTRAINT "rm_stock_on_hand_pkey" PRIMARY KEY ("org_id","store_id","stock_item_id")
);

-- CreateTable
CREATE TABLE "rm_shifts" (
    "org_id" UUID NOT NULL,
    "shift_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "register_id" UUID NOT NULL,
    "opened_by" UUID NOT NULL,
    "opened_at" TIMESTAMPTZ(6) NOT NULL,
    "business_date" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "float_paise" BIGINT NOT NULL,
    "cash_in_paise" BIGINT NOT NULL DEFAULT 0,
    "cash_out_paise" BIGINT NOT NULL DEFAULT 0,
    "closed_by" UUID,
    "closed_at" TIMESTAMPTZ(6),
    "cash_sales_paise" BIGINT,
    "change_given_paise" BIGINT,
    "cash_refunds_paise" BIGINT,
    "expected_cash_paise" BIGINT,
    "counted_cash_paise" BIGINT,
    "variance_paise" BIGINT,

    CONSTRAINT "rm_shifts_pkey" PRIMARY KEY ("org_id","shift_id")
);

-- CreateTable
CREATE TABLE "rm_receivables" (
    "org_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "invoice_number" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "customer_name" TEXT NOT NULL,
    "customer_gstin" TEXT NOT NULL,
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "payable_paise" BIGINT NOT NULL,
    "paid_paise" BIGINT NOT NULL DEFAULT 0,
    "outstanding_paise" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "last_paid_on" DATE,
    "settled_on" DATE,
    "overdue_as_of" DATE,

    CONSTRAINT "rm_receivables_pkey" PRIMARY KEY ("org_id","invoice_id")
);

-- Hand-written: what Prisma cannot express.
--
-- Row-level security on every read-model table, keyed on the transaction-local tenant
-- (set_config('app.org_id', …, true)). FORCE holds the table owner to it too, and an unset tenant
-- matches no row, so a query that forgets its WHERE still sees only its own org.
ALTER TABLE "rm_stores" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_stores" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_stores" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_orders" ADD CONSTRAINT "rm_orders_channel_check" CHECK ("channel" IN ('dine_in', 'takeaway', 'delivery'));
ALTER TABLE "rm_orders" ADD CONSTRAINT "rm_orders_supply_check" CHECK ("supply" IN ('intra_state', 'inter_state'));
ALTER TABLE "rm_orders" ADD CONSTRAINT "rm_orders_status_check" CHECK ("status" IN ('placed', 'voided', 'partially_refunded', 'refunded'));
ALTER TABLE "rm_orders" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_orders" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_orders" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_order_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_order_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_order_lines" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_sales_by_hour" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_sales_by_hour" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_sales_by_hour" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_item_sales" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_item_sales" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_item_sales" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_payment_mix" ADD CONSTRAINT "rm_payment_mix_tender_kind_check" CHECK ("tender_kind" IN ('cash', 'card', 'upi', 'wallet', 'on_account'));
ALTER TABLE "rm_payment_mix" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_payment_mix" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_payment_mix" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_gst_summary" ADD CONSTRAINT "rm_gst_summary_supply_check" CHECK ("supply" IN ('intra_state', 'inter_state'));
ALTER TABLE "rm_gst_summary" ADD CONSTRAINT "rm_gst_summary_segment_check" CHECK ("segment" IN ('B2C', 'B2B'));
ALTER TABLE "rm_gst_summary" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_gst_summary" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_gst_summary" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_stock_on_hand" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_stock_on_hand" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_stock_on_hand" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_shifts" ADD CONSTRAINT "rm_shifts_status_check" CHECK ("status" IN ('open', 'closed'));
ALTER TABLE "rm_shifts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_shifts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_shifts" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_receivables" ADD CONSTRAINT "rm_receivables_status_check" CHECK ("status" IN ('issued', 'overdue', 'settled'));
ALTER TABLE "rm_receivables" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_receivables" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_receivables" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

-- The role the services connect as: not the owner, not a superuser, no BYPASSRLS, so every read
-- of a tenant table goes through its policy. Roles are cluster-wide, hence the guard against a
-- concurrent creation by another database's migration.
DO $$
BEGIN
    CREATE ROLE possier_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_stores, rm_orders, rm_order_lines, rm_sales_by_hour, rm_item_sales, rm_payment_mix, rm_gst_summary, rm_stock_on_hand, rm_shifts, rm_receivables TO possier_app;
GRANT SELECT, INSERT, UPDATE ON projector_checkpoints, relay_checkpoints TO possier_app;
GRANT SELECT, INSERT ON events TO possier_app;
GRANT EXECUTE ON FUNCTION append_events(jsonb) TO possier_app;
