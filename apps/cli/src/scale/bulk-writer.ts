/** A value of a row: what mysql2 sends through the binary protocol. */
export type SqlValue = string | number | null;

/** What the writer needs of a connection: mysql2's callback API (a pool connection TypeORM lends). */
export interface SqlConnection {
  query(sql: string, callback: (error: Error | null, result?: unknown) => void): void;
  execute(sql: string, values: SqlValue[], callback: (error: Error | null, result?: unknown) => void): void;
  unprepare?(sql: string): void;
}

/** Runs one statement and resolves with its result. */
export function runSql<T = unknown>(connection: SqlConnection, sql: string): Promise<T> {
  return new Promise((resolve, reject) =>
    connection.query(sql, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

/** Statements sent but not finished: the database works on them while the next rows are built. */
const IN_FLIGHT = 3;
/** MySQL's limit of placeholders in one prepared statement. */
const MAX_PLACEHOLDERS = 65_535;

interface TableBuffer {
  name: string;
  columns: readonly string[];
  rowsPerStatement: number;
  /** A parent: its rows all go out at each `endChunk`, so that rows pointing at them find them. */
  parent: boolean;
  values: SqlValue[];
  rows: number;
}

/**
 * Multi-row INSERTs over one connection, as prepared statements of a fixed number of rows: the values
 * travel in the binary protocol (the server parses no literals: a third less of its time on event
 * rows measured alone, a few percent of the whole seed), and each table needs one or two statements
 * prepared. Rows are added between `endChunk`
 * calls; at each one, every table sends the full statements it has, parents (declared first) also
 * their remainder: so a row's foreign keys always point at rows already sent. Statements are not
 * awaited one by one: mysql2 runs a connection's statements in order, and while the server inserts,
 * the next rows are built. The first failure is thrown by the next `endChunk` or `flush`.
 */
export class BulkWriter {
  private readonly tables = new Map<string, TableBuffer>();
  private readonly inFlight = new Set<Promise<void>>();
  /** The statement of each table and row count, built once. */
  private readonly prepared = new Map<string, string>();
  private failure: unknown = null;
  /** Rows written so far, per table. */
  readonly written = new Map<string, number>();

  constructor(
    private readonly connection: SqlConnection,
    private readonly onWritten: (table: string, rows: number) => void = () => undefined,
  ) {}

  /**
   * Declares a table (parents before the tables that point at them); rows list the values in the
   * order of `columns`. A parent's chunks should hold whole statements (`rowsPerStatement` rows).
   */
  table(
    name: string,
    columns: readonly string[],
    options: { parent?: boolean; rowsPerStatement?: number } = {},
  ): void {
    const most = Math.floor(MAX_PLACEHOLDERS / columns.length);
    this.tables.set(name, {
      name,
      columns,
      rowsPerStatement: Math.min(options.rowsPerStatement ?? 2000, most),
      parent: options.parent ?? false,
      values: [],
      rows: 0,
    });
    this.written.set(name, 0);
  }

  add(table: string, row: readonly SqlValue[]): void {
    const buffer = this.tables.get(table);
    if (!buffer) throw new Error(`bulk writer: unknown table ${table}`);
    if (row.length !== buffer.columns.length) {
      throw new Error(
        `bulk writer: ${table} has ${buffer.columns.length} columns, the row ${row.length} values`,
      );
    }
    for (const value of row) buffer.values.push(value);
    buffer.rows++;
  }

  /** Sends what a chunk of parent rows made; waits while too many statements are in flight. */
  async endChunk(): Promise<void> {
    for (const table of this.tables.values()) this.send(table, table.parent);
    while (this.inFlight.size >= IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  /** Sends every row left and waits for all statements; forgets the prepared statements. */
  async flush(): Promise<void> {
    for (const table of this.tables.values()) this.send(table, true);
    while (this.inFlight.size) await Promise.race(this.inFlight);
    for (const sql of this.prepared.values()) this.connection.unprepare?.(sql);
    this.prepared.clear();
    this.throwIfFailed();
  }

  private send(table: TableBuffer, all: boolean): void {
    const width = table.columns.length;
    while (table.rows >= table.rowsPerStatement || (all && table.rows > 0)) {
      const rows = Math.min(table.rows, table.rowsPerStatement);
      const values = table.values.splice(0, rows * width);
      table.rows -= rows;
      this.execute(table.name, this.statement(table, rows), values, rows);
    }
  }

  private statement(table: TableBuffer, rows: number): string {
    const key = `${table.name}:${rows}`;
    let sql = this.prepared.get(key);
    if (sql === undefined) {
      const tuple = `(${new Array<string>(table.columns.length).fill('?').join(',')})`;
      sql =
        `INSERT INTO \`${table.name}\` (${table.columns.map((c) => `\`${c}\``).join(', ')}) VALUES ` +
        new Array<string>(rows).fill(tuple).join(',');
      this.prepared.set(key, sql);
    }
    return sql;
  }

  private execute(table: string, sql: string, values: SqlValue[], rows: number): void {
    const done = new Promise<void>((resolve) =>
      this.connection.execute(sql, values, (error) => {
        if (error) this.failure ??= error;
        else {
          this.written.set(table, this.written.get(table)! + rows);
          this.onWritten(table, rows);
        }
        resolve();
      }),
    );
    const tracked = done.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
