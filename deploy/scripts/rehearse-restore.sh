#!/usr/bin/env bash
# Rehearse a point-in-time restore and time each step (docs/runbooks/restore.md).
#
#   deploy/scripts/rehearse-restore.sh [--to latest|<ISO time>] [--mode sqlite|pgbackrest]
#
# Runs the runbook's steps against a scratch target, never the live database:
#   sqlite      restore into a new data directory, serve it on a free port, check /health/ready
#   pgbackrest  restore into a new data directory, start PostgreSQL on it (archiving off), wait
#               for recovery to end, check the restored database with the app (pathavana migrate
#               reports "up to date") and read the last replayed transaction
# Settings come from the environment, as for the server: Storage__DataDirectory (sqlite);
# Database__Provider=Postgres, ConnectionStrings__Pathavana, Backup__PgBackRestConfig (pgbackrest).
# PATHAVANA is how to run the executable (default: `pathavana`; in a checkout:
# PATHAVANA="dotnet src/Pathavana/bin/Release/net10.0/pathavana.dll").
# Prints one line per step with its seconds, and the total (the rehearsal's RTO).
set -euo pipefail

to=latest
mode=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --to) to="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
PATHAVANA=${PATHAVANA:-pathavana}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/pathavana-rehearsal-XXXXXX")
steps=()
started=$(date +%s.%N)
server_pid=""
pg_data=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$pg_data" ] && pg_ctl -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

step() { # step "name" command...
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  if ! "$@" > "$scratch/step.log" 2>&1; then
    echo "FAILED: $name" >&2; cat "$scratch/step.log" >&2; exit 1
  fi
  t1=$(date +%s.%N)
  steps+=("$(printf '%-44s %8.1f s' "$name" "$(echo "$t1 - $t0" | bc)")")
  printf '%-44s %8.1f s\n' "$name" "$(echo "$t1 - $t0" | bc)"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_ready() { # wait_ready url
  for _ in $(seq 1 600); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1
}

echo "Rehearsing a restore to '$to' ($mode) into $scratch"
step "1. list the backups" $PATHAVANA backup list
step "2. verify the backups" $PATHAVANA backup verify
case "$mode" in
  sqlite)
    mkdir -p "$scratch/data"
    step "3. restore into a new data directory" $PATHAVANA restore --to "$to" --target "$scratch/data/pathavana.db"
    [ -d "${Storage__DataDirectory:-data}/keys" ] && cp -r "${Storage__DataDirectory:-data}/keys" "$scratch/data/"
    port=$(free_port)
    Storage__DataDirectory="$scratch/data" $PATHAVANA serve --urls "http://127.0.0.1:$port" > "$scratch/server.log" 2>&1 &
    server_pid=$!
    step "4. serve it until /health/ready answers" wait_ready "http://127.0.0.1:$port/health/ready"
    ;;
  pgbackrest)
    pg_data="$scratch/pgdata"
    step "3. pgBackRest restore (files and WAL fetch)" $PATHAVANA restore --to "$to" --target "$pg_data"
    port=$(free_port)
    step "4. start PostgreSQL and replay the WAL" pg_ctl -D "$pg_data" -l "$scratch/pg.log" -w -t 3600 \
      -o "-p $port -k $scratch -c archive_mode=off -c listen_addresses=127.0.0.1" start
    step "5. wait until recovery has ended" bash -c "until [ \"\$(psql -h 127.0.0.1 -p $port -U postgres -Atc 'SELECT pg_is_in_recovery()' postgres 2>/dev/null)\" = f ]; do sleep 0.5; done"
    db=$(python3 -c 'import os,re; m=re.search(r"(?i)database=([^;]+)", os.environ.get("ConnectionStrings__Pathavana","")); print(m.group(1) if m else "pathavana")')
    step "6. the app's schema is current (migrate)" env ConnectionStrings__Pathavana="Host=127.0.0.1;Port=$port;Username=postgres;Database=$db" \
      bash -c "$PATHAVANA migrate | grep -q 'up to date'"
    echo "last replayed transaction: $(psql -h 127.0.0.1 -p "$port" -U postgres -Atc 'SELECT pg_last_xact_replay_timestamp()' postgres)"
    ;;
  *) echo "--mode must be sqlite or pgbackrest" >&2; exit 2 ;;
esac
total=$(echo "$(date +%s.%N) - $started" | bc)
printf '%-44s %8.1f s\n' "total (the rehearsal's RTO)" "$total"
