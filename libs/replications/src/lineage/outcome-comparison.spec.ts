import { OutcomeUnit } from '../outcomes/outcome-unit';
import { type ComparedOutcomeInput, compareOutcomes, figuresOf, indicatorKey } from './outcome-comparison';

let nextId = 1;
const outcome = (
  replicationId: number | null,
  indicator: string,
  unit: OutcomeUnit,
  baselineValue: number,
  latestValue: number | null,
): ComparedOutcomeInput => ({
  id: nextId++,
  replicationId,
  indicator,
  unit,
  baselineValue,
  baselineDate: '2025-01-01',
  latestValue,
  latestDate: latestValue === null ? null : '2026-01-01',
  source: null,
});

const replicas = new Map([
  [10, { adopter: 'Pemkab Banyuwangi' }],
  [11, { adopter: 'Pemkot Makassar' }],
  [12, { adopter: 'Pemkab Gowa' }],
]);

describe('outcome comparison', () => {
  it('matches indicators whatever their case and spacing, but not across units', () => {
    expect(indicatorKey('  Waktu   Layanan ', OutcomeUnit.DAYS)).toBe(
      indicatorKey('waktu layanan', OutcomeUnit.DAYS),
    );
    expect(indicatorKey('Waktu layanan', OutcomeUnit.DAYS)).not.toBe(
      indicatorKey('Waktu layanan', OutcomeUnit.HOURS),
    );
  });

  it('computes the change and its percent of the baseline', () => {
    expect(figuresOf(outcome(null, 'x', OutcomeUnit.DAYS, 14, 2))).toMatchObject({
      change: -12,
      changePercent: -85.71,
    });
    expect(figuresOf(outcome(null, 'x', OutcomeUnit.PERCENT, 60, 90))).toMatchObject({
      change: 30,
      changePercent: 50,
    });
    // no percent of a zero baseline; nothing without a latest value
    expect(figuresOf(outcome(null, 'x', OutcomeUnit.COUNT, 0, 5))).toMatchObject({
      change: 5,
      changePercent: null,
    });
    expect(figuresOf(outcome(null, 'x', OutcomeUnit.COUNT, 4, null))).toMatchObject({
      change: null,
      changePercent: null,
    });
    // an index may be negative: the percent is of its magnitude
    expect(figuresOf(outcome(null, 'x', OutcomeUnit.INDEX, -2, 1))).toMatchObject({
      change: 3,
      changePercent: 150,
    });
    // decimals do not leak floating-point noise
    expect(figuresOf(outcome(null, 'x', OutcomeUnit.HOURS, 0.3, 0.1)).change).toBe(-0.2);
  });

  it("puts the origin's indicators first, each with the replicas that reported it", () => {
    const rows = [
      outcome(11, 'Kepuasan warga', OutcomeUnit.SCORE, 70, 80),
      outcome(null, 'Hari terbit akta', OutcomeUnit.DAYS, 14, 2),
      outcome(null, 'Cakupan akta', OutcomeUnit.PERCENT, 60, 90),
      outcome(11, ' hari TERBIT  akta', OutcomeUnit.DAYS, 10, 5),
      outcome(10, 'Hari terbit akta', OutcomeUnit.DAYS, 14, 3),
      outcome(12, 'Kepuasan warga', OutcomeUnit.SCORE, 60, null),
      outcome(12, 'Antrean', OutcomeUnit.MINUTES, 30, 10),
      outcome(99, 'Hari terbit akta', OutcomeUnit.DAYS, 9, 9), // not a known replication: left out
    ];
    const groups = compareOutcomes(rows, replicas);
    expect(
      groups.map((g) => [g.indicator, g.unit, g.origin?.baselineValue ?? null, g.replicas.length]),
    ).toEqual([
      ['Hari terbit akta', OutcomeUnit.DAYS, 14, 2],
      ['Cakupan akta', OutcomeUnit.PERCENT, 60, 0],
      ['Kepuasan warga', OutcomeUnit.SCORE, null, 2],
      ['Antrean', OutcomeUnit.MINUTES, null, 1],
    ]);
    expect(groups[0]!.replicas).toEqual([
      expect.objectContaining({
        adopter: 'Pemkab Banyuwangi',
        baselineValue: 14,
        latestValue: 3,
        change: -11,
      }),
      expect.objectContaining({
        adopter: 'Pemkot Makassar',
        baselineValue: 10,
        change: -5,
        changePercent: -50,
      }),
    ]);
  });

  it('lets the latest recorded row speak when one side reported an indicator twice', () => {
    const groups = compareOutcomes(
      [
        outcome(null, 'Waktu', OutcomeUnit.DAYS, 10, 8),
        outcome(null, 'waktu', OutcomeUnit.DAYS, 10, 4),
        outcome(10, 'Waktu', OutcomeUnit.DAYS, 9, 7),
        outcome(10, 'WAKTU', OutcomeUnit.DAYS, 9, 3),
      ],
      replicas,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      indicator: 'Waktu',
      origin: { latestValue: 4 },
      replicas: [{ latestValue: 3 }],
    });
  });

  it('is empty without outcomes', () => {
    expect(compareOutcomes([], replicas)).toEqual([]);
  });
});
