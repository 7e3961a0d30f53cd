import { factDelta } from './fact-delta';

const fact = {
  innovationId: 1,
  adopterAgencyId: 2,
  categoryId: 7,
  provinceCode: '35',
  regencyCode: '35.10',
  agencyType: 'PEMKAB',
  hubIds: '1',
  year: 2024,
  status: 'REQUESTED',
};

describe('factDelta', () => {
  it('adds a new replication to each of its groups, with its adopter and innovation as members', () => {
    const { cells, members } = factDelta(null, fact);
    expect(cells).toHaveLength(6);
    expect(cells.every((c) => c.delta === 1 && c.status === 'REQUESTED')).toBe(true);
    expect(members).toHaveLength(12);
  });

  it('moves only the cells on a change of state', () => {
    const { cells, members } = factDelta(fact, { ...fact, status: 'APPROVED' });
    expect(members).toEqual([]);
    expect(cells).toHaveLength(12);
    expect(cells.filter((c) => c.delta === -1).every((c) => c.status === 'REQUESTED')).toBe(true);
  });

  it('moves nothing when nothing changed (an event applied twice)', () => {
    expect(factDelta(fact, { ...fact })).toEqual({ cells: [], members: [] });
  });

  it('moves the hub counts when the adopter changed hubs', () => {
    const { cells } = factDelta(fact, { ...fact, hubIds: '1,3' });
    expect(cells).toEqual([{ dim: 'H', key: '3', year: 2024, status: 'REQUESTED', delta: 1 }]);
  });
});
