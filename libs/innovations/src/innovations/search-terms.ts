/**
 * Turns what a user typed into search terms. InnoDB's full-text index skips words under three
 * characters, and boolean-mode operators in user text would change the query's meaning, so both are
 * removed here; at most eight terms count.
 */
export const MAX_SEARCH_TERMS = 8;
export const MIN_FULLTEXT_TERM = 3;

export function searchTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= MIN_FULLTEXT_TERM);
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}

/** `antrean* akta*`: any term, as a word prefix (perizinan is found by "perizin"). */
export function booleanModeQuery(terms: string[]): string {
  return terms.map((term) => `${term}*`).join(' ');
}
