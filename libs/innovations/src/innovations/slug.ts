import slugify from 'slugify';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG = 150;

/** `Layanan Akta Lahir — di Puskesmas` -> `layanan-akta-lahir-di-puskesmas`. */
export function slugOf(title: string): string {
  const slug = slugify(title, { lower: true, strict: true, locale: 'id' })
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug || 'inovasi';
}

/** The n-th alternative when a generated slug is taken: `x`, `x-2`, `x-3`, ... */
export function slugCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base}-${n}`;
}
