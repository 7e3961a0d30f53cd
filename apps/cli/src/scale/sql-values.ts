import { escape } from 'mysql2';
import { DAY_MS, dayText } from './scale-time';

/** An SQL string literal (mysql2's escaping), or NULL: for the few statements written as text. */
export function sqlText(text: string | null): string {
  return text === null ? 'NULL' : escape(text);
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * A DATETIME(3) value in UTC (the platform's connections use time zone Z), `YYYY-MM-DD HH:MM:SS.mmm`,
 * or null. Written by hand for speed: millions of them are sent.
 */
export function dateTimeValue(ms: number | null): string | null {
  if (ms === null || Number.isNaN(ms)) return null;
  const whole = Math.round(ms);
  const day = Math.floor(whole / DAY_MS);
  let rest = whole - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${dayText(day)} ${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[millis]}`;
}
