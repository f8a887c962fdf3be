#!/usr/bin/env bash
# Runs PolicyWatch on this machine: builds what is needed, starts a real single-node Kafka broker (KRaft, from the
# Apache Kafka jars) and the three services as separate processes, waits until all are ready, uploads every file
# in seeds/ and prints the URLs. Ctrl-C or SIGTERM stops everything.
#
#   deploy/local/run.sh [--no-seeds] [--no-build]
#
# Environment: POLICYWATCH_DATA_DIR (default .policywatch/ in the checkout), KAFKA_PORT 9092,
# KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), INGEST_PORT 8081, CLASSIFY_PORT 8082, NOTIFY_PORT 8083.
# Running it again on the same data directory reuses it: nothing is lost, nothing alerts twice.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build=true
runner_args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --no-seeds) runner_args+=("$arg") ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

if ! command -v java >/dev/null 2>&1; then
  echo "run.sh: Java 17 or newer is needed on the PATH" >&2
  exit 1
fi
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "run.sh: Java 17 or newer is needed, found $java_major" >&2
  exit 1
fi

runner="$root/deploy/local-runner/target/local-runner.jar"
if $build; then
  # Maven skips nothing it need not redo; the first build downloads the dependencies (a few minutes).
  echo "Building PolicyWatch (./mvnw package -DskipTests) ..."
  (cd "$root" && ./mvnw -q -B package -DskipTests -Dformat.skip=true)
elif [ ! -f "$runner" ]; then
  echo "run.sh: not built yet; run without --no-build first" >&2
  exit 1
fi

# exec: the runner JVM takes this shell's place, so SIGTERM and Ctrl-C reach its shutdown hook directly.
exec java -Dpolicywatch.root="$root" -jar "$runner" "${runner_args[@]+"${runner_args[@]}"}"
