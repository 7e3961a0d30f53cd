import type { QueryExpressionMap } from 'typeorm/query-builder/QueryExpressionMap';
import { readPlanKey } from './read-plan-key';

class Entity {}
const isEntityClass = (value: unknown): boolean => value === Entity;
const key = (map: object): string | null => readPlanKey(map as QueryExpressionMap, isEntityClass);

describe('readPlanKey', () => {
  const base = () => ({
    queryType: 'select',
    selects: [{ selection: 'item', aliasName: undefined }],
    wheres: [{ type: 'simple', condition: 'item.title = :title' }],
    parameters: { title: 'Lapor Cepat' },
    limit: 21,
  });

  it('is the same for the same shape, whatever the parameter values', () => {
    expect(key(base())).toBe(key({ ...base(), parameters: { title: 'Sapa Warga' } }));
  });

  it('differs when a condition, a selection, a limit or a field TypeORM adds differs', () => {
    const one = key(base());
    expect(key({ ...base(), wheres: [{ type: 'simple', condition: 'item.title <> :title' }] })).not.toBe(one);
    expect(key({ ...base(), selects: [{ selection: 'item.id', aliasName: undefined }] })).not.toBe(one);
    expect(key({ ...base(), limit: 11 })).not.toBe(one);
    expect(key({ ...base(), someFutureOption: true })).not.toBe(one);
  });

  it('cannot be fooled by strings that join to the same text', () => {
    expect(key({ a: ['ab', 'c'] })).not.toBe(key({ a: ['a', 'bc'] }));
    expect(key({ a: 'x', b: 'y' })).not.toBe(key({ a: 'xb=y' }));
  });

  it('keys entity classes by identity, and refuses other functions, dates and unknown classes', () => {
    expect(key({ target: Entity })).toBe(key({ target: Entity }));
    expect(key({ target: () => Entity })).toBeNull();
    expect(key({ at: new Date(0) })).toBeNull();
    expect(key({ holder: new (class Unknown {})() })).toBeNull();
  });

  it('walks a cycle once, as a back reference', () => {
    const map: Record<string, unknown> = { ...base() };
    map['self'] = { map };
    expect(key(map)).toEqual(expect.any(String));
  });
});
