#!/usr/bin/env bash
# Checks the monitoring configuration the way Prometheus and Alertmanager will read it:
#   promtool check config   prometheus/prometheus.yml and prometheus/prometheus.kubernetes.yml
#   promtool check rules    every rule file in prometheus/rules
#   promtool test rules     every *.test.yml beside them (each alert fires from synthetic series)
#   amtool check-config     alertmanager/alertmanager.yml
#   amtool config routes    who is notified for each environment and severity
# Exits non-zero on the first failure, or when a tool is missing (with how to install it).
# Run: deploy/monitoring/check.sh   (the test suites run it too)
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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rule_files=()
for f in prometheus/rules/*.yml; do
  [[ "$f" == *.test.yml ]] || rule_files+=("$f")
done

echo "== promtool check config prometheus/prometheus.yml"
promtool check config prometheus/prometheus.yml

echo "== promtool check config prometheus/prometheus.kubernetes.yml"
if ! out=$(promtool check config prometheus/prometheus.kubernetes.yml 2>&1); then
  if grep -q "field kubernetes_sd_configs not found" <<<"$out"; then
    # Debian builds promtool without Kubernetes service discovery. Check everything else in
    # the file by swapping each kubernetes_sd_configs block for a static target (and the pod's
    # service-account token, which promtool wants to find, for an empty file).
    echo "NOTE: this promtool has no Kubernetes discovery (Debian build); checking the rest of the file."
    mkdir -p "$tmp/k8s/rules"
    cp "${rule_files[@]}" "$tmp/k8s/rules/"
    : >"$tmp/k8s/token"
    python3 - prometheus/prometheus.kubernetes.yml "$tmp/k8s/prometheus.yml" "$tmp/k8s/token" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = text.replace("/var/run/secrets/kubernetes.io/serviceaccount/token", sys.argv[3])
# A block is the key line and every following line indented deeper than the key.
pattern = re.compile(r"^(?P<indent> +)kubernetes_sd_configs:\n(?:(?P=indent) .*\n|(?P=indent)- .*\n)+", re.M)
swapped, count = pattern.subn(lambda m: f"{m.group('indent')}static_configs:\n{m.group('indent')}  - targets: ['discovered:9100']\n", text)
if count == 0:
    sys.exit("no kubernetes_sd_configs block found")
open(sys.argv[2], "w").write(swapped)
PY
    promtool check config "$tmp/k8s/prometheus.yml"
  else
    echo "$out" >&2
    exit 1
  fi
else
  echo "$out"
fi

echo "== promtool check rules ${rule_files[*]}"
promtool check rules "${rule_files[@]}"

for t in prometheus/rules/*.test.yml; do
  echo "== promtool test rules $t"
  promtool test rules "$t"
done

echo "== amtool check-config alertmanager/alertmanager.yml"
amtool check-config alertmanager/alertmanager.yml

echo "== amtool config routes test alertmanager/alertmanager.yml"
route() { # route LABELS... EXPECTED-RECEIVER
  local expected=${*: -1} labels=("${@:1:$#-1}")
  local got
  got=$(amtool config routes test --config.file=alertmanager/alertmanager.yml "${labels[@]}" 2>/dev/null)
  if [[ "$got" != "$expected" ]]; then
    echo "route for ${labels[*]}: expected $expected, got $got" >&2
    exit 1
  fi
  echo "${labels[*]} -> $got"
}
route environment=production severity=P0 pagerduty-and-sms
route environment=production severity=P1 pagerduty-and-slack
route environment=production severity=P2 slack
route environment=production severity=P3 email
route environment=staging severity=P0 slack
route environment=dev severity=P1 slack

echo "monitoring configuration: OK"
