/**
 * The SQL the api sends for the read requests the raw baselines answer (`graphql/` and `catalogue/`),
 * byte for byte (text, placeholders, parameter order), as those baselines send it. Each benchmark's
 * first step (the SQL spy on both servers) fails with the first differing character when the api's
 * read path changes: then this file follows it (and the raw servers, which run these statements and
 * build the answers, when the rows they return change shape). Each request's statements are listed
 * in the order the api sends them.
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
const INNOVATION_SELECT = `${select('innovation', INNOVATION)}, ${select('category', CATEGORY)}, ${select('originAgency', AGENCY)}`;
const INNOVATION_FROM =
  'FROM `innovation` `innovation` INNER JOIN `innovation_category` `category` ON `category`.`id`=`innovation`.`category_id`  INNER JOIN `agency` `originAgency` ON `originAgency`.`id`=`innovation`.`origin_agency_id`';
const INNOVATION_WITH_RELATIONS = `SELECT ${INNOVATION_SELECT} ${INNOVATION_FROM}`;

export const PUBLISHED = 'PUBLISHED';

/** What a visitor who is not signed in sees: published innovations (the api's `restrictToVisible`). */
const VISIBLE_TO_ANONYMOUS = '`innovation`.`status` IN (?) AND `innovation`.`status` = ?';

/** The newest published innovations, one more than the page to know whether another follows. */
export function innovationsPage(first: number): Statement {
  return {
    sql: `${INNOVATION_WITH_RELATIONS} WHERE ${VISIBLE_TO_ANONYMOUS} ORDER BY \`innovation_listed_at\` DESC, \`innovation_id\` DESC LIMIT ${first + 1}`,
    values: [PUBLISHED, PUBLISHED],
  };
}

/** The api's search-terms rule: lower case, NFKC, words of 3+ letters or digits, unique, at most 8. */
export function searchTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
  return [...new Set(words)].slice(0, 8);
}

/**
 * Published innovations matching the search terms (full text, boolean mode, each term as a prefix),
 * best first by where the terms appear, one more than the page.
 */
export function innovationsSearch(terms: readonly string[], first: number): Statement {
  const relevance = `(${terms
    .map(
      () =>
        '3 * (LOCATE(?, `innovation`.`title`) > 0) + 2 * (LOCATE(?, `innovation`.`problem`) > 0) + (LOCATE(?, `innovation`.`summary`) > 0)',
    )
    .join(' + ')})`;
  const relevanceValues = terms.flatMap((term) => [term, term, term]);
  return {
    sql: `SELECT ${INNOVATION_SELECT}, ${relevance} AS \`relevance\` ${INNOVATION_FROM} WHERE ${VISIBLE_TO_ANONYMOUS} AND MATCH(\`innovation\`.\`title\`, \`innovation\`.\`summary\`, \`innovation\`.\`problem\`) AGAINST (? IN BOOLEAN MODE) ORDER BY ${relevance} DESC, \`innovation_id\` DESC LIMIT ${first + 1}`,
    values: [
      ...relevanceValues,
      PUBLISHED,
      PUBLISHED,
      terms.map((term) => `${term}*`).join(' '),
      ...relevanceValues,
    ],
  };
}

/**
 * The awards of the innovation a statement reads, as one JSON array (the api's `AWARDS_JSON_SQL`,
 * whose `innovation.id` TypeORM writes as a column).
 */
const AWARDS_JSON =
  "(SELECT JSON_ARRAYAGG(JSON_OBJECT('id', award.id, 'competition', award.competition, 'year', award.year, 'level', award.level, 'title', award.title)) FROM innovation_award award WHERE award.innovation_id = `innovation`.`id`) AS `awards_json`";

/**
 * One innovation by slug with its awards, whatever its status (the api checks who may read it
 * afterwards): one statement when the query asks for the awards.
 */
export function innovationBySlug(slug: string): Statement {
  return {
    sql: `SELECT ${INNOVATION_SELECT}, ${AWARDS_JSON} ${INNOVATION_FROM} WHERE \`innovation\`.\`slug\` = ?`,
    values: [slug],
  };
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
