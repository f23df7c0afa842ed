-- CreateTable
CREATE TABLE "rm_orgs" (
    "org_id" UUID NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "rm_orgs_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "rm_brands" (
    "org_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "rm_brands_pkey" PRIMARY KEY ("org_id","brand_id")
);

-- CreateTable
CREATE TABLE "rm_registers" (
    "org_id" UUID NOT NULL,
    "register_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "rm_registers_pkey" PRIMARY KEY ("org_id","register_id")
);

-- CreateTable
CREATE TABLE "rm_users" (
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,

    CONSTRAINT "rm_users_pkey" PRIMARY KEY ("org_id","user_id")
);

-- CreateTable
CREATE TABLE "rm_role_grants" (
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "scope_level" TEXT NOT NULL,
    "scope_id" UUID NOT NULL,
    "granted_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "rm_role_grants_pkey" PRIMARY KEY ("org_id","user_id","role","scope_level","scope_id")
);

-- CreateTable
CREATE TABLE "rm_tax_categories" (
    "org_id" UUID NOT NULL,
    "tax_category_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "rate_bp" SMALLINT NOT NULL,
    "hsn_sac" TEXT NOT NULL,
    "rate_effective_from" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rm_tax_categories_pkey" PRIMARY KEY ("org_id","tax_category_id")
);

-- CreateTable
CREATE TABLE "rm_items" (
    "org_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "tax_category_id" UUID NOT NULL,
    "hsn_sac" TEXT,
    "unit_price_paise" BIGINT NOT NULL,
    "price_includes_tax" BOOLEAN NOT NULL,
    "price_effective_from" TIMESTAMPTZ(6) NOT NULL,
    "active" BOOLEAN NOT NULL,

    CONSTRAINT "rm_items_pkey" PRIMARY KEY ("org_id","item_id")
);

-- CreateTable
CREATE TABLE "rm_item_store_prices" (
    "org_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "store_id" UUID NOT NULL,
    "unit_price_paise" BIGINT NOT NULL,
    "price_includes_tax" BOOLEAN NOT NULL,
    "price_effective_from" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rm_item_store_prices_pkey" PRIMARY KEY ("org_id","item_id","store_id")
);

-- CreateTable
CREATE TABLE "rm_recipe_components" (
    "org_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "stock_item_id" UUID NOT NULL,
    "position" SMALLINT NOT NULL,
    "quantity" BIGINT NOT NULL,

    CONSTRAINT "rm_recipe_components_pkey" PRIMARY KEY ("org_id","item_id","stock_item_id")
);

-- Hand-written: what Prisma cannot express (see 20261124191938_read_models for the reasoning).
--
-- CHECK constraints on the enumerated text columns, and row-level security on every new
-- read-model table, keyed on the transaction-local tenant; FORCE holds the table owner to it too.
ALTER TABLE "rm_orgs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_orgs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_orgs" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_brands" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_brands" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_brands" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_registers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_registers" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_registers" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_users" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_users" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_role_grants" ADD CONSTRAINT "rm_role_grants_role_check" CHECK ("role" IN ('owner', 'brand_manager', 'store_manager', 'cashier', 'accountant', 'analyst'));
ALTER TABLE "rm_role_grants" ADD CONSTRAINT "rm_role_grants_scope_level_check" CHECK ("scope_level" IN ('org', 'brand', 'store'));
ALTER TABLE "rm_role_grants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_role_grants" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_role_grants" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_tax_categories" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_tax_categories" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_tax_categories" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_items" ADD CONSTRAINT "rm_items_kind_check" CHECK ("kind" IN ('item', 'modifier'));
ALTER TABLE "rm_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_items" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_items" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_item_store_prices" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_item_store_prices" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_item_store_prices" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
ALTER TABLE "rm_recipe_components" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rm_recipe_components" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "rm_recipe_components" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

-- The services' role (created in 20261124191938_read_models). DELETE is used by the projector:
-- a RecipeSet replaces an item's recipe rows, and a rebuild swaps rows in.
GRANT SELECT, INSERT, UPDATE, DELETE ON rm_orgs, rm_brands, rm_registers, rm_users, rm_role_grants, rm_tax_categories, rm_items, rm_item_store_prices, rm_recipe_components TO possier_app;
