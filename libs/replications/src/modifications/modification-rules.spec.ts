import { ReplicationStatus } from '../state/replication-state';
import { ModificationAspect } from './modification-aspect';
import { MODIFICATION_STATES, modificationProblems, modificationRemovalProblem } from './modification-rules';

const fine = {
  aspect: ModificationAspect.TECHNOLOGY,
  whatChanged: 'Formulir kertas diganti aplikasi WhatsApp.',
  why: 'Sinyal internet di desa kami lemah.',
};

describe('modification rules', () => {
  it('accepts an aspect with what changed and why, each 5 to 4000 characters', () => {
    expect(modificationProblems(fine)).toEqual([]);
    expect(modificationProblems({ ...fine, whatChanged: 'x'.repeat(4000) })).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(
      modificationProblems({
        aspect: 'COLOUR' as ModificationAspect,
        whatChanged: ' abc ',
        why: 'x'.repeat(10_000),
      }),
    ).toEqual([
      { field: 'input.aspect', message: 'is not a modification aspect' },
      { field: 'input.whatChanged', message: 'must be at least 5 characters long' },
      { field: 'input.why', message: 'must be at most 4000 characters long' },
    ]);
  });

  it('is recorded while the adopter works on it, not before approval, after implementation or when closed', () => {
    expect(MODIFICATION_STATES).toEqual(['APPROVED', 'OBSERVING', 'IMITATING', 'MODIFYING']);
  });

  it('keeps the last modification of a MODIFYING replication that has no no-modification note', () => {
    const at = (status: ReplicationStatus, remaining: number, noModificationNote: string | null = null) =>
      modificationRemovalProblem({ status, remaining, noModificationNote });
    expect(at(ReplicationStatus.MODIFYING, 0)).toMatch(/last modification/);
    expect(at(ReplicationStatus.MODIFYING, 0, '   ')).toMatch(/last modification/);
    expect(at(ReplicationStatus.MODIFYING, 1)).toBeNull();
    expect(at(ReplicationStatus.MODIFYING, 0, 'Sama persis dengan aslinya.')).toBeNull();
    expect(at(ReplicationStatus.IMITATING, 0)).toBeNull();
    expect(at(ReplicationStatus.APPROVED, 0)).toBeNull();
  });
});
