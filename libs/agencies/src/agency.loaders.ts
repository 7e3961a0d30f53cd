import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '@jipp/core';
import DataLoader from 'dataloader';
import { AgenciesService } from './agencies/agencies.service';
import type { Agency } from './agencies/agency.entity';
import type { Network } from './networks/network.entity';
import { NetworksService } from './networks/networks.service';

/** Agencies by id, batched per request. */
@Injectable()
export class AgencyByIdLoader implements LoaderFactory<number, Agency | null> {
  constructor(private readonly agencies: AgenciesService) {}

  create(): DataLoader<number, Agency | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.agencies.findByIds(ids)).map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/** Networks by id, batched per request. */
@Injectable()
export class NetworkByIdLoader implements LoaderFactory<number, Network | null> {
  constructor(private readonly networks: NetworksService) {}

  create(): DataLoader<number, Network | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.networks.findByIds(ids)).map((n) => [n.id, n]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/** Member counts of networks, batched per request. */
@Injectable()
export class NetworkMemberCountLoader implements LoaderFactory<number, number> {
  constructor(private readonly networks: NetworksService) {}

  create(): DataLoader<number, number> {
    return new DataLoader(async (ids) => {
      const counts = await this.networks.memberCounts(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }
}
