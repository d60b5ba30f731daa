#!/usr/bin/env bash
# Read-path benchmark (see bench/README.md, "Read path"): wrk against the packaged application.
#   bench/readpath.sh [seconds=15] [warm-up seconds=5] [connections=16]
#   MVN_FLAGS=-o builds offline; REUSE=1 reuses an existing target/quarkus-app;
#   READPATH_JVM="…" replaces the chart's JVM options given to Tandem (read from helm/tandem/values.yaml);
#   NMT=1 adds native memory tracking (target/readpath/native-memory.txt); RESTARTS=n restarts
#   measured (default 3); SCALE=n adds n simulated tenants at the end and measures again
#   (bench/scale.sh does SCALE=1000); JVM_EXTRA="…" appends JVM options; APPCDS=false packages and
#   runs without the AppCDS archive; ONLY_FIXED=1 runs only the warm-up and the fixed-rate part;
#   ONLY=<text> measures only the endpoints whose name contains it (and the stylesheet).
# Starts its own PostgreSQL and Keycloak under target/readpath/ and stops everything at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [[ "${REUSE:-0}" != 1 || ! -f target/quarkus-app/quarkus-run.jar ]]; then
  # The production artifact (target/quarkus-app) and the test classes (embedded servers, login).
  # With the AppCDS archive (target/quarkus-app/app-cds.jsa) unless APPCDS=false.
  ./mvnw -B -q ${MVN_FLAGS:-} -DskipTests -Dquarkus.package.jar.appcds.enabled="${APPCDS:-true}" package
fi
if [[ "${REUSE:-0}" != 1 || ! -f target/readpath-classpath.txt ]]; then
  ./mvnw -B -q ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/readpath-classpath.txt
fi
rm -rf target/readpath
java -Djava.io.tmpdir=target ${READPATH_JVM:+"-Dreadpath.jvm=$READPATH_JVM"} \
  -Dreadpath.jvm-extra="${JVM_EXTRA:-}" -Dreadpath.no-appcds="$([[ ${APPCDS:-true} == false ]] && echo true || echo false)" \
  -Dreadpath.nmt="$([[ ${NMT:-0} == 1 ]] && echo true || echo false)" -Dreadpath.restarts="${RESTARTS:-3}" -Dreadpath.scale="${SCALE:-0}" \
  -Dreadpath.only="${ONLY:-}" -Dreadpath.only-fixed="$([[ ${ONLY_FIXED:-0} == 1 ]] && echo true || echo false)" \
  -cp "target/test-classes:target/classes:$(cat target/readpath-classpath.txt)" \
  bench/ReadPathBench.java "$@"
