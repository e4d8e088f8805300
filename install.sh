#!/usr/bin/env bash
# Installs Rack on this Debian machine. With --start it also runs Rack with its embedded defaults
# (SQLite, local storage) in the background, signs an administrator in, and shows an app being made.
#
#   ./install.sh [--start | --system] [--home DIR] [--prefix DIR] [--debug]
#
# --start   run rackd with its own sshd on 127.0.0.1:2222 (or a free port) and show a real `git push`
# --system  serve pushes through this machine's own sshd (port 22): installs a `Match User git` block
set -euo pipefail
cd "$(dirname "$0")"

prefix=/usr/local/lib/rack
home=${RACK_HOME:-/var/lib/rack}
configuration=release
start=0
system=0
while (($#)); do
    case "$1" in
        --start) start=1 ;;
        --system) system=1 ;;
        --home) home=$2; shift ;;
        --prefix) prefix=$2; shift ;;
        --debug) configuration=debug ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo " !     Unknown option $1: see ./install.sh --help" >&2; exit 2 ;;
    esac
    shift
done

source scripts/install-dependencies.sh

echo "-----> Building Rack ($configuration; the first build takes several minutes)"
swift build -c "$configuration" 2>&1 | grep -E "error|warning: unable|Compiling|Build complete" | grep -v "^\[" || true
bin=$(swift build -c "$configuration" --show-bin-path)
for binary in rackd rack rack-keys rack-serve rack-hook; do [ -x "$bin/$binary" ] || { echo " !     The build failed: run 'swift build' to see why." >&2; exit 1; }; done

echo "-----> Installing into $prefix/bin (linked from /usr/local/bin)"
install -d -m 0755 "$prefix/bin"
install -m 0755 "$bin/rackd" "$bin/rack" "$bin/rack-keys" "$bin/rack-serve" "$bin/rack-hook" "$prefix/bin/"
# The buildpacks Rack ships (detection order: python, procfile), beside bin/ where rackd looks for them.
rm -rf "$prefix/buildpacks"
cp -R buildpacks "$prefix/buildpacks"
ln -sf "$prefix/bin/rackd" /usr/local/bin/rackd
ln -sf "$prefix/bin/rack" /usr/local/bin/rack

if ((system)); then
    echo "-----> Putting Rack's front door on this machine's sshd (/etc/ssh/sshd_config.d/rack.conf)"
    install -d -m 0711 "$home"
    sed -e "s|@USER@|${RACK_SSH_USER:-git}|g" -e "s|@HOME@|$home|g" etc/sshd-rack.conf.template >/etc/ssh/sshd_config.d/rack.conf
    mkdir -p /run/sshd
    /usr/sbin/sshd -t || { echo " !     sshd refuses the new config: see above; remove /etc/ssh/sshd_config.d/rack.conf to undo." >&2; exit 1; }
    [ -f /run/sshd.pid ] && kill -HUP "$(cat /run/sshd.pid)" 2>/dev/null && echo "       sshd reloaded"
    echo "       Now run: rackd serve --home $home --system-ssh $(hostname -f 2>/dev/null || hostname):22"
    exit 0
fi
((start)) || { echo "       Done. Start Rack with: rackd serve --home $home --ssh 127.0.0.1:2222"; exit 0; }

install -d -m 0700 "$home"
pidfile=$home/rackd.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "-----> Stopping the running rackd ($(cat "$pidfile"))"
    kill "$(cat "$pidfile")"
    for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
fi

# Ports 5000 (API) and 2222 (SSH) if they are free, else any free port (rackd prints the ones it got).
free() { if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then echo 0; else echo "$1"; fi; }
echo "-----> Starting rackd with its own sshd (home $home)"
nohup "$prefix/bin/rackd" serve --home "$home" --http "127.0.0.1:$(free 5000)" --ssh "127.0.0.1:$(free 2222)" \
    >"$home/rackd.log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 100); do grep -qs "SSH listening" "$home/rackd.log" && break; sleep 0.1; done
api_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$home/rackd.log" | tail -1)
ssh_port=$(grep -o 'SSH listening on 127.0.0.1:[0-9]*' "$home/rackd.log" | tail -1 | cut -d: -f2)
[ -n "$api_url" ] && [ -n "$ssh_port" ] || { echo " !     rackd did not start: see $home/rackd.log" >&2; cat "$home/rackd.log" >&2; exit 1; }
echo "       API on $api_url, SSH on 127.0.0.1:$ssh_port, log in $home/rackd.log, pid $(cat "$pidfile")"

admin=${RACK_ADMIN_EMAIL:-admin@rack.local}
if ! token=$("$prefix/bin/rackd" users:create "$admin" --admin --home "$home" 2>/dev/null | tail -1); then
    token=$("$prefix/bin/rackd" tokens:create "$admin" --home "$home" | tail -1)
fi
rack login --api-url "$api_url" --token "$token"

echo "-----> Showing an app being made and pushed"
demo=$home/demo
key=$demo/id_ed25519
mkdir -p "$demo"
[ -f "$key" ] || ssh-keygen -q -t ed25519 -N "" -C "rack-demo" -f "$key"
rack keys:add "$key.pub" >/dev/null 2>&1 || true
app=$demo/sample-app
rm -rf "$app"; mkdir -p "$app"
git -C "$app" init -q -b master
printf 'web: python3 -m http.server $PORT\n' >"$app/Procfile"
git -C "$app" add Procfile
git -C "$app" -c user.name=Rack -c user.email=rack@rack.local commit -qm "A sample app"
(cd "$app" && rack apps:destroy sample-app --confirm sample-app >/dev/null 2>&1 || true)
export GIT_SSH_COMMAND="ssh -i $key -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$demo/known_hosts"
(cd "$app" && set -x && rack apps:create sample-app && rack config:set GREETING="hello from rack" && git push rack master && rack releases)
echo
echo "Rack is running. Try: cd $app && rack config && rack apps:info"
echo "Push from there with: GIT_SSH_COMMAND=\"$GIT_SSH_COMMAND\" git push rack master"
echo "Stop it with: kill \$(cat $pidfile)"
