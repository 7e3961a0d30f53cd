import { registerEnumType } from '@nestjs/graphql';

export enum AwardCompetition {
  /** Kompetisi Inovasi Pelayanan Publik, KemenPANRB. */
  KIPP = 'KIPP',
  /** Innovative Government Award, Kemendagri. */
  IGA = 'IGA',
  /** United Nations Public Service Awards. */
  UNPSA = 'UNPSA',
  OTHER = 'OTHER',
}

export enum AwardLevel {
  TOP_99 = 'TOP_99',
  TOP_45 = 'TOP_45',
  TOP_40 = 'TOP_40',
  TOP_35 = 'TOP_35',
  TOP_25 = 'TOP_25',
  TOP_9 = 'TOP_9',
  TOP_5 = 'TOP_5',
  OUTSTANDING = 'OUTSTANDING',
  WINNER = 'WINNER',
  FINALIST = 'FINALIST',
}

registerEnumType(AwardCompetition, { name: 'AwardCompetition' });
registerEnumType(AwardLevel, { name: 'AwardLevel' });
