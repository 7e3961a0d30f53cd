/**
 * What no answer of the api may ever show, whatever it was sent: a server error, an INTERNAL error
 * code, or a glimpse of the machinery behind it (a stack trace, SQL, a file path).
 */

/** A stack frame as V8 prints it: `at fn (/path/file.js:12:34)` or `at /path/file.js:12:34`. */
const STACK_FRAME = /\bat (?:[\w$.<>[\] ]+ )?\(?(?:[a-z]+:)?[^\s():]*[/\\][^\s():]*:\d+:\d+\)?/;

/** Pieces of SQL or of the MySQL driver's errors. */
const SQL_TEXT = [
  /\bSELECT\s+(?:[\w`*]+\s*,|\*|`|DISTINCT\b)/,
  /\bINSERT\s+(?:IGNORE\s+)?INTO\b/,
  /\bUPDATE\s+`/,
  /\bDELETE\s+FROM\b/,
  /\bER_[A-Z][A-Z_]{2,}\b/,
  /\bsql(?:Message|State)\b/,
  /\bQueryFailedError\b/,
  /`\w+`\.`\w+`/,
  /\byour SQL syntax\b/i,
  /\bIncorrect (?:string|integer|datetime|decimal) value\b/,
];

/** Paths of the source tree, the build or the dependencies. */
const FILE_PATHS = [
  /\/work\//,
  /\bdist\//,
  /\.[cm]?[jt]s:\d+/,
  /\bnode_modules\b/,
  /\/(?:home|root|usr|tmp)\//,
];

/** Names of what a body shows that it must not: empty when it shows none. */
export function internalsIn(text: string): string[] {
  const found: string[] = [];
  if (STACK_FRAME.test(text)) found.push('a stack trace');
  if (/"stacktrace"|"exception"\s*:\s*\{/.test(text)) found.push('a stacktrace extension');
  if (SQL_TEXT.some((pattern) => pattern.test(text))) found.push('SQL or a driver error');
  if (FILE_PATHS.some((pattern) => pattern.test(text))) found.push('a file path');
  return found;
}

/** Whether a piece of generated input could be mistaken for a leak if the api echoes it back. */
export function looksLikeInternals(text: string): boolean {
  return internalsIn(text).length > 0;
}

export interface Answer {
  /** The HTTP status; null when the connection closed without an answer. */
  status: number | null;
  body: string;
}

export interface AnswerCheckOptions {
  /** The request was cut short on purpose: closing the connection without an answer is fine. */
  mayGoUnanswered?: boolean;
}

/** Every rule the answer breaks, in words; empty when it is a clean answer. */
export function answerProblems(answer: Answer, options: AnswerCheckOptions = {}): string[] {
  const problems: string[] = [];
  if (answer.status === null) {
    if (!options.mayGoUnanswered) problems.push('no answer: the connection closed or timed out');
    return problems;
  }
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  for (const code of new Set(errorCodesIn(answer.body))) {
    // ours, and Apollo's own for an error nobody mapped
    if (code === 'INTERNAL' || code === 'INTERNAL_SERVER_ERROR') problems.push(`an ${code} error code`);
  }
  for (const leak of internalsIn(answer.body)) problems.push(`the body shows ${leak}`);
  return problems;
}

/** The `extensions.code` of every GraphQL error in a JSON body (or batch of bodies). */
export function errorCodesIn(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // not JSON: a plain-text answer of Fastify or of a static file carries no GraphQL error
    return /"code"\s*:\s*"INTERNAL"/.test(body) ? ['INTERNAL'] : [];
  }
  const results = Array.isArray(parsed) ? parsed : [parsed];
  const codes: string[] = [];
  for (const result of results) {
    const errors = (result as { errors?: unknown } | null)?.errors;
    if (!Array.isArray(errors)) continue;
    for (const error of errors) {
      const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
      if (typeof code === 'string') codes.push(code);
    }
  }
  return codes;
}
