-- Picks one object per request among many: wrk ... -s objects.lua URL -- <prefix> <count> [zipf-s]
-- Paths are <prefix>/<i>.m4s with i in 1..count; uniform by default, Zipf(s) popularity when s > 0
-- (object 1 most popular), so the same script drives hit runs and the cache-smaller-than-set mix.
local prefix, count, cdf

function init(args)
  prefix = args[1]
  count = tonumber(args[2])
  local s = tonumber(args[3] or "0")
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1e6))
  if s > 0 then
    cdf = {}
    local sum = 0
    for i = 1, count do sum = sum + 1 / (i ^ s); cdf[i] = sum end
    for i = 1, count do cdf[i] = cdf[i] / sum end
  end
end

local function zipf()
  local r, lo, hi = math.random(), 1, count
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return lo
end

function request()
  local i = cdf and zipf() or math.random(count)
  return wrk.format("GET", prefix .. "/" .. i .. ".m4s")
end

-- One machine-readable line: requests bytes duration_us p50_us p99_us p999_us errors
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.bytes, summary.duration,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    e.connect + e.read + e.write + e.timeout + e.status))
end
