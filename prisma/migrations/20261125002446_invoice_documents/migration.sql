-- AlterTable
ALTER TABLE "rm_receivables" ADD COLUMN     "credited_paise" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "debited_paise" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "discount_paise" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "rm_statement_entries" (
    "org_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "entry_date" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "document_number" TEXT,
    "debit_paise" BIGINT NOT NULL DEFAULT 0,
    "credit_paise" BIGINT NOT NULL DEFAULT 0,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL,
    "stream_position" INTEGER NOT NULL,

    CONSTRAINT "rm_statement_entries_pkey" PRIMARY KEY ("org_id","entry_id")
);

-- Hand-written: what Prisma cannot express.
ALTER TABLE "rm_statement_entries" ADD CONSTRAINT "rm_statement_entries_kind_check" CHECK ("kind" IN ('invoice', 'correction', 'credit_note', 'debit_note', 'payment', 'discount'));
ALTER TABLE "rm_statement_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_statement_entries" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_statement_entries" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
-- A statement reads one customer's invoices' entries by date.
CREATE INDEX "rm_statement_entries_invoice_date_idx" ON "rm_statement_entries" ("org_id", "invoice_id", "entry_date");
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_statement_entries TO possier_app;
SELECT assert_tenant_isolation();
