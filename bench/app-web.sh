#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The App's browser figures, measured in Debian's headless Chromium by AppBrowserBenchIT:
# time to the first painted grid of a 100,000-sample dataset (target < 1.5 s after navigation
# start) and fps while playing a 300-slice group with two masks (target >= 30).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl scanbase-app -am install -DskipTests
./mvnw -B -pl scanbase-app verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=AppBrowserBenchIT -Dfailsafe.failIfNoSpecifiedTests=false | grep -E '^BENCH|Tests run:|FAIL'
