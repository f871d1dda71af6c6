#!/usr/bin/env bash
# Regenerates the migrations from the current model. Until the first release there is one migration,
# "Initial": this script replaces it. After a release, add migrations with `dotnet ef migrations add`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf migrations/Generated
dotnet tool restore >/dev/null
dotnet ef migrations add Initial --project migrations/AudioPortal.Migrations.csproj \
  --startup-project src/AudioPortal.Web --output-dir Generated
