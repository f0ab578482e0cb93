"""The Lua scripts that keep a record, its idempotency key, its batch counters and its msgid
mapping consistent. Keys known up front are passed as KEYS; those named by a record's own
fields (its batch, its msgid mapping, the record an idempotency key points at) are derived
from the prefix inside the script, so all of a store's keys must live on one Redis node."""

# KEYS: the new record, its idempotency key ('' without client_msg_id), the batch ('' without).
# ARGV: ttl, id, app_id, record-key prefix, then the record's field/value pairs.
# → {1, record} created; {0, record} the existing one for that key; {-1} no such batch for app_id.
CREATE = """
local ttl = ARGV[1]
if KEYS[2] ~= '' then
  local existing = redis.call('GET', KEYS[2])
  if existing then
    local record = redis.call('HGETALL', ARGV[4] .. existing)
    if #record > 0 then return {0, record} end
  end
end
if KEYS[3] ~= '' and redis.call('HGET', KEYS[3], 'app_id') ~= ARGV[3] then return {-1} end
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('EXPIRE', KEYS[1], ttl)
if KEYS[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'EX', ttl) end
if KEYS[3] ~= '' then
  redis.call('HINCRBY', KEYS[3], 'queued', 1)
  redis.call('HINCRBY', KEYS[3], 'created', 1)
  redis.call('EXPIRE', KEYS[3], ttl)
end
return {1, redis.call('HGETALL', KEYS[1])}
"""

# KEYS: the record. ARGV: new status, ' '-separated statuses it may come from (padded with
# spaces), ttl, key prefix, now, '1' to drop the stored error, calls to add to 'attempts'
# (added whether or not the record moves: WeChat received them), then field/value pairs to write.
# → {1, record} moved; {0, record} refused or already there; {-1} no such record.
TRANSITION = """
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return {-1} end
local new, ttl, prefix = ARGV[1], ARGV[3], ARGV[4]
if ARGV[7] ~= '0' then redis.call('HINCRBY', KEYS[1], 'attempts', ARGV[7]) end
if current == new or not string.find(ARGV[2], ' ' .. current .. ' ', 1, true) then
  return {0, redis.call('HGETALL', KEYS[1])}
end
redis.call('HSET', KEYS[1], 'status', new, 'updated_at', ARGV[5], unpack(ARGV, 8))
if ARGV[6] == '1' then redis.call('HDEL', KEYS[1], 'error') end
redis.call('EXPIRE', KEYS[1], ttl)
local batch_id = redis.call('HGET', KEYS[1], 'batch_id')
if batch_id then
  local batch = prefix .. 'batch:' .. batch_id
  if redis.call('EXISTS', batch) == 1 then
    redis.call('HINCRBY', batch, current, -1)
    redis.call('HINCRBY', batch, new, 1)
    redis.call('EXPIRE', batch, ttl)
  end
end
local msgid = redis.call('HGET', KEYS[1], 'wechat_msgid')
if new == 'sent' and msgid then
  local app_id = redis.call('HGET', KEYS[1], 'app_id')
  redis.call('SET', prefix .. 'msgid:' .. app_id .. ':' .. msgid, redis.call('HGET', KEYS[1], 'id'), 'EX', ttl)
end
return {1, redis.call('HGETALL', KEYS[1])}
"""

# KEYS: the new batch, its idempotency key ('' without client_batch_id).
# ARGV: ttl, batch id, batch-key prefix, then the batch's field/value pairs.
# → {1, id} created; {0, id} the existing batch for that key.
CREATE_BATCH = """
local ttl = ARGV[1]
if KEYS[2] ~= '' then
  local existing = redis.call('GET', KEYS[2])
  if existing and redis.call('EXISTS', ARGV[3] .. existing) == 1 then return {0, existing} end
end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('EXPIRE', KEYS[1], ttl)
if KEYS[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'EX', ttl) end
return {1, ARGV[2]}
"""
