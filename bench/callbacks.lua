-- wrk script: send pre-generated requests, one per line: "path?query<TAB>body" is a POST,
-- a line without a tab a GET; BENCH_AUTHORIZATION, when set, is sent as the Authorization header,
-- BENCH_CONTENT_TYPE (text/xml by default) as a POST's Content-Type;
-- each thread walking its own disjoint slice (lines i with i % nthreads == thread id),
-- never repeating one unless the file runs out (then it wraps and says so).
-- Usage: wrk ... -s bench/callbacks.lua URL -- REQUEST_FILE NTHREADS
-- Responses whose body is exactly "success" (WeChat's "no reply") are counted as success_bodies.
-- done() prints one line "BENCH_SUMMARY {json}" for the harness to parse.

local threads = {}
local next_thread_id = 0

function setup(thread)
   thread:set("thread_id", next_thread_id)
   next_thread_id = next_thread_id + 1
   table.insert(threads, thread)
end

function init(args)
   -- wrk passes the URL as args[0]; ours follow "--".
   request_file = args[1]
   nthreads = tonumber(args[2]) or 1
   handle = assert(io.open(request_file, "r"))
   lineno = 0
   sent = 0
   wraps = 0
   success_bodies = 0
   statuses = {}
   headers = { ["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "text/xml" }
   get_headers = {}
   local authorization = os.getenv("BENCH_AUTHORIZATION")
   if authorization then
      headers["Authorization"] = authorization
      get_headers["Authorization"] = authorization
   end
end

local function next_line()
   while true do
      local line = handle:read("*l")
      if line == nil then
         if lineno == 0 then
            error("no requests in " .. request_file)
         end
         wraps = wraps + 1
         if wraps == 1 then
            io.stderr:write("WARNING: thread " .. thread_id .. " ran out of requests; repeating them\n")
         end
         handle:seek("set", 0)
         lineno = 0
      else
         lineno = lineno + 1
         if (lineno - 1) % nthreads == thread_id then
            return line
         end
      end
   end
end

function request()
   local line = next_line()
   local tab = line:find("\t", 1, true)
   sent = sent + 1
   if tab == nil then
      return wrk.format("GET", line, get_headers)
   end
   return wrk.format("POST", line:sub(1, tab - 1), headers, line:sub(tab + 1))
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if body == "success" then
      success_bodies = success_bodies + 1
   end
end

function done(summary, latency, requests)
   local total_sent, total_wraps, total_success, by_status = 0, 0, 0, {}
   for _, thread in ipairs(threads) do
      total_sent = total_sent + thread:get("sent")
      total_wraps = total_wraps + thread:get("wraps")
      total_success = total_success + thread:get("success_bodies")
      for status, count in pairs(thread:get("statuses")) do
         local key = string.format("%d", status)
         by_status[key] = (by_status[key] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(by_status) do
      table.insert(parts, string.format('"%s":%d', status, count))
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_SUMMARY {"requests":%d,"duration_us":%d,"bytes":%d,"sent":%d,"wraps":%d,"success_bodies":%d,'
         .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
         .. '"latency_us":{"mean":%.1f,"p50":%.1f,"p90":%.1f,"p99":%.1f,"max":%.1f},"statuses":{%s}}\n',
      summary.requests, summary.duration, summary.bytes, total_sent, total_wraps, total_success,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      table.concat(parts, ",")))
end
