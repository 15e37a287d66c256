#!/usr/bin/env bash
# kravkoll's engine against OPA on the same policies and the same input document: the
# evaluation CPU-seconds of each and their ratio, and whether the findings are the same.
#
#   benches/opa/compare.sh [SIZE | REPO]... [-- OPTIONS OF compare.py]
#
# SIZE (default 10000) generates the benchmark's synthetic region of that many records
# (cargo bench --bench scale -- SIZE --generate DIR); REPO is an evidence repository, e.g.
# examples/vardcentral-liten. OPA comes from the PyPI package opa-golib-python-bindings, in
# the virtual environment $OPA_VENV (default /tmp/opa-venv); see docs/performance.md.
# Exit code 1 when the engines' findings differ, 2 when OPA is not installed.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=${OPA_VENV:-/tmp/opa-venv}
if ! "$venv/bin/python" -c 'import opa_bindings' 2>/dev/null; then
	cat >&2 <<MSG
OPA is not available in $venv. Install it (it bundles OPA as a Go library; the wheel runs
on Python 3.11 although it declares 3.14):
  python3 -m venv $venv
  $venv/bin/pip install --ignore-requires-python opa-golib-python-bindings==0.4.4
MSG
	exit 2
fi

repos=()
sizes=()
extra=()
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; extra=("$@"); break ;;
	*[!0-9_]*) repos+=("$1") ;;
	*) sizes+=("${1//_/}") ;;
	esac
	shift
done
if [ ${#repos[@]} -eq 0 ] && [ ${#sizes[@]} -eq 0 ]; then
	sizes=(10000)
fi

cargo build --release --quiet --bin kravkoll
data=${KRAVKOLL_BENCH_DATA:-target/bench-data}
for n in "${sizes[@]}"; do
	cargo bench --quiet --bench scale -- "$n" --layout bulk --generate "$data" >&2
	repos+=("$data/$n-bulk")
done
exec "$venv/bin/python" benches/opa/compare.py --kravkoll target/release/kravkoll --policies policies "${repos[@]}" "${extra[@]}"
