import type { Pool } from 'mysql2/promise';
import type { NotificationsDatasetSummary } from './dataset';

/** Every innovation the benchmark makes has a slug with this prefix (and only those). */
const SLUG_PREFIX = 'bench-notifikasi-';

/** A draft to publish: one event of the benchmark. */
export interface Draft {
  id: number;
  version: number;
  title: string;
  slug: string;
  /** The link its notifications carry, which tells its pushes and receipts apart from the others'. */
  link: string;
}

/**
 * Empties what earlier runs left (their notifications, outbox rows, innovations and the audit rows of
 * their publications), so every run starts from the dataset as it was built.
 */
export async function resetRunState(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE TABLE notification');
  await pool.query('DELETE FROM outbox_event');
  await pool.query("DELETE FROM audit_log WHERE action = 'innovation.publish'");
  await pool.query('DELETE FROM innovation WHERE slug LIKE ?', [`${SLUG_PREFIX}%`]);
}

/** Each side starts with an empty notification table: every event inserts into a table of the same size. */
export async function emptyNotifications(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE TABLE notification');
}

/** `count` draft innovations of the origin agency, complete enough to publish, made by its admin. */
export async function makeDrafts(
  pool: Pool,
  dataset: NotificationsDatasetSummary,
  count: number,
): Promise<Draft[]> {
  const [agencies] = await pool.query('SELECT region_code, province_code, type FROM agency WHERE id = ?', [
    dataset.originAgencyId,
  ]);
  const agency = (agencies as Array<{ region_code: string; province_code: string; type: string }>)[0];
  const [categories] = await pool.query('SELECT MIN(id) AS id FROM innovation_category');
  const categoryId = (categories as Array<{ id: number | null }>)[0]?.id;
  if (!agency || !categoryId) throw new Error('the origin agency or the categories are missing');

  const drafts: Draft[] = Array.from({ length: count }, (_, i) => {
    const number = String(i + 1).padStart(4, '0');
    const slug = `${SLUG_PREFIX}${number}`;
    return {
      id: 0,
      version: 1,
      title: `Antrean Daring Puskesmas ${number}`,
      slug,
      link: `/innovations/${slug}`,
    };
  });
  const now = new Date();
  const rows = drafts.map((d) => [
    d.slug,
    d.title,
    'Warga mengambil nomor antrean puskesmas dari rumah dan datang tepat waktu.',
    'Antrean pagi di puskesmas membuat warga menunggu berjam-jam.',
    'Nomor antrean lewat aplikasi dan SMS, dengan perkiraan jam dilayani.',
    'Antrean daring pertama untuk semua puskesmas kabupaten.',
    'Waktu tunggu turun dari tiga jam menjadi tiga puluh menit.',
    categoryId,
    1,
    'IMPLEMENTED',
    '3,9',
    2024,
    dataset.originAgencyId,
    agency.region_code,
    agency.province_code,
    agency.type,
    'DRAFT',
    now,
    dataset.adminUserId,
  ]);
  await pool.query(
    `INSERT INTO innovation (slug, title, summary, problem, approach, novelty, impact, category_id, digital,
       stage, sdg_goals, launch_year, origin_agency_id, region_code, province_code, origin_agency_type, status,
       listed_at, created_by_user_id) VALUES ?`,
    [rows],
  );
  const [made] = await pool.query('SELECT id, slug FROM innovation WHERE slug LIKE ?', [`${SLUG_PREFIX}%`]);
  const ids = new Map((made as Array<{ id: number; slug: string }>).map((r) => [r.slug, r.id]));
  for (const draft of drafts) {
    const id = ids.get(draft.slug);
    if (id === undefined) throw new Error(`draft ${draft.slug} was not written`);
    draft.id = id;
  }
  return drafts;
}
