/**
 * Preloaded (`node -r dist/bench/lib/sql-spy.js`) into a server started only for the checks: appends
 * every statement the process sends through mysql2 (text and parameters) as a JSON line to the
 * file `BENCH_SQL_LOG` names. The measured servers never load it.
 */
import { appendFileSync } from 'node:fs';
import mysql from 'mysql2';

export interface LoggedStatement {
  sql: string;
  values: unknown;
}

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;

function install(file: string): void {
  // `query` lives on mysql2's base connection class, which every pool connection extends
  let owner: object | null = mysql.Connection.prototype;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'query')) owner = Object.getPrototypeOf(owner);
  if (!owner) throw new Error('sql-spy: mysql2 connections have no query method');
  const target = owner as { query: QueryFn };
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]): unknown {
    // (sql, values, callback), or a command object carrying both (what pools pass on)
    const [first, second] = args;
    const command =
      typeof first === 'object' && first !== null ? (first as { sql?: string; values?: unknown }) : null;
    const entry: LoggedStatement = {
      sql: command ? (command.sql ?? '') : String(first),
      values: command?.values ?? (typeof second === 'function' ? undefined : second),
    };
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
    return original.apply(this, args);
  };
}

const file = process.env['BENCH_SQL_LOG'];
if (file) install(file);
