import type { Connection } from 'mysql2/promise';
import type { Dataset } from '../lib/database';
import { log } from '../lib/log';
import * as words from './words';

/** Bump when the generated rows change, so kept databases are made again. */
const GENERATOR_VERSION = 2;
const BATCH = 500;
/** Listed over the five years before this moment (fixed, so every build holds the same rows). */
const LATEST = Date.UTC(2026, 0, 1);
const FIVE_YEARS_MS = 5 * 365 * 24 * 3600 * 1000;
const FIRST_LAUNCH = 2014;
const LAST_LAUNCH = 2025;

/** mulberry32: a small seeded generator, so the data is the same on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface AgencyRow {
  id: number;
  type: string;
  region_code: string;
  province_code: string;
  name: string;
}

const AWARD_KINDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['KIPP', ['TOP_99', 'TOP_45', 'TOP_40', 'TOP_25', 'OUTSTANDING']],
  ['IGA', ['WINNER', 'FINALIST']],
  ['UNPSA', ['WINNER', 'FINALIST']],
];

const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * `count` published innovations of local governments (every province, regency and city
 * government), over every category and launch years 2014-2025, each with 0-3 awards. Explicit ids
 * 1..count; multi-row INSERTs in one transaction.
 */
export function catalogueDataset(count: number): Dataset {
  return {
    name: 'catalogue',
    fingerprint: `innovations=${count};generator=${GENERATOR_VERSION}`,
    generate: (connection) => generate(connection, count),
  };
}

async function generate(connection: Connection, count: number): Promise<Record<string, unknown>> {
  const started = Date.now();
  const random = randomSource(20_180_301 + count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  /** Mostly small, a few large: funnel counters look like a real catalogue's. */
  const skewed = (max: number): number => Math.floor(max * random() ** 4);

  const [agencyRows] = await connection.query(
    `SELECT id, type, region_code, province_code, name FROM agency
     WHERE type IN ('PEMPROV', 'PEMKAB', 'PEMKOT') AND active = 1 ORDER BY id`,
  );
  const agencies = agencyRows as AgencyRow[];
  const [categoryRows] = await connection.query('SELECT id FROM innovation_category ORDER BY id');
  const categories = (categoryRows as Array<{ id: number }>).map((c) => c.id);
  if (agencies.length === 0 || categories.length === 0) {
    throw new Error('the bench database has no agencies or categories: did the seed run?');
  }

  const columns = [
    'id',
    'slug',
    'title',
    'summary',
    'problem',
    'approach',
    'novelty',
    'impact',
    'category_id',
    'digital',
    'stage',
    'sdg_goals',
    'launch_year',
    'origin_agency_id',
    'region_code',
    'province_code',
    'origin_agency_type',
    'contact_unit',
    'contact_name',
    'contact_email',
    'contact_phone',
    'status',
    'published_at',
    'listed_at',
    'view_count',
    'watcher_count',
    'agreed_count',
    'replicated_count',
    'provinces_reached',
  ];
  let awards = 0;
  await connection.beginTransaction();
  try {
    for (let first = 1; first <= count; first += BATCH) {
      const innovations: unknown[][] = [];
      const awardRows: unknown[][] = [];
      for (let id = first; id < Math.min(first + BATCH, count + 1); id++) {
        const agency = pick(agencies);
        const [service, audience] = pick(words.SERVICES);
        const acronym = Array.from({ length: between(2, 4) }, () => pick(words.SYLLABLES)).join('');
        const qualifier = pick(words.QUALIFIERS);
        const title = `${acronym}: ${pick(words.PROGRAMS)} ${service} ${qualifier} ${pick(words.PLACES)}`;
        const launchYear = between(FIRST_LAUNCH, LAST_LAUNCH);
        const listedAt = new Date(LATEST - Math.floor(random() * FIVE_YEARS_MS));
        const agreed = skewed(12);
        const replicated = Math.min(agreed, skewed(10));
        const goals = [...new Set(Array.from({ length: between(0, 4) }, () => between(1, 17)))];
        const person = `${pick(words.FIRST_NAMES)} ${pick(words.LAST_NAMES)}`;
        const digital = qualifier === 'Digital' || qualifier === 'Daring' || random() < 0.4;
        innovations.push([
          id,
          `${slugOf(`${acronym} ${service} ${qualifier}`)}-${id}`,
          title,
          `${agency.name} membuat layanan ${service.toLowerCase()} ${qualifier.toLowerCase()} bagi ${audience} ${pick(words.PLACES)}: ${pick(words.APPROACHES)}.`,
          sentence(
            `${audience} ${pick(words.PROBLEMS)} untuk mendapatkan layanan ${service.toLowerCase()}; akibatnya banyak yang ${pick(words.PROBLEMS)}.`,
          ),
          sentence(`${pick(words.APPROACHES)}; selain itu ${pick(words.APPROACHES)}.`),
          `Pertama kali di ${agency.name}: layanan ${service.toLowerCase()} yang ${qualifier.toLowerCase()}.`,
          sentence(`${pick(words.IMPACTS)}, dan ${pick(words.IMPACTS)}.`),
          pick(categories),
          digital ? 1 : 0,
          pick(['INITIATIVE', 'TRIAL', 'IMPLEMENTED', 'IMPLEMENTED']),
          goals.join(','),
          launchYear,
          agency.id,
          agency.region_code,
          agency.province_code,
          agency.type,
          pick(words.UNITS),
          person,
          `${slugOf(person).replace('-', '.')}@pemda.go.id`,
          `08${between(11, 99)}${between(1_000_000, 9_999_999)}`,
          'PUBLISHED',
          listedAt,
          listedAt,
          skewed(5000),
          skewed(60),
          agreed,
          replicated,
          Math.min(38, replicated),
        ]);
        const held = new Set<string>();
        const awardCount = [0, 0, 0, 0, 0, 0, 1, 1, 2, 3][Math.floor(random() * 10)]!;
        for (let a = 0; a < awardCount; a++) {
          const [competition, levels] = pick(AWARD_KINDS);
          const year = Math.min(LAST_LAUNCH, launchYear + between(0, 3));
          const level = pick(levels);
          const key = `${competition}:${year}:${level}`;
          if (held.has(key)) continue;
          held.add(key);
          awardRows.push([id, competition, year, level]);
        }
      }
      await connection.query(`INSERT INTO innovation (${columns.join(', ')}) VALUES ?`, [innovations]);
      if (awardRows.length) {
        await connection.query(
          'INSERT INTO innovation_award (innovation_id, competition, year, level) VALUES ?',
          [awardRows],
        );
        awards += awardRows.length;
      }
      if ((first - 1) % 5000 === 0 && first > 1) log(`  ${first - 1} / ${count} innovations`);
    }
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  }
  const seconds = (Date.now() - started) / 1000;
  log(`generated ${count} innovations and ${awards} awards in ${seconds.toFixed(1)} s`);
  return { innovations: count, awards, agencies: agencies.length, categories: categories.length };
}
