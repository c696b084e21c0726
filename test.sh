#!/usr/bin/env bash
# Runs every test of the solution (README's test command; `.ci/run` calls exactly this).
#
# Set-up first, only for what is missing:
#   - PostgreSQL for the storage tests: SMARTENV_TEST_PG if set, else 127.0.0.1:5432 with postgres/postgres. When that
#     server is not there and this shell is root (or sudo works without a password), `.ci/setup` installs and starts
#     it (Debian packages, with Chromium and a CJK font). Otherwise a throwaway cluster of its own is started from the
#     Debian binaries (/usr/lib/postgresql/*/bin) in a temp folder on a free port and stopped at exit.
#   - Chromium (/usr/bin/chromium) and a CJK font for the browser tests: installed by `.ci/setup` when root allows.
# SMARTENV_TEST_NO_INSTALL=1 never installs or starts system services (the throwaway cluster is still used).
# Anything that cannot be provided is named in one line before the tests start (its tests then fail with the fix).
#
# After the run: the working tree must be as it was (tests write only to temp folders); a change fails the run.
# Prints one closing line "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

say() { echo "test.sh: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi; }
can_root() { [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# Can the tests log in to this PostgreSQL connection string (Host/Port/Username/Password)?
pg_ok() {
  local cs=$1 host port user pass bin
  host=$(sed -nE 's/.*(^|;)[Hh]ost=([^;]*).*/\2/p' <<<"$cs"); port=$(sed -nE 's/.*(^|;)[Pp]ort=([^;]*).*/\2/p' <<<"$cs")
  user=$(sed -nE 's/.*(^|;)[Uu](ser ?[Nn]ame|sername)=([^;]*).*/\3/p' <<<"$cs"); pass=$(sed -nE 's/.*(^|;)[Pp]assword=([^;]*).*/\2/p' <<<"$cs")
  port=${port:-5432}; bin=$(pg_bin)
  if [ -n "$bin" ]; then
    PGPASSWORD=$pass PGCONNECT_TIMEOUT=5 "$bin/psql" -h "$host" -p "$port" -U "${user:-postgres}" -d postgres -Atqc 'select 1' >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

have_chromium() { [ -x /usr/bin/chromium ]; }
have_cjk_font() { [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; }

default_pg="Host=127.0.0.1;Username=postgres;Password=postgres"
pg=${SMARTENV_TEST_PG:-$default_pg}
throwaway=""
cleanup() {
  if [ -n "$throwaway" ]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$throwaway/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$throwaway"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# initdb and postgres refuse to run as root: as root the throwaway cluster runs as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_throwaway_pg() {
  local bin port
  bin=$(pg_bin)
  [ -n "$bin" ] || return 1
  [ "$(id -u)" != 0 ] || getent passwd postgres >/dev/null || return 1
  throwaway=$(mktemp -d "${TMPDIR:-/tmp}/smartenv-test-pg.XXXXXX")
  [ "$(id -u)" != 0 ] || chown postgres "$throwaway"
  printf 'postgres\n' >"$throwaway/pw"; chmod 644 "$throwaway/pw"
  as_pg "$bin/initdb" -D "$throwaway/data" -U postgres --pwfile="$throwaway/pw" --auth=scram-sha-256 -E UTF8 \
    --locale=C.UTF-8 >"$throwaway/initdb.log" 2>&1 || { say "initdb failed: $(tail -1 "$throwaway/initdb.log")"; return 1; }
  for port in $(seq 55432 55499); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # in use
    if as_pg "$bin/pg_ctl" -D "$throwaway/data" -l "$throwaway/server.log" -w -t 60 \
         -o "-p $port -c listen_addresses=127.0.0.1 -k $throwaway -c fsync=off" start >/dev/null 2>&1; then
      export SMARTENV_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres"
      say "PostgreSQL: throwaway cluster ($(basename "$(dirname "$bin")")) on 127.0.0.1:$port in $throwaway, stopped at exit"
      return 0
    fi
  done
  say "could not start the throwaway cluster: $(tail -1 "$throwaway/server.log" 2>/dev/null)"
  return 1
}

if ! pg_ok "$pg" || ! have_chromium || ! have_cjk_font; then
  if [ "${SMARTENV_TEST_NO_INSTALL:-0}" != 1 ] && can_root; then
    say "installing/starting what is missing (PostgreSQL, Chromium, CJK font) with .ci/setup"
    as_root bash .ci/setup >&2 || say ".ci/setup failed (see above)"
  fi
fi
if ! pg_ok "$pg"; then
  if [ -n "${SMARTENV_TEST_PG:-}" ]; then
    say "PostgreSQL at SMARTENV_TEST_PG is not reachable: the storage tests will fail (unset it to let test.sh provide one)"
  elif ! start_throwaway_pg; then
    say "PostgreSQL is not available and cannot be provided (no root to run .ci/setup, no /usr/lib/postgresql/*/bin): the storage tests will fail"
  fi
fi
have_chromium || say "Chromium (/usr/bin/chromium) is missing and cannot be installed without root: the browser tests will fail (run: sudo bash .ci/setup)"
have_cjk_font || say "the CJK font (fonts-wqy-microhei) is missing: screenshots will show boxes for Chinese (run: sudo bash .ci/setup)"

# The working tree before the run, ignored files included (build output excepted), to compare afterwards.
tree_state() { git status --porcelain --ignored --untracked-files=all 2>/dev/null | grep -vE '(^|/)(bin|obj)/' | sort; }
in_git=$(git rev-parse --is-inside-work-tree 2>/dev/null || echo false)
[ "$in_git" != true ] || before=$(tree_state)

log=$(mktemp)
dotnet test SmartEnv.slnx -c Release "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
summary=$(grep -aE '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
rm -f "$log"

if [ "$in_git" = true ]; then
  changed=$(comm -13 <(echo "$before") <(tree_state))
  if [ -n "$changed" ]; then
    say "the test run changed the working tree (tests must write to temp folders only):"
    echo "$changed" | sed 's/^/  /' >&2
    [ "$rc" != 0 ] || rc=1
  fi
fi
echo "tests: $summary"
exit $rc
