import { buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import { LoaderRegistry, type GraphqlContext } from '@jipp/core';
import { PlainFieldResolvers } from './plain-field-resolvers';

const sdl = `
  type Query { card: Card }
  type Card { id: Int!, label: String!, owner: String }
`;

describe('PlainFieldResolvers', () => {
  it('sets the registered resolvers, called with the parent and the request context', async () => {
    const registry = new PlainFieldResolvers();
    registry.register<{ id: number }>('Card', {
      label: (card) => `kartu ${card.id}`,
      owner: (_card, ctx) => (ctx.req as unknown as { user: string }).user,
    });
    const schema = registry.apply(buildSchema(sdl));
    const context: GraphqlContext = {
      req: { user: 'Pemkab Banyuwangi' } as never,
      loaders: new LoaderRegistry(),
    };
    const result = await graphql({
      schema,
      source: '{ card { id label owner } }',
      rootValue: { card: { id: 7 } },
      contextValue: context,
    });
    expect(result).toEqual({ data: { card: { id: 7, label: 'kartu 7', owner: 'Pemkab Banyuwangi' } } });
    // a field not registered keeps GraphQL's default resolver
    expect((schema.getType('Card') as GraphQLObjectType).getFields()['id']!.resolve).toBeUndefined();
  });

  it('fails the start on a type or field the schema does not have', () => {
    const unknownType = new PlainFieldResolvers();
    unknownType.register('Kartu', { label: () => 'x' });
    expect(() => unknownType.apply(buildSchema(sdl))).toThrow('no object type Kartu');
    const unknownField = new PlainFieldResolvers();
    unknownField.register('Card', { title: () => 'x' });
    expect(() => unknownField.apply(buildSchema(sdl))).toThrow('Card has no field title');
  });
});
