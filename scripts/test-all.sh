#!/usr/bin/env bash
# Runs every check and test suite, keeps going after a failure so one run shows everything, and ends with
# one summary line: "tests: N passed, M failed". Static checks (lint, typecheck, i18n, build) count as one
# test each; vitest and Playwright count their own tests from their JSON reports.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
mkdir -p test-results
passed=0
failed=0
failures=()

check() { # name, command...
  local name=$1
  shift
  echo "=== $name: $*"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

count_report() { # name, exit code, report file, node expression giving "passed failed"
  local name=$1 rc=$2 report=$3
  if [ -s "$report" ]; then
    read -r p f < <(node -e "$4" "$report")
  else
    p=0 f=0
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    # The runner failed without a failing test (crash, no report, setup error): count it once.
    failed=$((failed + 1))
  fi
  [ "$rc" -ne 0 ] || [ "$f" -ne 0 ] && failures+=("$name")
  return 0
}

check lint npm run --silent lint
check typecheck npm run --silent typecheck
check i18n npm run --silent i18n:check
check build npm run --silent build

echo "=== unit and simulator tests (vitest)"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
count_report vitest $? test-results/vitest.json \
  'const r=require(require("path").resolve(process.argv[1]));console.log(r.numPassedTests, r.numFailedTests)'

echo "=== browser tests (Playwright, Chromium)"
rm -f test-results/playwright.json
npx playwright test
count_report playwright $? test-results/playwright.json \
  'const s=require(require("path").resolve(process.argv[1])).stats;console.log(s.expected+s.flaky, s.unexpected)'

if [ ${#failures[@]} -gt 0 ]; then
  echo "failed: ${failures[*]}"
fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
