import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RegencyKind } from './region.entity';

registerEnumType(RegencyKind, { name: 'RegencyKind', description: 'Kabupaten (regency) or kota (city).' });

@ObjectType({ description: 'A province (provinsi), with its Kemendagri code, e.g. `35` for Jawa Timur.' })
export class Province {
  @Field({ description: 'Kemendagri code, e.g. `35`.' })
  code: string;

  @Field()
  name: string;
}

@ObjectType({ description: 'A regency (kabupaten) or city (kota), e.g. `35.10` for Kabupaten Banyuwangi.' })
export class Regency {
  @Field({ description: 'Kemendagri code, e.g. `35.10`.' })
  code: string;

  @Field()
  name: string;

  @Field(() => RegencyKind)
  kind: RegencyKind;

  @Field()
  provinceCode: string;
}
