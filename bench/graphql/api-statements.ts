/**
 * The SQL the api sends for the benchmark's three requests, byte for byte (text, placeholders,
 * parameter order), as the raw baseline sends it. The benchmark's first step (the SQL spy on both
 * servers) fails with the first differing character when the api's read path changes: then this
 * file follows it (and `raw-server.ts`, which runs these statements and builds the answers, when
 * the rows they return change shape). Each request's statements are listed in the order the api
 * sends them.
 */

/** `alias`.`column` AS `alias_column`, as TypeORM selects an entity's columns. */
const select = (alias: string, columns: readonly string[]): string =>
  columns.map((c) => `\`${alias}\`.\`${c}\` AS \`${alias}_${c}\``).join(', ');

const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

// ------------------------------------------------------------------ entity columns, in entity order

/** A card's columns: the api loads the long texts and the contact only when a document asks for them. */
const INNOVATION = [
  'id',
  'slug',
  'registration_number',
  'title',
  'summary',
  'category_id',
  'digital',
  'stage',
  'sdg_goals',
  'launch_year',
  'origin_agency_id',
  'region_code',
  'province_code',
  'origin_agency_type',
  'status',
  'published_at',
  'archived_at',
  'listed_at',
  'view_count',
  'watcher_count',
  'agreed_count',
  'replicated_count',
  'provinces_reached',
  'created_by_user_id',
  'version',
  'created_at',
  'updated_at',
] as const;
const CATEGORY = ['id', 'competition_year', 'code', 'name', 'name_en'] as const;
const AGENCY = [
  'id',
  'name',
  'short_name',
  'type',
  'region_code',
  'province_code',
  'parent_id',
  'active',
  'version',
  'created_at',
  'updated_at',
] as const;
const AWARD = ['id', 'innovation_id', 'competition', 'year', 'level', 'title', 'created_at'] as const;
const THREAD = [
  'id',
  'subject',
  'hub_id',
  'innovation_id',
  'replication_id',
  'title',
  'author_user_id',
  'pinned',
  'locked',
  'slow_mode_seconds',
  'post_count',
  'last_post_at',
  'last_activity_at',
  'version',
  'created_at',
  'updated_at',
] as const;
const POST = [
  'id',
  'thread_id',
  'author_user_id',
  'body',
  'body_html',
  'reply_to_post_id',
  'edited_at',
  'deleted_at',
  'hidden_at',
  'hidden_reason',
  'hidden_by_user_id',
  'flag_count',
  'created_at',
  'updated_at',
  'reply_to_id',
] as const;
const USER = [
  'id',
  'agency_id',
  'email',
  'name',
  'password_hash',
  'role',
  'status',
  'locale',
  'last_login_at',
  'created_at',
  'updated_at',
] as const;

export interface Statement {
  sql: string;
  values: unknown[];
}

// ------------------------------------------------------------------ innovations

/** An innovation with its category and origin agency (the api's `withRelations`). */
const INNOVATION_WITH_RELATIONS = `SELECT ${select('innovation', INNOVATION)}, ${select('category', CATEGORY)}, ${select('originAgency', AGENCY)} FROM \`innovation\` \`innovation\` INNER JOIN \`innovation_category\` \`category\` ON \`category\`.\`id\`=\`innovation\`.\`category_id\`  INNER JOIN \`agency\` \`originAgency\` ON \`originAgency\`.\`id\`=\`innovation\`.\`origin_agency_id\``;

export const PUBLISHED = 'PUBLISHED';

/** The newest published innovations, one more than the page to know whether another follows. */
export function innovationsPage(first: number): Statement {
  return {
    sql: `${INNOVATION_WITH_RELATIONS} WHERE \`innovation\`.\`status\` IN (?) AND \`innovation\`.\`status\` = ? ORDER BY \`innovation_listed_at\` DESC, \`innovation_id\` DESC LIMIT ${first + 1}`,
    values: [PUBLISHED, PUBLISHED],
  };
}

/** One innovation by slug, whatever its status (the api checks who may read it afterwards). */
export function innovationBySlug(slug: string): Statement {
  return { sql: `${INNOVATION_WITH_RELATIONS} WHERE \`innovation\`.\`slug\` = ?`, values: [slug] };
}

/** The awards of these innovations (the api's awards loader), newest first. */
export function awardsOf(innovationIds: readonly number[]): Statement {
  return {
    sql: `SELECT ${select('award', AWARD)} FROM \`innovation_award\` \`award\` WHERE \`award\`.\`innovation_id\` IN (${placeholders(innovationIds.length)}) ORDER BY \`award\`.\`year\` DESC, \`award\`.\`id\` ASC`,
    values: [...innovationIds],
  };
}

// ------------------------------------------------------------------ a thread's posts

/**
 * The thread, and for a reader who is not a national admin whether their agency belongs to its hub
 * and whether they coordinate the hub (the api's `ForumAccess.readable`, one statement).
 */
export function readableThread(
  threadId: number,
  reader: { id: number; agencyId: number; role: string },
): Statement {
  if (reader.role === 'ADMIN') {
    return {
      sql: `SELECT ${select('thread', THREAD)} FROM \`thread\` \`thread\` WHERE \`thread\`.\`id\` = ?`,
      values: [threadId],
    };
  }
  return {
    sql: `SELECT ${select('thread', THREAD)}, EXISTS(SELECT 1 FROM network_member m WHERE m.network_id = \`thread\`.\`hub_id\` AND m.agency_id = ?) AS \`hub_member\`, EXISTS(SELECT 1 FROM network_coordinator c WHERE c.network_id = \`thread\`.\`hub_id\` AND c.user_id = ?) AS \`hub_coordinator\` FROM \`thread\` \`thread\` WHERE \`thread\`.\`id\` = ?`,
    values: [reader.agencyId, reader.id, threadId],
  };
}

/** The thread's first posts, oldest first, one more than the page, each with its author and the author's agency. */
export function postsPage(threadId: number, first: number): Statement {
  return {
    sql: `SELECT ${select('post', POST)}, ${select('author', USER)}, ${select('authorAgency', AGENCY)} FROM \`post\` \`post\` LEFT JOIN \`user\` \`author\` ON \`author\`.\`id\` = \`post\`.\`author_user_id\` LEFT JOIN \`agency\` \`authorAgency\` ON \`authorAgency\`.\`id\`=\`author\`.\`agency_id\` WHERE \`post\`.\`thread_id\` = ? ORDER BY \`post\`.\`id\` ASC LIMIT ${first + 1}`,
    values: [threadId],
  };
}
