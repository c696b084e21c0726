#!/usr/bin/env bash
# Refreshes the pictures in docs/screenshots/ (the only command that writes them): runs the browser tests with
# SMARTENV_SCREENSHOTS=docs. A plain ./test.sh writes screenshots to a temp folder and leaves the tree clean.
set -euo pipefail
cd "$(dirname "$0")/../.."
SMARTENV_SCREENSHOTS=docs dotnet test tests/SmartEnv.Web.BrowserTests -c Release "$@"
