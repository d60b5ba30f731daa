#!/usr/bin/env bash
# Soak benchmark (see bench/README.md): the packaged application under a mixed customer load.
#   bench/soak.sh [minutes=30] [users=8] [think-ms=100]      (MVN_FLAGS=-o to build offline)
# Starts its own PostgreSQL and Keycloak under target/soak/ and stops everything at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# The production artifact (target/quarkus-app) and the test classes, where the embedded servers live.
./mvnw -B -q ${MVN_FLAGS:-} -DskipTests package
./mvnw -B -q ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/soak-classpath.txt
rm -rf target/soak
java -Djava.io.tmpdir=target -cp "target/test-classes:target/classes:$(cat target/soak-classpath.txt)" \
  bench/SoakBench.java "$@"
