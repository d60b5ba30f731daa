#!/usr/bin/env bash
# Scale run (see bench/README.md, "Scale"): the read-path benchmark, then 1,000 simulated tenants
# × 20 customer organizations × 3 services written with SQL, Tandem restarted and the reads measured
# again. Same arguments and variables as bench/readpath.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${SCALE:-1000}" exec bench/readpath.sh "$@"
