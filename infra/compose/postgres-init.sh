#!/bin/sh
# Runs once, when the PostgreSQL volume is first created. The services connect as possier_app:
# not the owner of the tables, not a superuser, no BYPASSRLS, so row-level security holds for
# them. Migrations run as the owner (the image's superuser here) and grant possier_app its rights;
# they also create the role when it is missing, but without a password.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$POSSIER_APP_PASSWORD" <<'SQL'
CREATE ROLE possier_app LOGIN PASSWORD :'password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
SQL
