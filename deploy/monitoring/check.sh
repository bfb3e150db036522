#!/usr/bin/env bash
# Checks the monitoring configuration the way Prometheus and Alertmanager will read it:
#   promtool check config   prometheus/prometheus.yml (and its rule file)
#   promtool check rules    prometheus/rules/pathavana-alerts.yml
#   promtool test rules     prometheus/rules/pathavana-alerts.test.yml  (every alert fires from synthetic series)
#   amtool check-config     alertmanager/alertmanager.yml
# Exits non-zero on the first failure, or when a tool is missing (with how to install it).
# Run: deploy/monitoring/check.sh   (the test suite runs it too: tests/Pathavana.Tests/Observability)
set -euo pipefail
cd "$(dirname "$0")"

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "check.sh: '$1' is not installed. Install it: $2" >&2
    exit 127
  fi
}
require promtool "apt-get install -y prometheus   (Debian/Ubuntu; or a release from prometheus.io/download)"
require amtool "apt-get install -y prometheus-alertmanager   (Debian/Ubuntu; or a release from prometheus.io/download)"

echo "== promtool check config prometheus/prometheus.yml"
promtool check config prometheus/prometheus.yml

echo "== promtool check config prometheus/prometheus.kubernetes.yml"
if ! out=$(promtool check config prometheus/prometheus.kubernetes.yml 2>&1); then
  if grep -q "field kubernetes_sd_configs not found" <<<"$out"; then
    # Debian builds promtool without Kubernetes service discovery. Check everything else in
    # the file by swapping pod discovery for a static target.
    echo "NOTE: this promtool has no Kubernetes discovery (Debian build); checking the rest of the file."
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/rules"
    cp prometheus/rules/pathavana-alerts.yml "$tmp/rules/"
    python3 - prometheus/prometheus.kubernetes.yml "$tmp/prometheus.yml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r"kubernetes_sd_configs:\n(?:\s+- role: pod\n)(?:\s{8,}.*\n)+", "static_configs:\n      - targets: ['pod:9464']\n", text)
open(sys.argv[2], "w").write(text)
PY
    promtool check config "$tmp/prometheus.yml"
  else
    echo "$out" >&2
    exit 1
  fi
else
  echo "$out"
fi

echo "== promtool check rules prometheus/rules/pathavana-alerts.yml"
promtool check rules prometheus/rules/pathavana-alerts.yml

echo "== promtool test rules prometheus/rules/pathavana-alerts.test.yml"
promtool test rules prometheus/rules/pathavana-alerts.test.yml

echo "== amtool check-config alertmanager/alertmanager.yml"
amtool check-config alertmanager/alertmanager.yml

echo "monitoring configuration: OK"
