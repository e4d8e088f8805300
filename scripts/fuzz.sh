#!/usr/bin/env bash
# Builds Rack's fuzz targets (Fuzz/) with libFuzzer and AddressSanitizer, runs each for a bounded time, prints a
# table, and exits non-zero when any target crashed, broke an invariant, hung or ran out of memory.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     # default: 30 seconds, every target
#
# Targets run $FUZZ_JOBS at a time (default: one per core). Each starts from its seeds (Fuzz/Corpus/TARGET) and
# earlier findings (Fuzz/Crashers/TARGET, which must no longer crash); what it grows is kept in
# Fuzz/.build/fuzz/corpus/TARGET for the next run, and any new finding lands in Fuzz/Crashers/TARGET.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi

seconds=${1:-30}
shift $(($# > 0 ? 1 : 0))
if (($# > 0)); then
    targets=("$@")
else
    targets=()
    for directory in Sources/Fuzz*/; do
        name=$(basename "$directory")
        [ "$name" = FuzzChecks ] || targets+=("${name#Fuzz}")
    done
fi
jobs=${FUZZ_JOBS:-$(nproc)}
work=.build/fuzz

# Inputs larger than libFuzzer's default of 4 KiB, for parsers whose documented limit is larger: just over it.
max_len() {
    case "$1" in
        Procfile | SlugIgnore | ReleaseOutput) echo 65600 ;;
        PublicKey) echo 16500 ;;
        *) echo 4096 ;;
    esac
}

started=$SECONDS
echo "-----> Building the fuzz targets (release, libFuzzer, AddressSanitizer)"
# `--sanitize` makes SwiftPM link libFuzzer's `main` and instrument C; swiftc needs both sanitizers in one flag, or
# the last one wins and Swift code gets no coverage.
build=(swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
"${build[@]}"
bin=$("${build[@]}" --show-bin-path)
built=$SECONDS

# A finding is a crash; a Swift trap with its message is clearer than the runtime's backtrace under ASan.
export SWIFT_BACKTRACE=enable=no
rm -rf "$work/logs"
mkdir -p "$work/logs"

run() {
    local target=$1
    mkdir -p "$work/corpus/$target" "Crashers/$target"
    ls "Crashers/$target" >"$work/logs/$target.before"
    local status=0
    "$bin/Fuzz$target" "$work/corpus/$target" "Corpus/$target" "Crashers/$target" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -artifact_prefix="Crashers/$target/" -print_final_stats=1 >"$work/logs/$target.log" 2>&1 || status=$?
    echo "$status" >"$work/logs/$target.status"
}

echo "-----> Fuzzing ${#targets[@]} targets for ${seconds}s each, $jobs at a time"
for target in "${targets[@]}"; do
    [ -x "$bin/Fuzz$target" ] || { echo " !     No fuzz target Fuzz$target (see Fuzz/Sources)" >&2; exit 2; }
    while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
    run "$target" &
done
wait

stat() { sed -n "s/^stat::$1: *//p" "$work/logs/$2.log" | tail -1; }
failed=0
printf '\n%-18s %12s %8s %9s %10s  %s\n' TARGET RUNS EXEC/S COVERAGE "NEW UNITS" FINDINGS
for target in "${targets[@]}"; do
    status=$(cat "$work/logs/$target.status")
    new=$(comm -13 "$work/logs/$target.before" <(ls "Crashers/$target"))
    count=$(printf '%s' "$new" | grep -c . || true)
    ((status == 0 && count == 0)) || failed=$((failed + 1))
    coverage=$(grep -o 'cov: [0-9]*' "$work/logs/$target.log" | tail -1 | cut -d' ' -f2 || true)
    findings=$([ "$status" = 0 ] && echo "$count" || echo "$count (exit $status)")
    printf '%-18s %12s %8s %9s %10s  %s\n' "$target" "$(stat number_of_executed_units "$target")" \
        "$(stat average_exec_per_sec "$target")" "${coverage:-?}" "$(stat new_units_added "$target")" "$findings"
done

for target in "${targets[@]}"; do
    status=$(cat "$work/logs/$target.status")
    [ "$status" = 0 ] && continue
    echo
    echo " !     Fuzz$target found a problem (exit $status). Its log ($work/logs/$target.log) says:"
    grep -E -m 8 'Invariant broken|Fatal error|ERROR: |SUMMARY|Test unit written|deadly signal|timeout' \
        "$work/logs/$target.log" | cut -c1-400 | sed 's/^/       /'
    for file in $(comm -13 "$work/logs/$target.before" <(ls "Crashers/$target")); do
        echo "       Input Fuzz/Crashers/$target/$file, as base64: $(head -c 2048 "Crashers/$target/$file" | base64 -w0)"
        echo "       Replay: $bin/Fuzz$target Fuzz/Crashers/$target/$file"
    done
done

echo
echo "-----> Built in $((built - started))s, fuzzed in $((SECONDS - built))s"
echo "fuzz: $((${#targets[@]} - failed)) passed, $failed failed"
((failed == 0))
