import type DataLoader from 'dataloader';

/** Something that can build a fresh DataLoader for one request. */
export interface LoaderFactory<K, V> {
  create(): DataLoader<K, V>;
}

/**
 * The DataLoaders of one GraphQL request, created on first use. Resolvers ask for a loader by its
 * factory: `ctx.loaders.get(this.agencyById)`.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory as LoaderFactory<unknown, unknown>);
    if (!loader) {
      loader = factory.create() as DataLoader<unknown, unknown>;
      this.loaders.set(factory as LoaderFactory<unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
