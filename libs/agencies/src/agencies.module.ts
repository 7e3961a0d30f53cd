import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionsModule } from '@jipp/regions';
import { AgenciesService } from './agencies/agencies.service';
import { AgencySeeder } from './agency.seeder';
import { Agency } from './agencies/agency.entity';
import { AgencyByIdLoader, NetworkByIdLoader, NetworkMemberCountLoader } from './agency.loaders';
import { NetworkMember } from './networks/network-member.entity';
import { Network } from './networks/network.entity';
import { NetworksService } from './networks/networks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Agency, Network, NetworkMember]), RegionsModule],
  providers: [
    AgencySeeder,
    AgenciesService,
    NetworksService,
    AgencyByIdLoader,
    NetworkByIdLoader,
    NetworkMemberCountLoader,
  ],
  exports: [
    AgencySeeder,
    AgenciesService,
    NetworksService,
    AgencyByIdLoader,
    NetworkByIdLoader,
    NetworkMemberCountLoader,
    RegionsModule,
  ],
})
export class AgenciesModule {}
