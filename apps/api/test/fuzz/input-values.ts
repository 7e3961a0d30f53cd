import fc from 'fast-check';
import { looksLikeInternals } from './answer-checker';

/** An enum value: a bare name in a GraphQL literal, a string in variables. */
export class EnumValue {
  constructor(readonly name: string) {}
}

/** A value only GraphQL text can say (a 40-digit integer, `1e400`); `json` is what variables send. */
export class RawLiteral {
  constructor(
    readonly graphql: string,
    readonly json: unknown,
  ) {}
}

export type InputValue =
  null | boolean | number | string | EnumValue | RawLiteral | InputValue[] | { [field: string]: InputValue };

/** The ids the fixtures and the seed give out: most id arguments should name something that exists. */
const likelyIds = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 13, max: 600 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);

/** Ints a schema says are Int, without regard to meaning: pages, years, ids, edges of 32 bits. */
export const validInt: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: likelyIds },
  { weight: 2, arbitrary: fc.integer({ min: 1990, max: 2035 }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 120 }) },
  { weight: 1, arbitrary: fc.constantFrom(2147483647, -2147483648, 1, -1) },
  { weight: 1, arbitrary: fc.integer() },
);

/** Values an Int argument refuses: past 32 bits, fractions, strings, exponents. */
export const outOfRangeInt: fc.Arbitrary<InputValue> = fc.oneof(
  fc.constantFrom(2147483648, -2147483649, 2 ** 53, -(2 ** 53), 4294967296, 1.5, -0.5),
  fc.constant(new RawLiteral('99999999999999999999999999999999999999', 1e38)),
  fc.constant(new RawLiteral('1e400', '1e400')),
  fc.constant(new RawLiteral('-0', -0)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
);

const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD83D', '\uDE00b'];

/** Strings that break naive code: control characters, RTL, emoji, lone surrogates, markup, escapes. */
const nastyPieces = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\r\n',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום',
  '🙂',
  '👩🏽‍🚀👨‍👩‍👧‍👦',
  '🇮🇩',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\uFEFF',
  '\u200B\u200D',
  '\uFFFF',
  '\u{10FFFF}',
  '%s%d%n',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[link](javascript:alert(1))',
  "'; --",
  "' OR '1'='1",
  '\\',
  '"',
  '\\u0000',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0x10',
  '1e9999',
  '__proto__',
  'constructor',
  '@[Siapa](user:999999)',
  ...LONE_SURROGATES,
);

/** Any text, from plain ASCII to full Unicode and nasty pieces glued together. */
export const anyText: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 3, arbitrary: nastyPieces },
    { weight: 2, arbitrary: fc.array(nastyPieces, { minLength: 2, maxLength: 5 }).map((p) => p.join('')) },
  )
  .filter((text) => !looksLikeInternals(text));

/** A long string, up to a little past the 1 MB body limit, built by repeating a short piece. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom('a', 'é', '🙂', 'x\u0000', '\uD800', 'ab '),
      fc.string({ minLength: 1, maxLength: 4 }),
    ),
    fc.oneof(
      fc.integer({ min: 1_000, max: 70_000 }),
      fc.integer({ min: 70_000, max: 1_100_000 }),
      fc.constantFrom(255, 256, 2_000, 2_001, 65_535, 65_536, 16_777_216 / 16),
    ),
  )
  .map(([piece, length]) => piece.repeat(Math.max(1, Math.ceil(length / piece.length))).slice(0, length))
  .filter((text) => !looksLikeInternals(text.slice(0, 64)));

const REGION_CODES = ['35', '35.10', '73', '73.71', '16', '11', '31.71', '99', '35.99', '3510', '', ' 35'];
const DATES = [
  '2024-01-15',
  '2025-12-31',
  '2019-02-28',
  '2024-02-29',
  '2023-02-29',
  '1900-01-01',
  '9999-12-31',
];
const DATE_TIMES = [
  '2026-01-01T00:00:00Z',
  '2025-06-30T12:34:56.789Z',
  '2030-12-31T23:59:59+07:00',
  '1970-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-00-00T00:00:00Z',
  '2026-01-01',
  'kemarin',
];
const URLS = [
  'https://example.go.id/dokumen.pdf',
  'http://localhost/x',
  'javascript:alert(1)',
  'ftp://example.org/a',
  'https://',
  `https://example.org/${'a'.repeat(600)}`,
  'data:text/html,<b>x</b>',
];
const EMAILS = ['admin@uji.go.id', 'bukan-email', 'a@b', '"x"@example.org', 'ÜSER@contoh.id', ''];
const SLUGS = [
  'jipp-jawa-timur',
  'jipp-sulawesi-selatan',
  'Bukan Slug!',
  '-',
  'a'.repeat(200),
  'inovasi-uji',
];

/** Strings that suit an argument of this name (codes, dates, links), else any text. */
export function textFor(name: string): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  const pool = /code/.test(lower)
    ? REGION_CODES
    : /date|^from$|^to$/.test(lower)
      ? DATES
      : /url/.test(lower)
        ? URLS
        : /email/.test(lower)
          ? EMAILS
          : /slug/.test(lower)
            ? SLUGS
            : /after|cursor/.test(lower)
              ? ['MTA=', 'eyJpZCI6MX0=', 'bm90LWpzb24', '!!!', 'eyJpZCI6Ii0xIn0=', 'e30=']
              : /token/.test(lower)
                ? ['x', 'eyJhbGciOiJub25lIn0.eyJzdWIiOjF9.', 'a'.repeat(64)]
                : undefined;
  return pool ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, anyText) : anyText;
}

export const dateTimeText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...DATE_TIMES),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/**
 * A list of lists, or an object of objects, deeper than any input type nests; a raw literal, so that
 * writing it out takes no recursion.
 */
export const deeplyNested: fc.Arbitrary<InputValue> = fc
  .tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean())
  .map(([depth, asList]) => {
    let json: unknown = 1;
    for (let level = 0; level < depth; level++) json = asList ? [json] : { a: json };
    const text = asList
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    return new RawLiteral(text, json);
  });
