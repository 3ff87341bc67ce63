-- wrk script of tests/deploy/test_nginx_replicas.sh: cycles through /healthz (never cached by the
-- edge, so it always reaches a replica) and searches and node pages with varying offsets (cached
-- 5 s by the edge), and counts every answer that is not 2xx/3xx. wrk's own summary counts socket
-- errors (connect, read, write, timeout); done() prints both as one line the test reads:
--   WRK_RESULT requests=N bad_status=N connect=N read=N write=N timeout=N statuses=200:N,...

local paths = {}
local queries = {"%E5%AE%89%E5%85%A8%E8%AF%84%E4%BC%B0", "personal+information", "%E6%95%B0%E6%8D%AE"}
for offset = 0, 60 do
  paths[#paths + 1] = "/healthz"
  paths[#paths + 1] = "/api/v1/search?q=" .. queries[offset % 3 + 1] .. "&limit=5&offset=" .. offset
  paths[#paths + 1] = "/api/v1/nodes/cn/pipl@2021-08-20/neighbors?limit=5&offset=" .. offset
end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  next_path = id * 37 % #paths
  statuses = {}
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all, bad = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      all[status] = (all[status] or 0) + n
      if status < 200 or status >= 400 then bad = bad + n end
    end
  end
  local list = {}
  for status, n in pairs(all) do list[#list + 1] = status .. ":" .. n end
  table.sort(list)
  local e = summary.errors
  io.write(string.format("WRK_RESULT requests=%d bad_status=%d connect=%d read=%d write=%d timeout=%d statuses=%s\n",
    summary.requests, bad, e.connect, e.read, e.write, e.timeout, table.concat(list, ",")))
end
