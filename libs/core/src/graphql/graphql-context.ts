import type { AuthUser } from '../auth-context/auth-user';
import type { LoaderRegistry } from './loader-registry';

export interface RequestLike {
  user?: AuthUser;
  ip?: string;
  id?: string | number;
  headers: Record<string, string | string[] | undefined>;
}

/** What every resolver receives as its GraphQL context. */
export interface GraphqlContext {
  req: RequestLike;
  loaders: LoaderRegistry;
}
