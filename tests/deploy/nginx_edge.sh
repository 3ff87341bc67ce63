# Sourced by the tests in tests/deploy/: a temporary nginx, run as the current user under its own
# prefix (pid, logs, temp and cache paths), with the shipped deploy/nginx-regkg.conf in front of
# regkg servers on loopback ports. The site file is used as shipped except for what an operator
# adjusts anyway (listen address, upstream servers, cache path) and where its includes live, so the
# tested limits, timeouts, caching and routes are the shipped ones.
# Needs: $src (the source tree), $work (a temporary directory).

nginx_bin=$(command -v nginx || true)
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx_start PORT WORKER_CONNECTIONS UPSTREAM_PORT... : starts nginx on 127.0.0.1:PORT with the
# given upstream replicas; its access log ($work/nginx/access.log) says for every request the
# status, the replica(s) that answered and their statuses.
nginx_start() {
  local port=$1 connections=$2
  shift 2
  local dir=$work/nginx
  mkdir -p "$dir/logs" "$dir/tmp" "$dir/cache"
  # The shipped site file, with this test's addresses and paths: every substitution must apply.
  local site
  site=$(sed -e "s|/usr/share/regkg/deploy/|$src/deploy/|" \
             -e "s|/var/cache/nginx/regkg|$dir/cache|" \
             -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$port;|" \
             -e "/^ *server 127.0.0.1:8082 /d" "$src/deploy/nginx-regkg.conf")
  local servers="" p
  for p in "$@"; do servers+="    server 127.0.0.1:$p max_fails=3 fail_timeout=10s;\n"; done
  site=$(printf '%s\n' "$site" | sed -e "s|^ *server 127.0.0.1:8081 .*|$servers|")
  grep -q "listen 127.0.0.1:$port;" <<<"$site" && grep -q "$dir/cache" <<<"$site" &&
    [ "$(grep -c "include $src/deploy/" <<<"$site")" = 2 ] &&
    [ "$(grep -c "^ *server 127.0.0.1:" <<<"$site")" = $# ] ||
    { echo "FAIL: deploy/nginx-regkg.conf no longer has the lines this test adjusts" >&2; return 1; }
  printf '%s\n' "$site" >"$dir/regkg-site.conf"
  # As root, workers would switch to nobody, who cannot enter the 0700 temporary directory.
  local user=""
  [ "$(id -u)" -eq 0 ] && user="user $(id -un) $(id -gn);"
  cat >"$dir/nginx.conf" <<CONF
$user
worker_processes 1;
worker_rlimit_nofile $((connections * 2 + 64));
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections $connections; }
http {
  log_format edge '\$remote_addr \$status \$request_time "\$upstream_addr" "\$upstream_status" \$request_uri';
  access_log $dir/access.log edge;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  include $dir/regkg-site.conf;
}
CONF
  "$nginx_bin" -t -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" 2>"$dir/test.out" ||
    { cat "$dir/test.out" >&2; return 1; }
  "$nginx_bin" -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf"
  local _
  for _ in $(seq 100); do
    [ -s "$dir/nginx.pid" ] && curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    sleep 0.1
  done
  echo "FAIL: nginx did not come up" >&2
  cat "$dir/logs/error.log" >&2
  return 1
}

nginx_stop() {
  [ -s "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
}
