#!/usr/bin/env bash
# Pathavana's one test command: installs what a fresh Debian machine lacks (as root), builds
# everything with warnings as errors, runs every test against real PostgreSQL, Redis and
# browsers started by the run, and ends with the line "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

# --- 1. What the tests need from the machine -------------------------------------------------
need=()
have_pg() { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
have_pg || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pgbackrest >/dev/null 2>&1 || need+=(pgbackrest)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || { echo "apt-get install ${need[*]} failed"; echo "tests: 0 passed, 1 failed"; exit 1; }
    # Packaged services are not what the tests use: they start their own servers on free ports.
    for svc in prometheus prometheus-alertmanager redis-server postgresql; do
      (command -v systemctl >/dev/null && systemctl stop "$svc") >/dev/null 2>&1 || true
      (command -v service >/dev/null && service "$svc" stop) >/dev/null 2>&1 || true
    done
  else
    echo "Missing: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}"
    echo "tests: 0 passed, 1 failed"
    exit 1
  fi
fi

# --- 2. Build with zero warnings --------------------------------------------------------------
log "dotnet build"
if ! dotnet build Pathavana.slnx -c Release -warnaserror -nologo -v q; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# --- 3. Tests ----------------------------------------------------------------------------------
passed=0
failed=0
results=$(mktemp -d)

log "dotnet test"
dotnet test Pathavana.slnx -c Release --no-build --nologo 2>&1 | tee "$results/dotnet.log"
dotnet_rc=${PIPESTATUS[0]}
while read -r f p; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(grep -E '^(Passed|Failed)!' "$results/dotnet.log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\1 \2/')
if [ "$dotnet_rc" -ne 0 ] && ! grep -qE '^(Passed|Failed)!' "$results/dotnet.log"; then
  failed=$((failed + 1)) # the run itself broke before reporting
fi

for extra in tests/*.test.sh; do
  [ -f "$extra" ] || continue
  log "$extra"
  out=$(bash "$extra" 2>&1); rc=$?
  printf '%s\n' "$out"
  line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | awk '{print $1}')))
    failed=$((failed + $(echo "$line" | awk '{print $3}')))
  fi
  if [ $rc -ne 0 ] && [ -z "$line" ]; then failed=$((failed + 1)); fi
done

rm -rf "$results"
echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$dotnet_rc" -eq 0 ]
