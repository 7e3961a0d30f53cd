import type { AwardCompetition, AwardLevel } from './award-enums';
import { InnovationAward } from './innovation-award.entity';

/**
 * An innovation's awards as one JSON array, for a statement that reads the innovation (`innovation`
 * is its alias): every column the awards loader reads in a statement of its own except the creation
 * time, which no reader of the `awards` field shows. NULL when it has none.
 */
export const AWARDS_JSON_SQL =
  "(SELECT JSON_ARRAYAGG(JSON_OBJECT('id', award.id, 'competition', award.competition, 'year', award.year, 'level', award.level, 'title', award.title)) FROM innovation_award award WHERE award.innovation_id = innovation.id)";

interface AwardJson {
  id: number;
  competition: AwardCompetition;
  year: number;
  level: AwardLevel;
  title: string | null;
}

/**
 * The awards of {@link AWARDS_JSON_SQL} as the awards loader gives them: newest first, then by id
 * (JSON_ARRAYAGG keeps no order on MySQL). The driver hands JSON over as text (MariaDB) or parsed
 * (MySQL).
 */
export function awardsFromJson(innovationId: number, value: unknown): InnovationAward[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const items = Array.isArray(parsed) ? (parsed as AwardJson[]) : [];
  return items
    .map((item) =>
      Object.assign(new InnovationAward(), {
        id: Number(item.id),
        innovationId,
        competition: item.competition,
        year: Number(item.year),
        level: item.level,
        title: item.title ?? null,
      }),
    )
    .sort((a, b) => b.year - a.year || a.id - b.id);
}
