import { graphql } from './graphql';
import { PROVINCES_QUERY, type Province } from './queries';

/** Province names by code, asked once and shared by the pages and the live feed. */
const names = new Map<string, string>();

export function rememberProvinces(provinces: Province[]): void {
  for (const province of provinces) names.set(province.code, province.name);
}

/** The province's name, or its code while the names are not loaded. */
export function provinceName(code: string): string {
  return names.get(code) ?? code;
}

export async function loadProvinces(signal?: AbortSignal): Promise<void> {
  if (names.size > 0) return;
  rememberProvinces((await graphql<{ provinces: Province[] }>(PROVINCES_QUERY, {}, signal)).provinces);
}
