#!/usr/bin/env bash
# Installs what Rack needs to build, run and test on Debian 12: the packages below and a Swift 6 toolchain
# (expected on PATH or at /opt/swift). Safe to run again; installs only what is missing.
set -euo pipefail

packages=(
    git ca-certificates curl        # fetching, the git protocol
    openssh-client openssh-server   # ssh-keygen for key checks; sshd for the SSH front door
    libsqlite3-dev sqlite3          # the embedded store (GRDB)
    libarchive-dev libdeflate-dev   # slugs: the tar, and its gzip deflated on every core
    bubblewrap                      # the build sandbox
    python3-venv python3-wheel-whl  # the Python buildpack: virtualenvs, and wheels built offline
    procps psmisc                   # pgrep/pkill/fuser for tests and scripts
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "-----> Installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" != 0 ]; then sudo=sudo; else sudo=; fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The system user sshd serves pushes as: a real shell (the forced command runs through it) and an
# unlocked password field (with `!` and UsePAM no, sshd calls the account locked). It has no password.
rack_ssh_user=${RACK_SSH_USER:-git}
if ! id "$rack_ssh_user" >/dev/null 2>&1; then
    echo "-----> Creating the system user $rack_ssh_user (pushes arrive as $rack_ssh_user@host)"
    if [ "$(id -u)" != 0 ]; then sudo=sudo; else sudo=; fi
    $sudo useradd --create-home --shell /bin/sh "$rack_ssh_user"
    $sudo usermod -p '*' "$rack_ssh_user"
fi

# The user untrusted build code runs as: no home, no shell, no password; neither root nor the SSH user.
rack_build_user=${RACK_BUILD_USER:-rack-build}
if ! id "$rack_build_user" >/dev/null 2>&1; then
    echo "-----> Creating the system user $rack_build_user (buildpacks run as $rack_build_user in the sandbox)"
    if [ "$(id -u)" != 0 ]; then sudo=sudo; else sudo=; fi
    $sudo useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$rack_build_user"
fi

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        export PATH=/opt/swift/usr/bin:$PATH
    else
        echo " !     Swift 6 is not installed: get it from https://www.swift.org/install/linux/ and put it on PATH." >&2
        exit 1
    fi
fi
