-- Hand-written SQL only: schema.prisma did not change.
--
-- Tenant isolation, asserted rather than assumed: a table with an org_id column that lacks FORCE
-- ROW LEVEL SECURITY, or an application role that is a superuser or may bypass RLS, would let one
-- forgotten WHERE read another org. The check is a function so that a later migration adding a
-- tenant table can end with `SELECT assert_tenant_isolation();`, and the security suite calls it
-- against a live database.
--
-- `events` is the one exemption: it is the global log, read in commit order across every org by
-- the relay and the projectors, so it cannot be filtered by one tenant. Every read of it on a
-- caller's behalf is scoped by the ledger (a stream's org is checked on append and on read), and
-- the application role may only SELECT and INSERT it (no UPDATE or DELETE).
CREATE OR REPLACE FUNCTION assert_tenant_isolation() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    unforced text;
    app_role record;
BEGIN
    SELECT string_agg(format('%I.%I', namespace.nspname, class.relname), ', ' ORDER BY class.relname)
      INTO unforced
      FROM pg_class class
      JOIN pg_namespace namespace ON namespace.oid = class.relnamespace
      JOIN pg_attribute attribute ON attribute.attrelid = class.oid
     WHERE attribute.attname = 'org_id'
       AND NOT attribute.attisdropped
       AND class.relkind IN ('r', 'p')
       AND namespace.nspname = current_schema()
       AND class.relname <> 'events'
       AND NOT (class.relrowsecurity AND class.relforcerowsecurity);
    IF unforced IS NOT NULL THEN
        RAISE EXCEPTION 'tenant tables without FORCE ROW LEVEL SECURITY: %', unforced;
    END IF;

    SELECT rolsuper, rolbypassrls INTO app_role FROM pg_roles WHERE rolname = 'possier_app';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the application role possier_app does not exist';
    END IF;
    IF app_role.rolsuper OR app_role.rolbypassrls THEN
        RAISE EXCEPTION 'the application role possier_app must be neither SUPERUSER nor BYPASSRLS';
    END IF;
END
$$;

SELECT assert_tenant_isolation();
