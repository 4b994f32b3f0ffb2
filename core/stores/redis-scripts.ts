import { createHash } from 'node:crypto';

/** A Lua script the Redis store runs with EVALSHA (EVAL when the server does not know it yet, e.g. after a restart). */
export interface RedisScript {
  lua: string;
  /** SHA-1 of `lua`, as EVALSHA wants it. */
  sha: string;
}

const script = (lua: string): RedisScript => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });

/**
 * Checks the lease hash at `KEYS[1]` against owner `ARGV[1]`, token `ARGV[2]` and time `ARGV[3]`; a script that
 * starts with it writes nothing for a holder whose lease changed hands or expired (fencing).
 */
const leaseCheck = `
local now = tonumber(ARGV[3])
local held = redis.call('HMGET', KEYS[1], 'owner', 'token', 'expiresAt')
if held[1] ~= ARGV[1] or tonumber(held[2]) ~= tonumber(ARGV[2]) or tonumber(held[3]) < now then
  return {'lease'}
end
`;

/** KEYS: state. ARGV: expected version, state JSON, now. → {1, version} or {0, actual version}. */
export const saveScript = script(`
local actual = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if actual ~= tonumber(ARGV[1]) then return {0, actual} end
redis.call('HSET', KEYS[1], 'version', actual + 1, 'state', ARGV[2], 'updatedAt', ARGV[3])
return {1, actual + 1}
`);

/**
 * KEYS: lease, state, turns, results, lines, pending, done, line heads.
 * ARGV: owner, token, now, expected version, state JSON, conversation id, result count, then per result its turn
 * id, result JSON and turn member; line count, the first line's `at`, then each line's JSON.
 * → {'lease'}, {'conflict', actual version} or {'ok', version}.
 */
export const commitScript = script(`${leaseCheck}
local actual = tonumber(redis.call('HGET', KEYS[2], 'version') or '0')
if actual ~= tonumber(ARGV[4]) then return {'conflict', actual} end
redis.call('HSET', KEYS[2], 'version', actual + 1, 'state', ARGV[5], 'updatedAt', ARGV[3])
local i = 8
for _ = 1, tonumber(ARGV[7]) do
  redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1])
  redis.call('HDEL', KEYS[3], ARGV[i])
  redis.call('ZREM', KEYS[6], ARGV[i + 2])
  redis.call('ZADD', KEYS[7], ARGV[3], ARGV[i + 2])
  i = i + 3
end
local lines = tonumber(ARGV[i])
local firstAt = ARGV[i + 1]
i = i + 2
if lines > 0 then
  local seq = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0')
  for _ = 1, lines do
    seq = seq + 1
    redis.call('ZADD', KEYS[5], seq, seq .. ' ' .. ARGV[i])
    i = i + 1
  end
  redis.call('HSET', KEYS[2], 'lastSeq', seq)
  redis.call('ZADD', KEYS[8], 'NX', firstAt, ARGV[6])
end
return {'ok', actual + 1}
`);

/** KEYS: turns, results, pending, accept counter. ARGV: turn id, turn JSON, turn member. → {'new'}, {'pending'} or {'done', result}. */
export const acceptScript = script(`
local result = redis.call('HGET', KEYS[2], ARGV[1])
if result then return {'done', result} end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return {'pending'} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[3])
return {'new'}
`);

/** KEYS: turns, pending. ARGV: turn id, turn member. → 1 when an unfinished turn was removed. */
export const abandonScript = script(`
if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 then
  redis.call('ZREM', KEYS[2], ARGV[2])
  return 1
end
return 0
`);

/**
 * KEYS: lease, effects, effect results, the conversation's effect keys. ARGV: owner, token, now, effect key, entry
 * JSON. → {'lease'}, {'new'}, {'started'} or {'finished', result}.
 */
export const beginEffectScript = script(`${leaseCheck}
if redis.call('HEXISTS', KEYS[2], ARGV[4]) == 1 then
  local result = redis.call('HGET', KEYS[3], ARGV[4])
  if result then return {'finished', result} end
  return {'started'}
end
redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
redis.call('SADD', KEYS[4], ARGV[4])
return {'new'}
`);

