"""The Lua scripts that keep a broadcast job, its idempotency key, its ``msg_id`` mapping and a report
that came before the job knew its ``msg_id`` consistent. Keys named by a job's own fields are derived
from the prefix inside the script, so all of a store's keys must live on one Redis node."""

# KEYS: the new job, its idempotency key ('' without client_msg_id).
# ARGV: ttl, id, job-key prefix, then the job's field/value pairs.
# → {1, job} created; {0, job} the existing one for that key.
CREATE_JOB = """
local ttl = ARGV[1]
if KEYS[2] ~= '' then
  local existing = redis.call('GET', KEYS[2])
  if existing then
    local job = redis.call('HGETALL', ARGV[3] .. existing)
    if #job > 0 then return {0, job} end
  end
end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('EXPIRE', KEYS[1], ttl)
if KEYS[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'EX', ttl) end
return {1, redis.call('HGETALL', KEYS[1])}
"""

# KEYS: the job. ARGV: new status, ' '-separated statuses it may come from (padded with spaces), ttl,
# now, calls to add to 'attempts', calls to add to 'unresolved' (both added whether or not the job
# moves: WeChat received them), then field/value pairs to write (only when it moves; '' for the same
# status, to write fields without a move: the status itself must then be one of the allowed).
# → {1, job} moved (or written); {0, job} refused; {-1} no such job.
TRANSITION_JOB = """
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return {-1} end
if ARGV[5] ~= '0' then redis.call('HINCRBY', KEYS[1], 'attempts', ARGV[5]) end
if ARGV[6] ~= '0' then redis.call('HINCRBY', KEYS[1], 'unresolved', ARGV[6]) end
if not string.find(ARGV[2], ' ' .. current .. ' ', 1, true) then
  return {0, redis.call('HGETALL', KEYS[1])}
end
local new = ARGV[1]
if new == '' then new = current end
redis.call('HSET', KEYS[1], 'status', new, 'updated_at', ARGV[4])
if #ARGV >= 7 then redis.call('HSET', KEYS[1], unpack(ARGV, 7)) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {1, redis.call('HGETALL', KEYS[1])}
"""

# KEYS: the job, its msg_id mapping, the pending report of that msg_id.
# ARGV: ttl, now, msg_id, calls to add to 'attempts', then field/value pairs to write.
# sending → sent with the msg_id; a report already waiting for that msg_id settles it at once.
# → {1, job} moved; {0, job} refused (not sending); {-1} no such job.
MARK_SENT = """
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return {-1} end
if ARGV[4] ~= '0' then redis.call('HINCRBY', KEYS[1], 'attempts', ARGV[4]) end
if current ~= 'sending' then return {0, redis.call('HGETALL', KEYS[1])} end
local ttl = ARGV[1]
redis.call('HSET', KEYS[1], 'status', 'sent', 'updated_at', ARGV[2], 'msg_id', ARGV[3])
if #ARGV >= 5 then redis.call('HSET', KEYS[1], unpack(ARGV, 5)) end
redis.call('HDEL', KEYS[1], 'error')
redis.call('SET', KEYS[2], redis.call('HGET', KEYS[1], 'id'), 'EX', ttl)
local pending = redis.call('GET', KEYS[3])
if pending then
  local report = cjson.decode(pending)
  redis.call('HSET', KEYS[1], 'status', report['outcome'], 'report', report['report'])
  if report['error'] ~= '' then redis.call('HSET', KEYS[1], 'error', report['error']) end
  redis.call('DEL', KEYS[3])
end
redis.call('EXPIRE', KEYS[1], ttl)
return {1, redis.call('HGETALL', KEYS[1])}
"""

# KEYS: the msg_id mapping, the pending report of that msg_id. ARGV: ttl, now, job-key prefix, the
# outcome status, the report (JSON), the error (JSON, or '').
# A job that is sent takes the report; a job already settled keeps its status; with no job for the
# msg_id yet (its send's answer was lost) the report waits for it.
# → {1, job} settled; {0, job} already settled; {-1} waiting.
REPORT = """
local id = redis.call('GET', KEYS[1])
local job = id and (ARGV[3] .. id) or nil
if not job or redis.call('EXISTS', job) == 0 then
  local pending = cjson.encode({outcome = ARGV[4], report = ARGV[5], error = ARGV[6]})
  redis.call('SET', KEYS[2], pending, 'EX', ARGV[1])
  return {-1}
end
if redis.call('HGET', job, 'status') ~= 'sent' then return {0, redis.call('HGETALL', job)} end
redis.call('HSET', job, 'status', ARGV[4], 'report', ARGV[5], 'updated_at', ARGV[2])
if ARGV[6] ~= '' then redis.call('HSET', job, 'error', ARGV[6]) end
redis.call('EXPIRE', job, ARGV[1])
return {1, redis.call('HGETALL', job)}
"""

# KEYS: the job. ARGV: now, lease end, ttl.
# A job queued, or sending with no live lease, becomes sending under a lease until ARGV[2]: its holder
# alone calls WeChat for it until then (a crashed holder's lease runs out).
# → {1, job} claimed; {0, job} settled or leased to another; {-1} no such job.
CLAIM_JOB = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {-1} end
if status == 'queued' or status == 'sending' then
  local lease = tonumber(redis.call('HGET', KEYS[1], 'lease_until') or '0')
  if lease <= tonumber(ARGV[1]) then
    redis.call('HSET', KEYS[1], 'status', 'sending', 'lease_until', ARGV[2], 'updated_at', ARGV[1])
    redis.call('EXPIRE', KEYS[1], ARGV[3])
    return {1, redis.call('HGETALL', KEYS[1])}
  end
end
return {0, redis.call('HGETALL', KEYS[1])}
"""
