#!/usr/bin/env bash
# Backup and restore time of a 1 GB PostgreSQL database with pgBackRest (docs/benchmarks.md).
#
#   sudo bench/backup/backup-restore-1gb.sh [size_gb]     # default 1
#
# Starts its own PostgreSQL 15 (archive_mode=on, archive_command = pgbackrest archive-push,
# archive_timeout = 60) in a temp folder, fills a table with generated rows until the database
# is size_gb GB, then times: a full backup (encrypted aes-256-cbc, lz4, to a posix repository on
# the local disk: this measures pgBackRest and the machine, not a network), the restore into a
# new data directory, and PostgreSQL's start-up and WAL replay until it accepts writes. RTO =
# restore + start-up. Run as root (PostgreSQL runs as the postgres user) on a quiet machine.
set -euo pipefail
size_gb=${1:-1}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/pathavana-bench-backup-XXXXXX)
chown postgres "$dir"
as_pg() { runuser -u postgres -- "$@"; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  as_pg "$bin/pg_ctl" -D "$dir/restored" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

cat > "$dir/pgbackrest.conf" <<CONF
[global]
repo1-path=$dir/repo
repo1-cipher-type=aes-256-cbc
repo1-cipher-pass=benchmark-passphrase-not-a-real-one
repo1-retention-full=2
compress-type=lz4
process-max=2
start-fast=y
log-level-console=warn
log-level-file=off
lock-path=$dir/lock
spool-path=$dir/spool
log-path=$dir/log
[bench]
pg1-path=$dir/data
pg1-port=$port
pg1-socket-path=$dir
CONF
chown postgres "$dir/pgbackrest.conf"
as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -N >/dev/null
cat >> "$dir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
wal_level = replica
archive_mode = on
archive_command = 'pgbackrest --config=$dir/pgbackrest.conf --stanza=bench archive-push %p'
archive_timeout = 60
max_wal_size = 4GB
CONF
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
psql() { as_pg "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
as_pg pgbackrest --config="$dir/pgbackrest.conf" --stanza=bench stanza-create

t0=$(now)
rows=$((size_gb * 5200000))
psql -c "CREATE TABLE bookings_bench (id bigint PRIMARY KEY, owner uuid NOT NULL, pnr text NOT NULL, itinerary text NOT NULL, created_at timestamptz NOT NULL)"
psql -c "INSERT INTO bookings_bench SELECT g, md5(g::text)::uuid, upper(substr(md5((g*7)::text), 1, 6)), repeat(md5(g::text), 4), now() - (g || ' seconds')::interval FROM generate_series(1, $rows) g"
t1=$(now)
bytes=$(psql -c "SELECT pg_database_size('postgres')")
echo "generated $rows rows, database $(echo "scale=2; $bytes / 1073741824" | bc) GiB in $(secs "$t0" "$t1") s"

t0=$(now)
as_pg pgbackrest --config="$dir/pgbackrest.conf" --stanza=bench --type=full backup
t1=$(now)
backup=$(secs "$t0" "$t1")
repo=$(du -sb "$dir/repo/backup" | cut -f1)
echo "full backup: $backup s, repository $(echo "scale=2; $repo / 1073741824" | bc) GiB (lz4, encrypted)"

# Writes after the backup, so the restore also replays WAL.
psql -c "UPDATE bookings_bench SET pnr = 'x' || pnr WHERE id % 100 = 0"
psql -c "SELECT pg_switch_wal()" >/dev/null
sleep 2
as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null

t0=$(now)
as_pg pgbackrest --config="$dir/pgbackrest.conf" --stanza=bench --pg1-path="$dir/restored" restore
t1=$(now)
as_pg "$bin/pg_ctl" -D "$dir/restored" -l "$dir/restored.log" -w -t 3600 -o "-p $port -k $dir -c archive_mode=off" start >/dev/null
until [ "$(psql -c 'SELECT pg_is_in_recovery()')" = f ]; do sleep 0.2; done
t2=$(now)
count=$(psql -c "SELECT count(*) FROM bookings_bench WHERE pnr LIKE 'x%'")
restore=$(secs "$t0" "$t1"); start=$(secs "$t1" "$t2"); rto=$(secs "$t0" "$t2")
echo "restore (files): $restore s; start-up and WAL replay: $start s; RTO: $rto s; rows updated after the backup present: $count of $((rows / 100))"
echo "RESULT size_gib=$(echo "scale=2; $bytes / 1073741824" | bc) backup_s=$backup restore_s=$restore startup_s=$start rto_s=$rto"
