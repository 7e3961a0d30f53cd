import { registerEnumType } from '@nestjs/graphql';

export enum AgencyType {
  KEMENTERIAN = 'KEMENTERIAN',
  LEMBAGA = 'LEMBAGA',
  PEMPROV = 'PEMPROV',
  PEMKAB = 'PEMKAB',
  PEMKOT = 'PEMKOT',
  BUMN = 'BUMN',
  BUMD = 'BUMD',
}

registerEnumType(AgencyType, {
  name: 'AgencyType',
  description: 'Ministry, institution, province/regency/city government, state- or region-owned enterprise.',
});
