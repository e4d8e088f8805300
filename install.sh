#!/usr/bin/env bash
# Installs Rack on this Debian machine. With --start it also runs Rack with its embedded defaults
# (SQLite, local storage) in the background, signs an administrator in, and shows an app being made.
#
#   ./install.sh [--start] [--home DIR] [--prefix DIR] [--debug]
set -euo pipefail
cd "$(dirname "$0")"

prefix=/usr/local/lib/rack
home=${RACK_HOME:-/var/lib/rack}
configuration=release
start=0
while (($#)); do
    case "$1" in
        --start) start=1 ;;
        --home) home=$2; shift ;;
        --prefix) prefix=$2; shift ;;
        --debug) configuration=debug ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo " !     Unknown option $1: see ./install.sh --help" >&2; exit 2 ;;
    esac
    shift
done

source scripts/install-dependencies.sh

echo "-----> Building Rack ($configuration; the first build takes several minutes)"
swift build -c "$configuration" 2>&1 | grep -E "error|warning: unable|Compiling|Build complete" | grep -v "^\[" || true
bin=$(swift build -c "$configuration" --show-bin-path)
[ -x "$bin/rackd" ] && [ -x "$bin/rack" ] || { echo " !     The build failed: run 'swift build' to see why." >&2; exit 1; }

echo "-----> Installing into $prefix/bin (linked from /usr/local/bin)"
install -d -m 0755 "$prefix/bin"
install -m 0755 "$bin/rackd" "$bin/rack" "$prefix/bin/"
ln -sf "$prefix/bin/rackd" /usr/local/bin/rackd
ln -sf "$prefix/bin/rack" /usr/local/bin/rack

((start)) || { echo "       Done. Start Rack with: rackd serve --home $home"; exit 0; }

install -d -m 0700 "$home"
pidfile=$home/rackd.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "-----> Stopping the running rackd ($(cat "$pidfile"))"
    kill "$(cat "$pidfile")"
    for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
fi

# Port 5000 if it is free, else any free port (rackd prints the one it got).
port=5000
if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then port=0; fi
echo "-----> Starting rackd (home $home)"
nohup "$prefix/bin/rackd" serve --home "$home" --http "127.0.0.1:$port" >"$home/rackd.log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 100); do grep -q "API listening" "$home/rackd.log" && break; sleep 0.1; done
api_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$home/rackd.log" | tail -1)
[ -n "$api_url" ] || { echo " !     rackd did not start: see $home/rackd.log" >&2; cat "$home/rackd.log" >&2; exit 1; }
echo "       API on $api_url, log in $home/rackd.log, pid $(cat "$pidfile")"

admin=${RACK_ADMIN_EMAIL:-admin@rack.local}
if ! token=$("$prefix/bin/rackd" users:create "$admin" --admin --home "$home" 2>/dev/null | tail -1); then
    token=$("$prefix/bin/rackd" tokens:create "$admin" --home "$home" | tail -1)
fi
rack login --api-url "$api_url" --token "$token"

echo "-----> Showing an app being made"
demo=$home/demo/sample-app
rm -rf "$demo"; mkdir -p "$demo"
git -C "$demo" init -q -b master
printf 'web: python3 -m http.server $PORT\n' >"$demo/Procfile"
git -C "$demo" add Procfile
git -C "$demo" -c user.name=Rack -c user.email=rack@rack.local commit -qm "A sample app"
(cd "$demo" && rack apps:destroy sample-app --confirm sample-app >/dev/null 2>&1 || true)
(cd "$demo" && set -x && rack apps:create sample-app && rack config:set GREETING="hello from rack" && rack releases)
echo
echo "Rack is running. Try: cd $demo && rack config && rack apps:info"
echo "Stop it with: kill \$(cat $pidfile)"
