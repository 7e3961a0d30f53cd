import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agency } from '../agencies/agency.entity';
import { Region } from '../regions/region.entity';
import { InnovationAward } from './innovation-award.entity';
import { InnovationCategory } from './innovation-category.entity';
import { Innovation } from './innovation.entity';
import { InnovationsResolver } from './innovations.resolver';
import { InnovationsService } from './innovations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Innovation, InnovationCategory, InnovationAward, Agency, Region])],
  providers: [InnovationsResolver, InnovationsService],
})
export class InnovationsModule {}
