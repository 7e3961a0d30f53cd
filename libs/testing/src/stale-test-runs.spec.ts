import { isStale, runStartOf, STALE_AFTER_MS } from './stale-test-runs';

describe('stale test runs', () => {
  const started = Date.UTC(2026, 10, 23, 8, 0, 0);
  const id = `3951_${started.toString(36)}`;

  it('reads the start time from a run database, its suffixed databases and its Redis keys', () => {
    expect(runStartOf(`jipp_test_${id}`, 'jipp_test_')).toBe(started);
    expect(runStartOf(`jipp_test_${id}_analytics`, 'jipp_test_')).toBe(started);
    expect(runStartOf(`jipp-test-${id}:bull:notifications:id`, 'jipp-test-')).toBe(started);
    expect(runStartOf(`jipp-test-${id}-fz5682eb:socket.io`, 'jipp-test-')).toBe(started);
  });

  it('leaves alone what is not a run of this base', () => {
    expect(runStartOf('jipp_test', 'jipp_test_')).toBeNull();
    expect(runStartOf('jipp_test_bench_forum', 'jipp_test_')).toBeNull();
    expect(runStartOf('jipp', 'jipp_test_')).toBeNull();
    expect(runStartOf(`other_${id}`, 'jipp_test_')).toBeNull();
    expect(runStartOf(`jipp-bench-graphql:x`, 'jipp-test-')).toBeNull();
  });

  it('is stale only once older than any run lasts', () => {
    expect(isStale(`jipp_test_${id}`, 'jipp_test_', started + STALE_AFTER_MS - 1)).toBe(false);
    expect(isStale(`jipp_test_${id}`, 'jipp_test_', started + STALE_AFTER_MS + 1)).toBe(true);
    expect(isStale('jipp_test_bench_analytics_large', 'jipp_test_', started + 10 * STALE_AFTER_MS)).toBe(
      false,
    );
  });
});
