# Shared by the benchmarks: a rack with its own sshd, a baseline sshd with a plain authorized_keys file,
# timing and medians. Source it; everything started is stopped on exit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${RACK_BIN:-$root/.build/release}
[ -x "$bin/rackd" ] || { echo "Build first: swift build -c release (or set RACK_BIN)" >&2; exit 1; }
# sshd refuses key commands under directories others may write to, so the work lives under /var/lib.
work=/var/lib/rack-bench/$$
mkdir -p "$work"; chmod 755 /var/lib/rack-bench
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.5
    rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s%N; }
# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { awk -v ns="$1" 'BEGIN {printf "%.1f", ns/1000000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

# start_rack [ARGS…]: rackd serve with its own sshd (and ARGS); sets api_url, ssh_port, rack_home, and logs in
# as admin.
start_rack() {
    rack_home=$work/rack
    "$bin/rackd" users:create bench@rack.local --admin --home "$rack_home" >"$work/user.txt"
    "$bin/rackd" serve --home "$rack_home" --http 127.0.0.1:0 --ssh 127.0.0.1:0 "$@" >"$work/rackd.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 200); do grep -q "SSH listening" "$work/rackd.log" && break; sleep 0.05; done
    api_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/rackd.log" | head -1)
    ssh_port=$(grep -o 'SSH listening on 127.0.0.1:[0-9]*' "$work/rackd.log" | cut -d: -f2)
    export XDG_CONFIG_HOME=$work/config
    "$bin/rack" login --api-url "$api_url" --token "$(tail -1 "$work/user.txt")" >/dev/null
}

# start_baseline_sshd FILE: a second sshd, same binary and restrictions, with a plain authorized_keys FILE.
start_baseline_sshd() {
    local keys=$1
    baseline_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    ssh-keygen -q -t ed25519 -N "" -f "$work/baseline_host_key"
    cat >"$work/baseline_sshd_config" <<CONFIG
Port $baseline_port
ListenAddress 127.0.0.1
HostKey $work/baseline_host_key
PidFile $work/baseline_sshd.pid
AllowUsers git
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes yes
AuthorizedKeysFile $keys
PermitTTY no
MaxStartups 100:30:300
CONFIG
    mkdir -p /run/sshd
    /usr/sbin/sshd -D -e -f "$work/baseline_sshd_config" 2>"$work/baseline_sshd.log" &
    pids+=($!)
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$baseline_port") 2>/dev/null && break; sleep 0.05; done
}

ssh_options() {
    echo "-i $1 -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
}
