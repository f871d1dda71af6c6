#!/usr/bin/env bash
# Regenerates the migrations of every provider (migrations/Sqlite, migrations/Postgres) from the current model. Until
# the first release there is one migration per provider, "Initial": this script replaces both. After a release, add
# migrations with `dotnet ef migrations add` once per provider (the provider goes after `--`, as below).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  rm -rf "migrations/$provider/Generated"
  dotnet ef migrations add Initial --project "migrations/$provider/AudioPortal.Migrations.$provider.csproj" \
    --startup-project src/AudioPortal.Web --output-dir Generated -- --provider "$provider"
done
