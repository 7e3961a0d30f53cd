import fc from 'fast-check';
import { deliveryPlan, slicesOf } from './delivery-plan';

const sum = (sizes: number[]): number => sizes.reduce((total, n) => total + n, 0);

describe('deliveryPlan', () => {
  it('writes the first recipients in batches growing from a fifth of the chunk size to a full chunk, the rest in jobs', () => {
    expect(deliveryPlan(10_000, 500)).toEqual({
      batches: [100, 200, 400, 500],
      jobs: [...Array<number>(17).fill(500), 300],
    });
    expect(deliveryPlan(2500, 500)).toEqual({ batches: [100, 200, 400, 500], jobs: [500, 500, 300] });
    expect(deliveryPlan(400, 20)).toEqual({
      batches: [4, 8, 16, 20],
      jobs: [...Array<number>(17).fill(20), 12],
    });
  });

  it('keeps a small audience to the fan-out job, and makes nothing of nobody', () => {
    expect(deliveryPlan(1, 500)).toEqual({ batches: [1], jobs: [] });
    expect(deliveryPlan(250, 500)).toEqual({ batches: [100, 150], jobs: [] });
    expect(deliveryPlan(1200, 500)).toEqual({ batches: [100, 200, 400, 500], jobs: [] });
    expect(deliveryPlan(0, 500)).toEqual({ batches: [], jobs: [] });
  });

  it('covers every recipient once, in batches that double up to the chunk size, then full chunks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 1, max: 5000 }), (total, size) => {
        const { batches, jobs } = deliveryPlan(total, size);
        expect(sum(batches) + sum(jobs)).toBe(total);
        for (const n of [...batches, ...jobs]) expect(n >= 1 && n <= size).toBe(true);
        // each batch but the last is twice the one before (the first: a fifth of the chunk size)
        batches
          .slice(0, -1)
          .forEach((n, i) => expect(n).toBe(i === 0 ? Math.ceil(size / 5) : 2 * batches[i - 1]!));
        // jobs only once a batch reached the chunk size; all full but the last
        if (jobs.length) expect(batches.at(-1)).toBe(size);
        jobs.slice(0, -1).forEach((n) => expect(n).toBe(size));
      }),
    );
  });
});

describe('slicesOf', () => {
  it('cuts the items in order into slices of the sizes, from a start', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(slicesOf(items, [2, 3])).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
    expect(slicesOf(items, [4, 4], 5)).toEqual([[5, 6, 7, 8], [9]]);
    expect(slicesOf(items, [])).toEqual([]);
  });
});
