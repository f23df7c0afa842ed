-- AlterTable
ALTER TABLE "rm_orders" ADD COLUMN     "voided_by" UUID;

-- CreateTable
CREATE TABLE "rm_tabs" (
    "org_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "table_name" TEXT,
    "tab_name" TEXT,
    "channel" TEXT NOT NULL,
    "covers" INTEGER NOT NULL,
    "opened_by" UUID,
    "opened_at" TIMESTAMPTZ(6) NOT NULL,
    "business_date" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "rounds" INTEGER NOT NULL DEFAULT 0,
    "bills" INTEGER NOT NULL DEFAULT 0,
    "reprints" INTEGER NOT NULL DEFAULT 0,
    "cancelled_lines" INTEGER NOT NULL DEFAULT 0,
    "cancelled_after_bill" INTEGER NOT NULL DEFAULT 0,
    "cancelled_paise" BIGINT NOT NULL DEFAULT 0,
    "closed_at" TIMESTAMPTZ(6),
    "closed_business_date" DATE,
    "payable_paise" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rm_tabs_pkey" PRIMARY KEY ("org_id","order_id")
);

-- CreateTable
CREATE TABLE "rm_tab_cancellations" (
    "org_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "business_date" DATE NOT NULL,
    "line_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "item_name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "gross_paise" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "after_bill" BOOLEAN NOT NULL,
    "actor_id" UUID,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rm_tab_cancellations_pkey" PRIMARY KEY ("org_id","event_id")
);

-- Hand-written: what Prisma cannot express.
ALTER TABLE "rm_tabs" ADD CONSTRAINT "rm_tabs_channel_check" CHECK ("channel" IN ('dine_in', 'takeaway', 'delivery'));
ALTER TABLE "rm_tabs" ADD CONSTRAINT "rm_tabs_status_check" CHECK ("status" IN ('open', 'settled', 'closed_empty'));
ALTER TABLE "rm_tabs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_tabs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_tabs" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_tab_cancellations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_tab_cancellations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_tab_cancellations" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
-- The floor report reads a store's tabs and cancellations by business date.
CREATE INDEX "rm_tabs_store_date_idx" ON "rm_tabs" ("org_id", "store_id", "business_date");
CREATE INDEX "rm_tab_cancellations_store_date_idx" ON "rm_tab_cancellations" ("org_id", "store_id", "business_date");
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_tabs, rm_tab_cancellations TO possier_app;
SELECT assert_tenant_isolation();
