import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '@jipp/core';
import { Province, Regency, RegionsService } from '@jipp/regions';

@Resolver(() => Province)
export class RegionsResolver {
  constructor(private readonly regions: RegionsService) {}

  @Public()
  @Query(() => [Province], { description: 'All 38 provinces, by code.' })
  provinces(): Promise<Province[]> {
    return this.regions.provinces();
  }

  @Public()
  @Query(() => Province, { description: 'A province by its Kemendagri code, e.g. "35".' })
  province(@Args('code') code: string): Promise<Province> {
    return this.regions.province(code);
  }

  @Public()
  @Query(() => [Regency], { description: 'The regencies and cities of a province, by code.' })
  regencies(@Args('provinceCode') provinceCode: string): Promise<Regency[]> {
    return this.regions.regencies(provinceCode) as Promise<Regency[]>;
  }

  @ResolveField('regencies', () => [Regency], {
    description: 'Its regencies and cities (served from memory).',
  })
  regenciesOfProvince(@Parent() province: Province): Promise<Regency[]> {
    return this.regions.regencies(province.code) as Promise<Regency[]>;
  }
}
