/**
 * Checks and spends the counters of one request at once (a Lua script runs atomically in Redis).
 *
 * KEYS: the counters. ARGV[1]: the window in ms; then, per key, the points the request costs it
 * and its limit. Answers `{0, 0}` after spending the points on every counter; or `{i, ms}`,
 * spending nothing, when counter i would go over its limit (of several, the one freed last), ms
 * being what is left of its window. A counter's window starts with its first point (fixed window).
 */
export const SPEND_SCRIPT = `
local window = tonumber(ARGV[1])
local refused, wait = 0, 0
for i, key in ipairs(KEYS) do
  local used = tonumber(redis.call('GET', key) or '0')
  if used + tonumber(ARGV[2 * i]) > tonumber(ARGV[2 * i + 1]) then
    local left = redis.call('PTTL', key)
    if left < 0 then
      -- no counter may outlive a window (and a request costing more than the limit waits a whole one)
      redis.call('PEXPIRE', key, window)
      left = window
    end
    if left > wait then
      refused, wait = i, left
    end
  end
end
if refused > 0 then
  return {refused, wait}
end
for i, key in ipairs(KEYS) do
  local points = tonumber(ARGV[2 * i])
  if redis.call('INCRBY', key, points) == points then
    redis.call('PEXPIRE', key, window)
  end
end
return {0, 0}
`;

/** `[0, 0]`: spent; `[i, ms]`: refused by the i-th key (1-based) for ms more. */
export type SpendAnswer = [refusedBy: number, msBeforeNext: number];
