#!/bin/sh
# Runs once, when the PostgreSQL volume is first created. The services log in as possier_service:
# not the owner of the tables, not a superuser, no BYPASSRLS. It may read the whole event log
# (possier_log_reader: the relay, the projectors, status and rebuild need it) and switches to
# possier_app for each tenant's work, where row-level security holds it to that tenant. Migrations
# run as the owner (the image's superuser here) and grant both roles their rights; they also create
# the two roles when missing, and the login is created here because it needs a password.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$POSSIER_APP_PASSWORD" <<'SQL'
CREATE ROLE possier_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE possier_log_reader NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE possier_service LOGIN PASSWORD :'password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE
  IN ROLE possier_app, possier_log_reader;
SQL