/** KEYS: effects, effect results, effects done. ARGV: effect key, result JSON, now. → 1 when the key was journaled. */
export const finishEffectScript = script(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return 1
`);

/** KEYS: lease. ARGV: owner, ttl ms, now. → the token, or nil when another owner holds a live lease. */
export const acquireLeaseScript = script(`
local now = tonumber(ARGV[3])
local held = redis.call('HMGET', KEYS[1], 'owner', 'token', 'expiresAt')
local token = tonumber(held[2] or '0')
local live = held[1] and tonumber(held[3]) >= now
if live and held[1] ~= ARGV[1] then return false end
if not (live and held[1] == ARGV[1]) then token = token + 1 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'token', token, 'expiresAt', now + tonumber(ARGV[2]))
return token
`);

/** KEYS: lease. ARGV: owner, token. Expires the lease when it is still that one. */
export const releaseLeaseScript = script(`
local held = redis.call('HMGET', KEYS[1], 'owner', 'token')
if held[1] == ARGV[1] and tonumber(held[2]) == tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], 'expiresAt', 0) end
return 0
`);

/** KEYS: lease. ARGV: from, owner, ttl ms, now. → the new token, or nil when `from` no longer holds it. */
export const takeOverLeaseScript = script(`
local held = redis.call('HMGET', KEYS[1], 'owner', 'token')
if held[1] ~= ARGV[1] then return false end
local token = tonumber(held[2]) + 1
redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'token', token, 'expiresAt', tonumber(ARGV[4]) + tonumber(ARGV[3]))
return token
`);

/**
 * KEYS: state, turns, results, lines, lease, the conversation's effect keys, pending, done, effects, effect
 * results, effects done, line heads. ARGV: conversation id. → 1 when the conversation had a state.
 */
export const deleteScript = script(`
local existed = redis.call('EXISTS', KEYS[1])
local prefix = string.len(ARGV[1]) .. ':' .. ARGV[1]
for _, turnId in ipairs(redis.call('HKEYS', KEYS[2])) do redis.call('ZREM', KEYS[7], prefix .. turnId) end
for _, turnId in ipairs(redis.call('HKEYS', KEYS[3])) do redis.call('ZREM', KEYS[8], prefix .. turnId) end
for _, key in ipairs(redis.call('SMEMBERS', KEYS[6])) do
  redis.call('HDEL', KEYS[9], key)
  redis.call('HDEL', KEYS[10], key)
  redis.call('ZREM', KEYS[11], key)
end
redis.call('ZREM', KEYS[12], ARGV[1])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
return existed
`);

/**
 * KEYS: lines, line heads. ARGV: before (ms), conversation id. Removes the conversation's oldest lines while their
 * `at` is before `before` (lines are appended in time order) and records the new oldest `at`. → lines removed.
 */
export const purgeLinesScript = script(`
local removed = 0
local before = tonumber(ARGV[1])
while true do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #head == 0 then
    redis.call('ZREM', KEYS[2], ARGV[2])
    return removed
  end
  local at = tonumber(cjson.decode(string.sub(head[1], string.find(head[1], ' ', 1, true) + 1)).at)
  if at >= before then
    redis.call('ZADD', KEYS[2], at, ARGV[2])
    return removed
  end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
  removed = removed + 1
end
`);

/**
 * KEYS: lines. ARGV: turn id, the new text as JSON, window. Among the last `window` lines, the turn's bot lines
 * become one: the last keeps its number and its JSON but for the text; the earlier ones are removed. Members are
 * `<seq> {"role":…,"text":…,"at":…` as the store writes them, so the text is spliced in rather than the line
 * re-encoded (cjson would round `at`). → 1, or 0 when the turn has no bot line there.
 */
export const reviseReplyScript = script(`
local found = {}
for _, m in ipairs(redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)) do
  local line = cjson.decode(string.sub(m, string.find(m, ' ', 1, true) + 1))
  if line.role == 'bot' and line.turnId == ARGV[1] then table.insert(found, m) end
end
if #found == 0 then return 0 end
for _, m in ipairs(found) do redis.call('ZREM', KEYS[1], m) end
local last = found[1]
local seq = string.sub(last, 1, string.find(last, ' ', 1, true) - 1)
redis.call('ZADD', KEYS[1], seq, seq .. ' {"role":"bot","text":' .. ARGV[2] .. string.sub(last, (string.find(last, ',"at":', 1, true))))
return 1
`);
