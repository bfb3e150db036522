#!/usr/bin/env bash
# The web app's checks for ./test.sh: types (tsc), ESLint (import boundaries between features,
# typescript-eslint, React hooks; any error or warning fails), then the route and component tests
# (Vitest + Testing Library).
# Ends with the line "N passed, M failed" from Vitest's JSON results.
set -uo pipefail
cd "$(dirname "$0")/../web"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >/dev/null || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
npx tsc --noEmit -p tsconfig.json || { echo "tsc --noEmit found type errors"; echo "0 passed, 1 failed"; exit 1; }
npm run --silent lint || { echo "npm run lint found problems (eslint.config.js)"; echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp)
npx vitest run --reporter=default --reporter=json --outputFile.json="$results"
rc=$?
if [ ! -s "$results" ]; then
  echo "vitest wrote no results"
  echo "0 passed, 1 failed"
  exit 1
fi
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? 1 : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed`);
' "$results"
rm -f "$results"
exit $rc
