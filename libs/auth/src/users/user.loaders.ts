import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '@jipp/core';
import DataLoader from 'dataloader';
import type { User } from './user.entity';
import { UsersService } from './users.service';

/** Coordinators of hubs, batched per request. */
@Injectable()
export class CoordinatorsByNetworkLoader implements LoaderFactory<number, User[]> {
  constructor(private readonly users: UsersService) {}

  create(): DataLoader<number, User[]> {
    return new DataLoader(async (networkIds) => {
      const byNetwork = await this.users.coordinatorsOf(networkIds);
      return networkIds.map((id) => byNetwork.get(id) ?? []);
    });
  }
}
