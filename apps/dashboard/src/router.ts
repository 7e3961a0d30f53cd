/**
 * A router over `location.hash`: `#/` (national overview), `#/provinsi/35` (a province),
 * `#/inovasi/12` (an innovation); a province may carry `?kategori=<id>`, its category filter.
 * The hash keeps every page a static file the api can serve.
 */
export type Route =
  | { page: 'overview' }
  | { page: 'province'; provinceCode: string; categoryId: number | null }
  | { page: 'innovation'; innovationId: number }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const [rawPath = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath.replace(/\/+$/, '');
  if (path === '' || path === '/') return { page: 'overview' };
  const province = /^\/provinsi\/(\d{2})$/.exec(path);
  if (province) {
    const category = new URLSearchParams(query).get('kategori');
    const categoryId = category && /^[1-9]\d{0,9}$/.test(category) ? Number(category) : null;
    return { page: 'province', provinceCode: province[1]!, categoryId };
  }
  const innovation = /^\/inovasi\/([1-9]\d{0,9})$/.exec(path);
  if (innovation) return { page: 'innovation', innovationId: Number(innovation[1]) };
  return { page: 'not-found' };
}

export const routes = {
  overview: (): string => '#/',
  province: (code: string): string => `#/provinsi/${code}`,
  innovation: (id: number): string => `#/inovasi/${id}`,
};

export function navigate(hash: string): void {
  location.hash = hash;
}
