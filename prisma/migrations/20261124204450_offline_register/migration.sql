-- CreateTable
CREATE TABLE "register_sync" (
    "org_id" UUID NOT NULL,
    "register_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "last_replay_at" TIMESTAMPTZ(6) NOT NULL,
    "last_batch_id" UUID NOT NULL,
    "queued_events" INTEGER NOT NULL,
    "oldest_queued_at" TIMESTAMPTZ(6),

    CONSTRAINT "register_sync_pkey" PRIMARY KEY ("org_id","register_id")
);

-- CreateTable
CREATE TABLE "rm_offline_conflicts" (
    "org_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "conflict_index" SMALLINT NOT NULL,
    "store_id" UUID NOT NULL,
    "register_id" UUID,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "item_id" UUID,
    "stock_item_id" UUID,
    "on_hand_after" BIGINT,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rm_offline_conflicts_pkey" PRIMARY KEY ("org_id","order_id","conflict_index")
);

-- Hand-written: what Prisma cannot express (see 20261124191938_read_models for the reasoning).
ALTER TABLE "rm_offline_conflicts" ADD CONSTRAINT "rm_offline_conflicts_kind_check" CHECK ("kind" IN ('price_changed', 'item_inactive', 'stock_negative', 'other'));
ALTER TABLE "rm_offline_conflicts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_offline_conflicts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_offline_conflicts" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "register_sync" ADD CONSTRAINT "register_sync_queued_events_check" CHECK ("queued_events" >= 0);
ALTER TABLE "register_sync" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "register_sync" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "register_sync" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_offline_conflicts, register_sync TO possier_app;

-- Stock on hand as the ledger sees it when it judges a replayed sale: whether a store tracks a
-- stock item and where its last count is (adjustments only, a handful per day), then the item's
-- movements since, in log order, found without scanning the log. Partial, so sales without stock
-- and every other event cost the indexes nothing.
CREATE INDEX events_stock_adjustments ON events (store_id, (data->>'stockItemId'), transaction_id, global_position)
    WHERE type = 'StockAdjusted';
CREATE INDEX events_stock_movements ON events (store_id, (data->>'stockItemId'), transaction_id, global_position)
    WHERE type IN ('StockDepleted', 'StockAdjusted');
