#!/usr/bin/env bash
# Runs every test of the solution (README's test command). PostgreSQL-backed storage tests read
# SMARTENV_TEST_PG (default: Host=127.0.0.1;Username=postgres;Password=postgres) — `.ci/setup` installs and starts one.
# Prints one closing line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
dotnet test SmartEnv.slnx -c Release "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
summary=$(grep -aE '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
rm -f "$log"
echo "tests: $summary"
exit $rc
