#!/usr/bin/env bash
# Load benchmark: the published Release build under wrk, on loopback.
#   bench/load/run.sh [seconds-per-endpoint=5] [rounds=3] [modes="embedded postgres"]
#   APP_DIR=src/Pathavana/bin/Release/net10.0 bench/load/run.sh …   (use that build, do not publish)
# Each mode starts its own app (and, for "postgres", its own PostgreSQL + Redis on free ports in a
# temp dir, as the tests do). Each round runs every endpoint once, the order rotated by one per
# round; ratios are to the bare endpoint (/health/live) of the same round. wrk: 4 threads, 4
# connections. Prints a Markdown table.
set -euo pipefail
DURATION=${1:-5}
ROUNDS=${2:-3}
MODES=${3:-embedded postgres}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/pathavana-load-XXXXXX)
chmod 755 "$WORK"  # PostgreSQL runs as postgres and must reach its data folder inside
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/pg/data/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }

if [ -n "${APP_DIR:-}" ]; then  # an existing Release build (e.g. src/Pathavana/bin/Release/net10.0) instead of publishing
  ln -s "$(cd "$APP_DIR" && pwd)" "$WORK/app"
else
  echo "Publishing (Release)…" >&2
  dotnet publish "$ROOT/src/Pathavana" -c Release -p:BuildWeb=false -o "$WORK/app" >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; exit 1; }
fi
for s in uncached-flights chat get; do cat "$HERE/$s.lua" "$HERE/done.lua" >"$WORK/$s.lua"; done

start_app() { # mode
  local mode=$1 port; port=$(free_port)
  local env=(ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 "Urls=http://127.0.0.1:$port" "Storage__DataDirectory=$WORK/data-$mode"
    RateLimiting__PermitLimit=100000000 RateLimiting__Auth__PermitLimit=100000000 RateLimiting__EmailPerAddress__PermitLimit=100000000
    RateLimiting__EmailPerIp__PermitLimit=100000000 Logging__LogLevel__Default=Warning)
  if [ "$mode" = postgres ]; then
    local pgport redisport; pgport=$(free_port); redisport=$(free_port)
    mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
    runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust --encoding=UTF8 --no-sync -N >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w start \
      -o "-p $pgport -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
    "$PGBIN/createdb" -h 127.0.0.1 -p "$pgport" -U postgres pathavana
    redis-server --port "$redisport" --bind 127.0.0.1 --save "" --appendonly no >/dev/null & PIDS+=($!)
    env+=(Database__Provider=Postgres "ConnectionStrings__Pathavana=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=pathavana"
      "Redis__Configuration=127.0.0.1:$redisport" "Encryption__MasterKey=cGF0aGF2YW5hLWxvYWQtYmVuY2gtbWFzdGVyLWtleTE=")
    env "${env[@]}" dotnet "$WORK/app/pathavana.dll" migrate >/dev/null
  fi
  env "${env[@]}" dotnet "$WORK/app/pathavana.dll" serve >"$WORK/app-$mode.log" 2>&1 & APP=$!; PIDS+=($APP)
  BASE="http://127.0.0.1:$port"
  until curl -fs "$BASE/health/ready" >/dev/null; do kill -0 "$APP" || { cat "$WORK/app-$mode.log" >&2; exit 1; }; sleep 0.5; done
}

rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$APP/status"; }

echo "| Mode | Round | Endpoint | req/s | p50 ms | p99 ms | errors | p50 × bare | req/s ÷ bare | RSS MiB |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for mode in $MODES; do
  start_app "$mode"
  email="load-$RANDOM@example.com"; password="correct horse battery staple 42"
  curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$BASE/api/v1/account/register" >/dev/null
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$BASE/api/v1/account/login" | json 'd["accessToken"]')
  export AUTH="Bearer $token"
  sessions=""
  for i in 1 2 3 4; do
    s=$(curl -fs -H "Authorization: $AUTH" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/chat/sessions" | json 'd["id"]')
    sessions="$sessions${sessions:+,}$s"
  done
  export SESSIONS=$sessions
  depart=$(date -u -d '+40 days' +%F); back=$(date -u -d '+47 days' +%F); month=$(date -u -d '+40 days' +%Y-%m)
  flights="/api/v1/flights/search?origin=BOS&destination=LIS&departureDate=$depart&returnDate=$back&adults=2"
  hotels="/api/v1/hotels/search?cityCode=LIS&checkIn=$depart&checkOut=$back&adults=2"
  flight=$(curl -fs "$BASE$flights" | json 'd["offers"][0]["id"]')
  hotel=$(curl -fs "$BASE$hotels" | json 'd["offers"][0]["id"]')
  trip=$(curl -fs -H "Authorization: $AUTH" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Lisbon\",\"items\":[{\"kind\":\"flight\",\"offerId\":\"$flight\"},{\"kind\":\"hotel\",\"offerId\":\"$hotel\"}]}" "$BASE/api/v1/trips" | json 'd["id"]')
  names=(bare flights-cached flights-uncached hotels-cached locations calendar chat-turn trip-view)
  declare -A url=([bare]=/health/live [flights-cached]=$flights [flights-uncached]=/api/v1/flights/search [hotels-cached]=$hotels
    [locations]="/api/v1/locations?q=san" [calendar]="/api/v1/flights/calendar?origin=BOS&destination=LIS&month=$month"
    [chat-turn]=/api/v1/chat [trip-view]=/api/v1/trips/$trip)
  declare -A script=([flights-uncached]=uncached-flights [chat-turn]=chat)
  for name in "${names[@]}"; do curl -fs -o /dev/null -H "Authorization: $AUTH" "$BASE${url[$name]}" || true; done  # warm: JIT, caches
  for s in ${SESSIONS//,/ }; do  # a first turn on each chat session (the assistant's first use loads its data)
    curl -fs -o /dev/null -H "Authorization: $AUTH" -H 'Content-Type: application/json' -d '{"text":"hello"}' "$BASE/api/v1/chat/sessions/$s/messages" \
      || echo "warning: a first chat turn failed" >&2
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    declare -A res=()
    n=${#names[@]}
    for ((k = 0; k < n; k++)); do
      name=${names[$(((k + round - 1) % n))]}
      out=$(wrk -t4 -c4 -d"${DURATION}s" --latency -s "$WORK/${script[$name]:-get}.lua" "$BASE${url[$name]}" 2>&1)
      line=$(grep '^RESULT' <<<"$out") || { echo "wrk on $name printed no result:" >&2; echo "$out" >&2; line="RESULT 0 0 0 0 0"; }
      res[$name]="${line#RESULT } $(rss)"
    done
    read -r brps bp50 _ <<<"${res[bare]}"
    for name in "${names[@]}"; do
      read -r rps p50 p99 errors total mem <<<"${res[$name]}"
      awk -v m="$mode" -v r="$round" -v e="$name" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v err="$errors" -v tot="$total" \
        -v brps="$brps" -v bp50="$bp50" -v mem="$mem" \
        'BEGIN { printf "| %s | %d | %s | %.0f | %.2f | %.2f | %d/%d | %.1f | %.2f | %s |\n", m, r, e, rps, p50, p99, err, tot, p50/bp50, rps/brps, mem }'
    done
  done
  kill "$APP"; wait "$APP" 2>/dev/null || true
done
