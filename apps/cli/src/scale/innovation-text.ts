import {
  APPROACHES,
  CATEGORY_WORDS,
  type CategoryWords,
  type IndicatorWords,
  INTRO_VERBS,
  NAME_HEADS,
  NAME_SYLLABLES,
  NOVELTIES,
  QUALIFIERS,
  WORKINGS,
} from './scale-vocabulary';
import type { Random } from './seeded-random';

export interface InnovationText {
  title: string;
  summary: string;
  problem: string;
  approach: string;
  novelty: string;
  impact: string;
  contactUnit: string;
}

/** `Pemerintah Kota Surabaya` -> `Kota Surabaya`: how the texts name the place. */
export function placeOf(agencyName: string): string {
  return agencyName.replace(/^Pemerintah\s+/, '');
}

/** 12500 -> `12.500`, 3.5 -> `3,5`: numbers as Indonesian texts write them. */
export function indonesianNumber(value: number): string {
  const whole = Math.trunc(value);
  const fraction = Math.round((Math.abs(value) - Math.abs(whole)) * 10);
  const grouped = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** An acronym-like name such as local innovations carry: `SIPANDU`, `E-AKTA`, `GERMASBER`. */
function nameOf(random: Random): string {
  const head = random.pick(NAME_HEADS);
  let name = head + random.pick(NAME_SYLLABLES);
  if (random.chance(0.6)) name += random.pick(NAME_SYLLABLES);
  return name;
}

const lower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** Where an indicator goes after an adoption that goes all the way: a share of the road to the ideal. */
export function improved(spec: IndicatorWords, baseline: number, gain: number): number {
  if (spec.better === 'lower') return baseline * (1 - Math.min(gain, 0.95));
  if (spec.unit === 'PERCENT') return baseline + (100 - baseline) * Math.min(gain, 0.95);
  return baseline * (1 + gain);
}

/** Rounds a figure as people report it in its unit. */
export function roundFigure(spec: IndicatorWords, value: number): number {
  if (spec.unit === 'RUPIAH') return Math.round(value / 1000) * 1000;
  if (spec.unit === 'PERCENT' || spec.unit === 'HOURS' || spec.unit === 'SCORE') {
    return Math.min(spec.unit === 'PERCENT' ? 100 : Infinity, Math.round(value * 10) / 10);
  }
  return Math.max(spec.better === 'lower' ? 1 : 0, Math.round(value));
}

/**
 * The title and the texts of one innovation, in Bahasa Indonesia, from word lists and its category:
 * a name, what it does and for whom, the problem with local figures, how it works, what is new, and
 * what it changed (with one of its category's indicators).
 */
export function innovationText(
  categoryCode: string,
  agencyName: string,
  launchYear: number,
  random: Random,
): InnovationText {
  const words: CategoryWords = CATEGORY_WORDS[categoryCode] ?? CATEGORY_WORDS['TATA_KELOLA']!;
  const place = placeOf(agencyName);
  const name = nameOf(random);
  const approach = random.pick(APPROACHES);
  const subject = random.pick(words.subjects);
  const qualifier = random.chance(0.6) ? random.pick(QUALIFIERS) : null;
  const title = `${name}: ${approach} ${subject}${qualifier ? ` ${qualifier}` : ''}`;
  const unit = `${words.unit} ${place}`;

  const highlight = random.pick(NOVELTIES);
  const summary =
    `${agencyName} ${random.pick(INTRO_VERBS)} ${name}, ${lower(approach)} ${lower(subject)}` +
    `${qualifier ? ` ${lower(qualifier)}` : ''}. ${highlight}`;
  const days = random.int(3, 30);
  const visits = random.int(2, 5);
  const problem = `${random.pick(words.problems)} ${random.pick([
    `Di ${place}, warga rata-rata menunggu ${days} hari dan harus datang ${visits} kali ke kantor layanan.`,
    `Sebelum inovasi ini, hanya ${random.int(20, 60)}% warga sasaran di ${place} terlayani setiap tahun.`,
    `Keluhan tentang layanan ini termasuk yang paling sering masuk ke kanal aduan ${place}.`,
  ])}`;
  const working = random.pick(WORKINGS).replace('{unit}', unit);
  const second = random.pick(WORKINGS.filter((w) => w !== working)).replace('{unit}', 'Petugas');
  const approachText = `${working} ${second}`;

  const indicator = random.pick(words.indicators);
  const before = roundFigure(indicator, random.between(indicator.base[0], indicator.base[1]));
  const after = roundFigure(
    indicator,
    improved(indicator, before, random.between(indicator.gain[0], indicator.gain[1])),
  );
  const impact =
    `Sejak diluncurkan pada ${launchYear}, ${lower(indicator.indicator)} berubah dari ` +
    `${indonesianNumber(before)} menjadi ${indonesianNumber(after)}; sekitar ` +
    `${indonesianNumber(random.int(5, 400) * 100)} warga terlayani setiap tahun.`;

  return {
    title,
    summary,
    problem,
    approach: approachText,
    novelty: random.pick(NOVELTIES.filter((n) => n !== highlight)),
    impact,
    contactUnit: unit.slice(0, 200),
  };
}

/** The SDG goals it serves: its category's first goal, often another of them, sometimes 17 (partnerships). */
export function sdgGoalsOf(categoryCode: string, random: Random): number[] {
  const goals = (CATEGORY_WORDS[categoryCode] ?? CATEGORY_WORDS['TATA_KELOLA']!).sdgGoals;
  const chosen = new Set([goals[0]!]);
  if (goals.length > 1 && random.chance(0.5)) chosen.add(random.pick(goals));
  if (random.chance(0.15)) chosen.add(17);
  return [...chosen].sort((a, b) => a - b);
}
