import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { queryLimitRules } from './query-limit-rules';

const schema = buildSchema(`
  type Agency { id: Int! name: String! parent: Agency children: [Agency!]! }
  type Query { agency(id: Int!): Agency agencies(first: Int = 20): [Agency!]! }
`);
const rules = queryLimitRules({ maxDepth: 4, maxAliases: 3, maxDirectives: 2 });

/** The messages of every error the limit rules report for the query. */
const problems = (query: string): string[] =>
  validate(schema, parse(query), rules).map((error) => error.message);

describe('queryLimitRules (graphql-armor)', () => {
  it('allows an operation at the limits', () => {
    expect(problems('{ agency(id: 1) { parent { parent { id } } } }')).toEqual([]);
    expect(problems('{ a: agency(id: 1) { id } b: agency(id: 2) { id } c: agency(id: 3) { id } }')).toEqual(
      [],
    );
    expect(
      problems('query($x: Boolean!) { agency(id: 1) { id @include(if: $x) name @skip(if: $x) } }'),
    ).toEqual([]);
  });

  it('refuses one too deep, and says how deep it is', () => {
    expect(problems('{ agency(id: 1) { parent { parent { parent { id } } } } }')).toEqual([
      'Query is too deep: depth 5, at most 4 allowed.',
    ]);
  });

  it('counts no level for a fragment, inline or named', () => {
    expect(
      problems(
        '{ agency(id: 1) { ... on Agency { parent { ...P } } } } fragment P on Agency { parent { id } }',
      ),
    ).toEqual([]);
    expect(
      problems('{ agency(id: 1) { ...P } } fragment P on Agency { parent { parent { parent { id } } } }'),
    ).toEqual(['Query is too deep: depth 5, at most 4 allowed.']);
  });

  it('refuses too many aliases, counting those inside fragments; a __typename alias is free', () => {
    expect(
      problems(
        '{ a: agency(id: 1) { ...F } b: agency(id: 2) { id } } fragment F on Agency { x: id y: name }',
      ),
    ).toEqual(['Query has too many aliases: 4, at most 3 allowed.']);
    expect(problems('{ agency(id: 1) { a: __typename b: __typename c: __typename d: __typename } }')).toEqual(
      [],
    );
  });

  it('refuses too many directives', () => {
    expect(
      problems(
        '{ agency(id: 1) { id @include(if: true) name @skip(if: false) parent @include(if: true) { id } } }',
      ),
    ).toEqual(['Query has too many directives: 3, at most 2 allowed.']);
  });

  it('leaves introspection to graphql-js, which caps its nesting itself', () => {
    expect(problems(getIntrospectionQuery())).toEqual([]);
    const circular =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expect(validate(schema, parse(circular), specifiedRules).map((e) => e.message)).toEqual([
      'Maximum introspection depth exceeded',
    ]);
  });

  it('stops on a fragment cycle (a validation error of its own) instead of looping', () => {
    const cyclic =
      '{ agency(id: 1) { ...A } } fragment A on Agency { parent { ...B } } fragment B on Agency { ...A }';
    expect(() => problems(cyclic)).not.toThrow();
  });
});
