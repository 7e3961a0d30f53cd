import type { AgencyType } from '@jipp/agencies';
import type { AwardCompetition, AwardLevel } from '../awards/award-enums';
import type { InnovationStage } from '../innovations/innovation-enums';

/** One entry of `demo-innovations.json` (see the README beside it). */
export interface DemoInnovation {
  title: string;
  summary: string;
  problem: string;
  approach: string;
  novelty: string;
  impact: string;
  /** A code of the 2018 category set. */
  category: string;
  digital: boolean;
  stage: InnovationStage | `${InnovationStage}`;
  sdgGoals: number[];
  launchYear: number;
  origin: { regionCode: string; type: AgencyType | `${AgencyType}` } | { nationalShortName: string };
  contactUnit: string;
  awards: Array<{
    competition: AwardCompetition | `${AwardCompetition}`;
    year: number;
    level: AwardLevel | `${AwardLevel}`;
    /** The competition's name when it is OTHER. */
    title?: string;
  }>;
  sourceUrl: string | null;
  illustrative: boolean;
}
