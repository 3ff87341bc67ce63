-- wrk script for bench/search_bench.sh: cycles through bench/queries.txt.
--
-- Each line of the file is the query string after /api/v1/search?. Every wrk thread
-- starts at a different offset so that threads do not hit the same query in lock step.
-- QUERIES (env) names the file; PATH_PREFIX (env, default /api/v1/search?) is prepended.
-- done() prints one machine-readable line, "WRK_RESULT key=value ...", with latency
-- percentiles in microseconds taken from wrk's own per-request latency histogram.

local queries_file = os.getenv("QUERIES") or "bench/queries.txt"
local prefix = os.getenv("PATH_PREFIX") or "/api/v1/search?"

local paths = {}
for line in io.lines(queries_file) do
  if line ~= "" and line:sub(1, 1) ~= "#" then
    paths[#paths + 1] = prefix .. line
  end
end
if #paths == 0 then
  error("no queries in " .. queries_file)
end

local thread_count = 0
function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

local i
function init(args)
  -- thread_id is set by setup() before init() runs in the thread's own Lua state.
  i = ((thread_id or 0) * 37) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_s=%.3f rps=%.1f bytes=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d queries=%d\n",
    summary.requests, secs, summary.requests / secs, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout, #paths))
end
