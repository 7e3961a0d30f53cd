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

/** Users by id, batched per request. */
@Injectable()
export class UserByIdLoader implements LoaderFactory<number, User | null> {
  constructor(private readonly users: UsersService) {}

  create(): DataLoader<number, User | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.users.findByIds(ids)).map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
