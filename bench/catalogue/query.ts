/** The catalogue page: 20 innovations with every relation a list card shows (see apps/api/schema.gql). */
const NODE = `
      node {
        id slug title summary launchYear digital stage sdgGoals
        category { id name }
        originAgency { id name shortName type }
        province { code name }
        regency { code name }
        awards { competition year level }
        funnel { viewed interested replicated }
      }`;

export const PAGE_SIZE = 20;

export const PAGE_QUERY = `query CataloguePage($first: Int!) {
  innovations(first: $first) {
    edges {${NODE}
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SEARCH_QUERY = `query CatalogueSearch($first: Int!, $search: String!) {
  innovations(first: $first, filter: { search: $search }) {
    edges {${NODE}
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Two common words of the generated titles and problems: a few thousand rows match. */
export const SEARCH_TEXT = 'akta kelahiran';

export interface Variant {
  /** Figure names say it, e.g. `page` or `search`. */
  name: string;
  body: string;
}

export const VARIANTS: Variant[] = [
  { name: 'page', body: JSON.stringify({ query: PAGE_QUERY, variables: { first: PAGE_SIZE } }) },
  {
    name: 'search',
    body: JSON.stringify({ query: SEARCH_QUERY, variables: { first: PAGE_SIZE, search: SEARCH_TEXT } }),
  },
];
