#!/usr/bin/env bash
# Runs all of Rack's tests: installs what they need, builds everything, runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/install-dependencies.sh

echo "-----> Building Rack and its tests"
swift build --build-tests
echo "-----> Running the tests"
swift test --skip-build "$@"
