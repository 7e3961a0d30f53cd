import { readFileSync, writeFileSync } from 'node:fs';
import type { LoggedStatement } from './sql-spy';

/** POSTs a JSON body and returns the parsed answer; anything but 200 is an error. */
export async function postJson(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** Where two JSON values first differ (`data.x.edges[3].node.title: "a" vs "b"`), or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (Object.is(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      );
      if (found) return found;
    }
    return null;
  }
  return `${path || '(root)'}: ${show(a)} vs ${show(b)}`;
}

/** The statements a spied server logged since the file was last emptied; empties it. */
export function takeStatements(file: string): LoggedStatement[] {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedStatement);
}

/** A request's statements in an order of their own: some run at once, so the order they were sent in says nothing. */
const canonicalOrder = (statements: LoggedStatement[]): LoggedStatement[] =>
  statements
    .map((s) => ({ s, key: `${s.sql}\u0000${JSON.stringify(s.values ?? [])}` }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map(({ s }) => s);

/**
 * Where two requests' statements first differ (text or parameters), or null when they send the same
 * ones. The order is not compared: a request may send independent statements at once.
 */
export function statementDifference(sentA: LoggedStatement[], sentB: LoggedStatement[]): string | null {
  const [a, b] = [canonicalOrder(sentA), canonicalOrder(sentB)];
  if (a.length !== b.length) {
    return `${a.length} statements vs ${b.length}:\n${a.map((s) => `  ${s.sql.slice(0, 120)}`).join('\n')}\nvs\n${b.map((s) => `  ${s.sql.slice(0, 120)}`).join('\n')}`;
  }
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x.sql !== y.sql) {
      let at = 0;
      while (x.sql[at] === y.sql[at]) at++;
      const from = Math.max(0, at - 80);
      return `statement ${i + 1} differs at character ${at}:\n  …${x.sql.slice(from, at + 80)}\nvs\n  …${y.sql.slice(from, at + 80)}`;
    }
    const values = firstDifference(x.values ?? [], y.values ?? [], 'parameters');
    if (values) return `statement ${i + 1}: ${values}`;
  }
  return null;
}
