import { AgenciesModule } from '@jipp/agencies';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AwardsService } from './awards/awards.service';
import { InnovationAward } from './awards/innovation-award.entity';
import { CategoriesService } from './categories/categories.service';
import { InnovationCategory } from './categories/innovation-category.entity';
import { InnovationExportService } from './export/innovation-export.service';
import { InnovationImportService } from './import/innovation-import.service';
import { AwardsByInnovationLoader, InnovationByIdLoader, ViewerWatchesLoader } from './innovation.loaders';
import { InnovationSeeder } from './innovation.seeder';
import { Innovation } from './innovations/innovation.entity';
import { InnovationsService } from './innovations/innovations.service';
import { InnovationViewCounter } from './views/innovation-view-counter';
import { InnovationViewDay } from './views/innovation-view-day.entity';
import { ViewFlushBatch } from './views/view-flush-batch.entity';
import { ViewFlushService } from './views/view-flush.service';
import { InnovationWatch } from './watches/innovation-watch.entity';
import { WatchesService } from './watches/watches.service';

const SERVICES = [
  CategoriesService,
  InnovationsService,
  AwardsService,
  WatchesService,
  InnovationSeeder,
  AwardsByInnovationLoader,
  InnovationByIdLoader,
  ViewerWatchesLoader,
  InnovationImportService,
  InnovationExportService,
  InnovationViewCounter,
  ViewFlushService,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([
      InnovationCategory,
      Innovation,
      InnovationAward,
      InnovationWatch,
      InnovationViewDay,
      ViewFlushBatch,
    ]),
    AgenciesModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class InnovationsModule {}
