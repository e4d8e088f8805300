#!/usr/bin/env bash
# Runs all of Rack's tests: installs what they need, builds everything, fuzzes the parsers for a bounded time
# (scripts/fuzz.sh), runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/install-dependencies.sh

echo "-----> Building Rack and its tests"
swift build --build-tests
# Every parser of untrusted input under libFuzzer for a bounded time (RACK_FUZZ_SECONDS a target; 0 skips).
if [ "${RACK_FUZZ_SECONDS:-30}" != 0 ]; then
    echo "-----> Fuzzing the parsers of untrusted input"
    scripts/fuzz.sh "${RACK_FUZZ_SECONDS:-30}"
fi
echo "-----> Running the tests"
swift test --skip-build "$@"
