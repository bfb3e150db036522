#!/usr/bin/env bash
# Start to ready: the published Release build, JIT only and ReadyToRun (as the image publishes it),
# on the embedded default. "Cold" is a new data directory (the SQLite database is created and
# migrated); "warm" is the same directory again (the schema is current, the migration check is
# skipped). Each figure is the time from starting the process to the first 200 from
# /health/ready (polled every 20 ms), and the RSS at that moment; N starts of each (default 5),
# the median and the slowest printed as a Markdown table.
#   bench/startup/run.sh                       # publish both builds into a temp folder, then measure
#   JIT_DIR=… R2R_DIR=… bench/startup/run.sh   # measure existing publish folders
#   BASE_DIR=… bench/startup/run.sh            # and a third folder (an earlier commit's R2R publish) beside them
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=${N:-5}
WORK=$(mktemp -d /tmp/pathavana-startup.XXXXXX)
APP=""
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

publish() { # name extra-args…
  local name=$1; shift
  echo "Publishing $name…" >&2
  dotnet publish "$ROOT/src/Pathavana" -c Release -p:BuildWeb=false -p:UseAppHost=false "$@" -o "$WORK/$name" >"$WORK/$name.log" 2>&1 \
    || { cat "$WORK/$name.log" >&2; exit 1; }
  echo "$WORK/$name"
}
JIT_DIR=${JIT_DIR:-$(publish jit)}
R2R_DIR=${R2R_DIR:-$(publish r2r -r linux-x64 --self-contained false -p:PublishReadyToRun=true)}

# Prints "milliseconds rss-MiB" for one start of the build in $1 on the data directory $2.
start_once() {
  local port; port=$(free_port)
  local t0; t0=$(date +%s%N)
  # From the publish folder, as the image runs (WORKDIR /app): the content root is the working
  # directory, which the host watches for appsettings changes, subfolders included (from the
  # repository root some 1,800 folders; it made some starts slower, not all).
  (cd "$1" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 "Urls=http://127.0.0.1:$port" "Storage__DataDirectory=$2" \
    Logging__LogLevel__Default=Warning dotnet pathavana.dll serve) >"$WORK/app.log" 2>&1 & APP=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    kill -0 "$APP" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.02
  done
  local t1; t1=$(date +%s%N)
  local rss; rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$APP/status")
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}

stats() { # values… → "median max"
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d %d\n", m, v[NR] }'
}

# The builds take turns within each round, so a change in the machine's load falls on all of them.
builds=(jit r2r); [ -n "${BASE_DIR:-}" ] && builds=(base "${builds[@]}")
declare -A cold warm cold_rss warm_rss
for i in $(seq "$N"); do
  for build in "${builds[@]}"; do
    case $build in base) dir=$BASE_DIR ;; jit) dir=$JIT_DIR ;; r2r) dir=$R2R_DIR ;; esac
    data=$(mktemp -d "$WORK/data.XXXXXX")
    read -r ms rss < <(start_once "$dir" "$data"); cold[$build]+="$ms "; cold_rss[$build]+="$rss "
    read -r ms rss < <(start_once "$dir" "$data"); warm[$build]+="$ms "; warm_rss[$build]+="$rss "
    rm -rf "$data"
  done
done

echo "| Build | Start | median ms | slowest ms | RSS MiB (median) |"
echo "| --- | --- | ---: | ---: | ---: |"
for build in "${builds[@]}"; do
  # shellcheck disable=SC2086 # the lists are space-separated numbers
  read -r m x < <(stats ${cold[$build]}); read -r r _ < <(stats ${cold_rss[$build]})
  echo "| $build | cold (new data directory) | $m | $x | $r |"
  # shellcheck disable=SC2086
  read -r m x < <(stats ${warm[$build]}); read -r r _ < <(stats ${warm_rss[$build]})
  echo "| $build | warm (existing data directory) | $m | $x | $r |"
done
