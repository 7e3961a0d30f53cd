import { h } from './dom';
import { currentLang } from './i18n';

const formats = new Map<string, Intl.NumberFormat>();

/** A count in the reader's language: 12.345 in Bahasa Indonesia, 12,345 in English. */
export function formatCount(value: number): string {
  const locale = currentLang() === 'en' ? 'en-GB' : 'id-ID';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    formats.set(locale, format);
  }
  return format.format(value);
}

/**
 * A number on screen. Every one carries a `data-testid` and its raw `data-value`, so the browser
 * test can hold each against the GraphQL answer it came from.
 */
export function countElement(testId: string, value: number, className = 'num'): HTMLElement {
  return h('span', { class: className, 'data-testid': testId, 'data-value': value }, formatCount(value));
}

/** A date and time of an ISO string, short, in Western Indonesia time as the platform reports. */
export function formatTime(iso: string): string {
  const locale = currentLang() === 'en' ? 'en-GB' : 'id-ID';
  return new Date(iso).toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Asia/Jakarta',
  });
}
