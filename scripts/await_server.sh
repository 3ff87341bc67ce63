# shellcheck shell=bash
# Sourced by bench/ and tests/deploy/ scripts: waits until a `regkg serve` started in the
# background answers. One place for the loop they all need.
#
# await_server PID OUT_FILE ERR_FILE TIMEOUT_S [POLL_S]
#   Prints the server's base URL (the http://127.0.0.1:PORT it writes to OUT_FILE when it
#   listens) once GET /healthz answers 200. If the process dies or TIMEOUT_S pass, prints the last
#   lines of ERR_FILE and a reason to stderr and returns 1.
await_server() {
  local pid=$1 out=$2 err=$3 deadline=$((SECONDS + $4)) poll=${5:-0.05} url=
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -5 "$err" >&2 2>/dev/null || true
      echo "await_server: regkg serve (pid $pid) exited before it answered" >&2
      return 1
    fi
    [[ -n $url ]] || url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" 2>/dev/null | head -1 || true)
    if [[ -n $url ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/healthz") == 200 ]]; then
      echo "$url"
      return 0
    fi
    sleep "$poll"
  done
  tail -5 "$err" >&2 2>/dev/null || true
  echo "await_server: regkg serve (pid $pid) did not answer /healthz within $4 s" >&2
  return 1
}
