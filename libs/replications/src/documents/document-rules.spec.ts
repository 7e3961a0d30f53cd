import { DOCUMENT_STATES, documentProblems } from './document-rules';
import { DocumentKind } from './replication-document.entity';

const fine = {
  kind: DocumentKind.AGREEMENT,
  title: 'PKS Banyuwangi–Surabaya',
  url: 'https://banyuwangikab.go.id/pks.pdf',
};

describe('document rules', () => {
  it('accepts a kind, a title of 3 to 200 characters and an http(s) link', () => {
    expect(documentProblems(fine)).toEqual([]);
    expect(documentProblems({ ...fine, url: 'http://jdih.go.id/x' })).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(
      documentProblems({
        kind: 'MEMO' as DocumentKind,
        title: 'x'.repeat(10_000),
        url: 'javascript:alert(1)',
      }),
    ).toEqual([
      { field: 'input.kind', message: 'is not a document kind' },
      { field: 'input.title', message: 'must be at most 200 characters long' },
      { field: 'input.url', message: 'must be an http or https link' },
    ]);
    expect(documentProblems({ ...fine, title: 'ab' })).toEqual([
      { field: 'input.title', message: 'must be at least 3 characters long' },
    ]);
  });

  it('are kept in every state but the two that closed the request', () => {
    expect(DOCUMENT_STATES).not.toContain('REJECTED');
    expect(DOCUMENT_STATES).not.toContain('WITHDRAWN');
    expect(DOCUMENT_STATES).toEqual(
      expect.arrayContaining(['REQUESTED', 'APPROVED', 'MODIFYING', 'IMPLEMENTED', 'SUSTAINED', 'STALLED']),
    );
  });
});
