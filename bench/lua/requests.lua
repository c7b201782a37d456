-- wrk script shared by the HTTP benchmarks.
--
-- BENCH_REQUESTS names a file of request templates, one per line, tab-separated:
--   METHOD <tab> PATH <tab> HEADERS (Name: value, joined by " | ") <tab> BODY
-- "{uid}" in a header or the body becomes an id unique to the request (BENCH_RUN, a nonce of
-- this wrk run, then thread and counter), so every POST carries its own Idempotency-Key.
-- A template with the header "X-Signature: {signature}" is signed as a partner app signs
-- (daftar/api/auth.py): with the key of its "Authorization: Bearer <key>" header, it gets
-- X-Timestamp, a fresh X-Nonce ("n-{uid}") and X-Signature over method, path, query string,
-- timestamp, nonce, Idempotency-Key and the body's SHA-256 (bench/lua/signing.lua).
-- Templates are used in turn.
-- BENCH_LIMIT (optional): each thread sends no more requests after that many responses
-- (wrk itself still runs for its full duration).
-- BENCH_CODES (optional) names files (one per thread) where each answered tracking code is
-- written, so that the harness can check every one of them is in the database.
-- done() prints one JSON line: requests, rate, errors and latency percentiles in ms.

local here = string.match(debug.getinfo(1, "S").source, "^@(.*)/[^/]*$") or "."
package.path = here .. "/?.lua;" .. package.path
local signing = require("signing")

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local templates = {}
local counter = 0
local answered = 0
local limit = tonumber(os.getenv("BENCH_LIMIT") or "0")
local run = os.getenv("BENCH_RUN") or "run"
local codes_path = os.getenv("BENCH_CODES")
local codes = nil
first_error = nil

local function split(text, separator)
  local parts, start = {}, 1
  while true do
    local i, j = string.find(text, separator, start, true)
    if not i then
      table.insert(parts, string.sub(text, start))
      return parts
    end
    table.insert(parts, string.sub(text, start, i - 1))
    start = j + 1
  end
end

function init(args)
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    if line ~= "" then
      local fields = split(line, "\t")
      local headers = {}
      if fields[3] and fields[3] ~= "" then
        for _, header in ipairs(split(fields[3], " | ")) do
          local colon = string.find(header, ":", 1, true)
          headers[string.sub(header, 1, colon - 1)] = string.sub(header, colon + 2)
        end
      end
      local body = fields[4]
      if body == "" then body = nil end
      local key = nil
      if headers["X-Signature"] then
        headers["X-Signature"] = nil
        key = string.match(headers["Authorization"] or "", "^Bearer (.+)$")
      end
      table.insert(templates, {
        method = fields[1], path = fields[2], headers = headers, body = body, key = key,
      })
    end
  end
end

function request()
  counter = counter + 1
  local t = templates[(counter - 1) % #templates + 1]
  local uid = run .. "-" .. id .. "-" .. counter
  local headers = {}
  for name, value in pairs(t.headers) do
    headers[name] = (string.gsub(value, "{uid}", uid))
  end
  local body = t.body and (string.gsub(t.body, "{uid}", uid)) or nil
  if t.key then
    local stamp = string.format("%d", os.time() * 1000)
    local nonce = "n-" .. uid
    headers["X-Timestamp"] = stamp
    headers["X-Nonce"] = nonce
    headers["X-Signature"] = signing.sign(
      t.key, t.method, t.path, stamp, nonce, headers["Idempotency-Key"], body)
  end
  return wrk.format(t.method, t.path, headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  if codes_path and status < 300 then
    local code = string.match(body or "", '"tracking_code": *"(%d+)"')
    if code then
      codes = codes or io.open(codes_path .. "-" .. run .. "-" .. id, "a")
      codes:write(code, "\n")
      codes:flush()
    end
  end
  if status >= 400 and first_error == nil then
    first_error = status .. " " .. string.sub(body or "", 1, 300)
  end
  if limit > 0 and answered >= limit then
    wrk.thread:stop()
  end
end

local function clean(text)
  return (string.gsub(text or "", '[%c"\\]', " "))
end

function done(summary, latency, requests)
  local e = summary.errors
  local first = ""
  for _, thread in ipairs(threads) do
    local found = thread:get("first_error")
    if found and first == "" then first = found end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.2f, "errors": %d, "status_errors": %d, ' ..
    '"p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "mean_ms": %.3f, ' ..
    '"first_error": "%s"}\n',
    summary.requests, seconds, summary.requests / seconds,
    e.connect + e.read + e.write + e.status + e.timeout, e.status,
    latency:percentile(50.0) / 1000, latency:percentile(95.0) / 1000,
    latency:percentile(99.0) / 1000, latency.max / 1000, latency.mean / 1000, clean(first)))
end
