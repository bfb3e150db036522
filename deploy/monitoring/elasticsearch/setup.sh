#!/bin/sh
# Sets up the log store (Elasticsearch, then Kibana). Idempotent: run by the Job logs-setup after
# every Argo CD sync (deploy/monitoring/kubernetes/elasticsearch.yaml); safe to run by hand:
#   kubectl -n monitoring create job --from=job/logs-setup logs-setup-manual
#
#   users and roles   fluent-bit (writes pathavana-logs-*), grafana and operator (read), and the
#                     password of the built-in kibana_system user
#   retention         lifecycle policy pathavana-logs: the detailed daily indices
#                     pathavana-logs-YYYY.MM.DD are deleted 30 days after they were created;
#                     transform pathavana-logs-hourly keeps hourly line counts by namespace,
#                     container and level in pathavana-aggregated and deletes what is older than
#                     12 months (its retention policy)
#   mappings          index templates for both
#   Kibana            data views for both
# Needs ELASTICSEARCH_URL, KIBANA_URL and the passwords ELASTIC_PASSWORD, KIBANA_SYSTEM_PASSWORD,
# FLUENT_BIT_PASSWORD, GRAFANA_PASSWORD, OPERATOR_PASSWORD in the environment.
set -eu

es=${ELASTICSEARCH_URL:?ELASTICSEARCH_URL is not set}
kibana=${KIBANA_URL:?KIBANA_URL is not set}
here=$(dirname "$0")

log() { printf '%s logs-setup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

# call METHOD URL BODY-FILE|- ALLOWED-STATUS...  (the body is read from stdin when "-")
call() {
  method=$1 url=$2 body=$3
  shift 3
  out=$(curl -sS -u "elastic:${ELASTIC_PASSWORD}" -X "$method" \
    -H 'Content-Type: application/json' -H 'kbn-xsrf: pathavana-logs-setup' \
    --data-binary "@${body}" -w '\n%{http_code}' "$url")
  status=$(printf '%s\n' "$out" | tail -n 1)
  for allowed in "$@"; do
    [ "$status" = "$allowed" ] && { log "$method $url -> $status"; return 0; }
  done
  log "$method $url -> $status (expected $*): $(printf '%s\n' "$out" | sed '$d')"
  return 1
}

# A JSON string value: backslashes and quotes escaped.
json_string() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }

user() { # user NAME PASSWORD ROLES-JSON FULL-NAME
  printf '{"password":"%s","roles":%s,"full_name":"%s"}' "$(json_string "$2")" "$3" "$4" |
    call PUT "$es/_security/user/$1" - 200
}

log "waiting for Elasticsearch at $es"
until curl -fsS -o /dev/null -u "elastic:${ELASTIC_PASSWORD}" "$es/_cluster/health?wait_for_status=yellow&timeout=30s"; do
  sleep 5
done

call PUT "$es/_security/role/pathavana_logs_writer" "$here/role-logs-writer.json" 200
call PUT "$es/_security/role/pathavana_logs_reader" "$here/role-logs-reader.json" 200
user fluent-bit "$FLUENT_BIT_PASSWORD" '["pathavana_logs_writer"]' "Fluent Bit (log shipping)"
user grafana "$GRAFANA_PASSWORD" '["pathavana_logs_reader"]' "Grafana (read-only)"
user operator "$OPERATOR_PASSWORD" '["pathavana_logs_reader","kibana_admin"]' "Operators (Kibana)"
printf '{"password":"%s"}' "$(json_string "$KIBANA_SYSTEM_PASSWORD")" |
  call POST "$es/_security/user/kibana_system/_password" - 200

call PUT "$es/_ilm/policy/pathavana-logs" "$here/ilm-pathavana-logs.json" 200
call PUT "$es/_index_template/pathavana-logs" "$here/template-pathavana-logs.json" 200
call PUT "$es/_index_template/pathavana-aggregated" "$here/template-pathavana-aggregated.json" 200

# The transform needs a source index to start from; on a new cluster Fluent Bit may not have
# written one yet. This empty one follows the same 30-day policy.
printf '{}' | call PUT "$es/pathavana-logs-setup" - 200 400
# Created once (its pivot cannot be changed in place: to change it, delete the transform and
# its destination, docs/runbooks/monitoring.md), then started (409: already running).
if ! curl -fsS -o /dev/null -u "elastic:${ELASTIC_PASSWORD}" "$es/_transform/pathavana-logs-hourly"; then
  call PUT "$es/_transform/pathavana-logs-hourly" "$here/transform-pathavana-logs-hourly.json" 200
fi
printf '' | call POST "$es/_transform/pathavana-logs-hourly/_start" - 200 409

log "waiting for Kibana at $kibana"
until curl -fsS -o /dev/null -u "elastic:${ELASTIC_PASSWORD}" "$kibana/api/status"; do
  sleep 5
done
call POST "$kibana/api/data_views/data_view" "$here/dataview-pathavana-logs.json" 200
call POST "$kibana/api/data_views/data_view" "$here/dataview-pathavana-aggregated.json" 200

log "done"
