-- wrk script for the broker benchmark: GET /play/t{n}?sid=... with n Zipf-distributed over TITLES
-- titles (exponent ALPHA), a fresh session id per request so every request is a full routing
-- decision (no sticky shortcut). Set TITLES/ALPHA in the environment; defaults 5000 and 0.9.
-- (With REUSE_SIDS > 0 the sids cycle, so sessions repeat; the title then differs per request, so
-- most requests are still new (sid, title) sessions, but the broker's session table stays small.)
local titles = tonumber(os.getenv("TITLES") or "5000")
local alpha = tonumber(os.getenv("ALPHA") or "0.9")
local cdf = {}
local reuse = tonumber(os.getenv("REUSE_SIDS") or "0") -- >0: cycle over this many sids per thread (sticky path)
local counter = 0
local thread_tag = tostring(math.random(1, 1e9))

function setup(thread)
  thread:set("tag", tostring(math.random(1, 1e9)))
end

function init(args)
  local sum = 0
  for i = 1, titles do sum = sum + 1 / (i ^ alpha) end
  local acc = 0
  for i = 1, titles do
    acc = acc + 1 / (i ^ alpha) / sum
    cdf[i] = acc
  end
  math.randomseed(os.time() + tonumber(tag or thread_tag))
end

local function pick()
  local u = math.random()
  local lo, hi = 1, titles
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

function request()
  counter = counter + 1
  local sid = reuse > 0 and (counter % reuse) or counter
  return wrk.format("GET", "/play/t" .. pick() .. "?sid=w" .. (tag or thread_tag) .. "-" .. sid)
end

-- Rate-limited mode (RATE > 0, requests/s over all CONNS connections): each connection waits
-- CONNS/RATE seconds after a response before its next request, so the broker is measured at an
-- offered load it can carry instead of at saturation, where queueing, not routing, sets the p99.
-- (wrk does not correct for coordinated omission; at a load the server carries there is no backlog.)
local rate = tonumber(os.getenv("RATE") or "0")
local conns = tonumber(os.getenv("CONNS") or "1")

function delay()
  if rate <= 0 then return 0 end
  return conns * 1000 / rate
end
