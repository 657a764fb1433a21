#!/usr/bin/env bash
# A throw-away Samba server on loopback for the SMB source tests (and for trying piigov by hand).
#
#   scripts/samba-test-server.sh [DIR] [PORT]   start (or reuse) smbd serving DIR/share as [piigov] on PORT
#   scripts/samba-test-server.sh stop DIR       stop the server started for DIR
#   scripts/samba-test-server.sh install-only   only make sure smbd is installed
#
# DIR defaults to a new temporary folder, PORT to 4450. The share user is `piigovsmb`, its password
# comes from PIIGOV_SMB_PASSWORD (default piigov-test-pw). Needs root (to install samba, add the user and
# let smbd switch to it). On success prints SMB_DIR=, SMB_PORT=, SMB_SHARE=, SMB_USER=, SMB_PIDFILE=.
set -euo pipefail

SMB_USER=piigovsmb
SMB_SHARE=piigov
PASSWORD="${PIIGOV_SMB_PASSWORD:-piigov-test-pw}"

die() { echo "samba-test-server: $*" >&2; exit 1; }

install_samba() {
  if command -v smbd >/dev/null 2>&1 || [ -x /usr/sbin/smbd ]; then
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "smbd is not installed and we are not root to install it"
  echo "samba-test-server: installing samba" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq samba >&2 || die "apt-get install samba failed"
}

port_open() {  # true when something accepts TCP connections on 127.0.0.1:$1
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_file_of() {  # smbd names its pid file after the config file: smbd-<conf>.pid (smbd.pid for smb.conf)
  local f
  for f in "$1"/run/smbd-smb.conf.pid "$1"/run/smbd.pid "$1"/run/smbd*.pid; do
    if [ -f "$f" ]; then echo "$f"; return 0; fi
  done
  echo "$1/run/smbd-smb.conf.pid"
}

running_pid() {  # the pid of the smbd started for DIR, if it is still alive
  local pidfile pid
  pidfile="$(pid_file_of "$1")"
  [ -f "$pidfile" ] || return 1
  pid="$(tr -dc '0-9' <"$pidfile")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

report() {
  echo "SMB_DIR=$1"
  echo "SMB_PORT=$2"
  echo "SMB_SHARE=$SMB_SHARE"
  echo "SMB_USER=$SMB_USER"
  echo "SMB_PIDFILE=$(pid_file_of "$1")"
}

stop() {
  local dir="${1:?usage: $0 stop DIR}" pid i
  dir="$(cd "$dir" && pwd)" || die "no such folder: $1"
  if ! pid="$(running_pid "$dir")"; then
    echo "samba-test-server: no smbd running for $dir" >&2
    return 0
  fi
  kill "$pid"
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { echo "samba-test-server: stopped smbd $pid" >&2; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  echo "samba-test-server: killed smbd $pid" >&2
}

start() {
  local dir="${1:-}" port="${2:-4450}" conf pid i
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] \
    || die "port must be an unprivileged port number (1024-65535), got '$port'"
  [ "$(id -u)" -eq 0 ] || die "must run as root (smbd switches to the share user per connection)"
  install_samba

  if [ -z "$dir" ]; then
    dir="$(mktemp -d "${TMPDIR:-/tmp}/piigov-samba.XXXXXX")"
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  conf="$dir/smb.conf"

  if pid="$(running_pid "$dir")"; then
    if grep -qx "  smb ports = $port" "$conf" 2>/dev/null && port_open "$port"; then
      echo "samba-test-server: reusing smbd $pid on port $port" >&2
      report "$dir" "$port"
      return 0
    fi
    echo "samba-test-server: smbd $pid for $dir runs with another port; restarting it" >&2
    stop "$dir"
  fi
  port_open "$port" && die "port $port is already in use by another program"

  if ! id "$SMB_USER" >/dev/null 2>&1; then
    useradd -M -s /usr/sbin/nologin "$SMB_USER"
  fi

  chmod 0755 "$dir"
  mkdir -p "$dir/share" "$dir/private" "$dir/state" "$dir/lock" "$dir/run" "$dir/cache" "$dir/log" "$dir/ncalrpc"
  chmod 0700 "$dir/private"
  cat >"$conf" <<CONF
# Written by scripts/samba-test-server.sh; a loopback-only test server.
[global]
  server role = standalone server
  workgroup = WORKGROUP
  netbios name = PIIGOVTEST
  smb ports = $port
  interfaces = lo
  bind interfaces only = yes
  disable netbios = yes
  server min protocol = SMB2_10
  private dir = $dir/private
  state directory = $dir/state
  lock directory = $dir/lock
  pid directory = $dir/run
  cache directory = $dir/cache
  ncalrpc dir = $dir/ncalrpc
  passdb backend = tdbsam:$dir/private/passdb.tdb
  log file = $dir/log/smbd.log
  max log size = 1000
  logging = file
  map to guest = never
  restrict anonymous = 2
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes

[$SMB_SHARE]
  path = $dir/share
  read only = no
  browseable = yes
  valid users = $SMB_USER
  create mask = 0644
  directory mask = 0755
CONF

  printf '%s\n%s\n' "$PASSWORD" "$PASSWORD" | smbpasswd -c "$conf" -s -a "$SMB_USER" >/dev/null
  chown -R "$SMB_USER": "$dir/share"
  # Every folder above the share must be traversable by the share user, or tree connects fail.
  runuser -u "$SMB_USER" -- test -x "$dir/share" \
    || die "$SMB_USER cannot reach $dir/share; use a folder whose parents are world-traversable (e.g. under /tmp)"

  smbd -s "$conf" -D
  for i in $(seq 1 100); do
    if port_open "$port"; then
      pid="$(running_pid "$dir")" || die "smbd accepted on port $port but wrote no pid file; see $dir/log"
      echo "samba-test-server: smbd $pid listening on 127.0.0.1:$port" >&2
      report "$dir" "$port"
      return 0
    fi
    sleep 0.1
  done
  tail -n 20 "$dir"/log/* >&2 2>/dev/null || true
  die "smbd did not accept connections on port $port within 10s; see $dir/log"
}

case "${1:-}" in
  stop) stop "${2:-}" ;;
  install-only) install_samba ;;
  -h | --help) sed -n '2,10p' "$0" ;;
  *) start "${1:-}" "${2:-}" ;;
esac
