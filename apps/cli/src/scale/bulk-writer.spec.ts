import { BulkWriter, type SqlConnection, type SqlValue } from './bulk-writer';

interface Sent {
  sql: string;
  values: SqlValue[];
}

/** A connection that records statements and answers them in order, after a tick. */
function fakeConnection(fail?: RegExp): SqlConnection & { sent: Sent[]; unprepared: string[] } {
  const sent: Sent[] = [];
  const unprepared: string[] = [];
  const answer = (sql: string, callback: (error: Error | null) => void) =>
    setImmediate(() => callback(fail?.test(sql) ? new Error('boom') : null));
  return {
    sent,
    unprepared,
    query: (sql, callback) => answer(sql, callback),
    execute(sql, values, callback) {
      sent.push({ sql, values });
      answer(sql, callback);
    },
    unprepare: (sql) => unprepared.push(sql),
  };
}

describe('BulkWriter', () => {
  it('sends fixed-size prepared INSERTs, parents before the rows that point at them', async () => {
    const connection = fakeConnection();
    const writer = new BulkWriter(connection);
    writer.table('parent', ['id'], { parent: true, rowsPerStatement: 10 });
    writer.table('child', ['parent_id', 'note'], { rowsPerStatement: 8 });
    for (let id = 1; id <= 95; id++) {
      writer.add('parent', [id]);
      writer.add('child', [id, `catatan ${id}`]);
      if (id % 3 === 0) writer.add('child', [id, null]);
      if (id % 10 === 0) await writer.endChunk();
    }
    await writer.flush();
    expect(writer.written).toEqual(
      new Map([
        ['parent', 95],
        ['child', 95 + 31],
      ]),
    );
    let parentsSent = 0;
    const sizes = new Map<string, Set<number>>();
    for (const { sql, values } of connection.sent) {
      const table = /^INSERT INTO `(\w+)`/.exec(sql)![1]!;
      const width = table === 'parent' ? 1 : 2;
      const rows = (sql.match(/\(\?/g) ?? []).length;
      expect(values).toHaveLength(rows * width);
      sizes.set(table, (sizes.get(table) ?? new Set()).add(rows));
      if (table === 'parent') parentsSent = Math.max(parentsSent, ...values.map(Number));
      else for (let k = 0; k < values.length; k += 2) expect(values[k]).toBeLessThanOrEqual(parentsSent);
    }
    // whole statements, and one smaller one at the end
    expect([...sizes.get('parent')!].sort((a, b) => a - b)).toEqual([5, 10]);
    expect([...sizes.get('child')!].sort((a, b) => a - b)).toEqual([126 % 8, 8]);
    expect(connection.unprepared.sort()).toEqual([...new Set(connection.sent.map((s) => s.sql))].sort());
  });

  it('refuses a row of the wrong width, and throws the first failure at the next send', async () => {
    const writer = new BulkWriter(fakeConnection(/child/));
    writer.table('parent', ['id'], { parent: true });
    writer.table('child', ['parent_id']);
    expect(() => writer.add('parent', [1, 2])).toThrow(/1 columns, the row 2 values/);
    writer.add('parent', [1]);
    writer.add('child', [1]);
    await expect(writer.flush()).rejects.toThrow('boom');
    expect(writer.written.get('parent')).toBe(1);
    expect(writer.written.get('child')).toBe(0);
  });
});
