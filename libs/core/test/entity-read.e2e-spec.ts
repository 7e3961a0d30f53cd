/**
 * `readRawAndEntities` against TypeORM's own `getRawAndEntities` on the same queries: the same
 * entities (classes, values, null relations, duplicates folded), the same raw rows, and a plan kept
 * per shape that never answers a query of another shape. Its own database, with the tables of the
 * entities below (every column type the platform's entities use), dropped at the end.
 */
import { emptyDatabase, type IsolatedDatabase } from '@jipp/testing';
import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { buildDataSourceOptions, readMany, readOne, readPlanCount, readRawAndEntities } from '../src';

enum Kind {
  CITY = 'CITY',
  REGENCY = 'REGENCY',
}

enum Level {
  LOW = 1,
  HIGH = 2,
}

class Address {
  @Column({ type: 'varchar', length: 40, nullable: true })
  street!: string | null;

  @Column({ type: 'char', length: 5, nullable: true })
  zip!: string | null;
}

@Entity('read_country')
class ReadCountry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  name!: string;
}

@Entity('read_owner')
class ReadOwner {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'enum', enum: Kind })
  kind!: Kind;

  @Column({ type: 'simple-array' })
  tags!: string[];

  @Column({ type: 'enum', enum: Level, default: Level.LOW })
  level!: Level;

  /** Stored lower case, read upper case. */
  @Column({
    type: 'varchar',
    length: 20,
    nullable: true,
    transformer: {
      to: (v: string | null) => v?.toLowerCase() ?? null,
      from: (v: string | null) => v?.toUpperCase() ?? null,
    },
  })
  code!: string | null;

  @Column({ type: 'json', nullable: true })
  profile!: Record<string, unknown> | null;

  @Column({ type: 'decimal', precision: 8, scale: 2, nullable: true })
  budget!: string | null;

  @Column(() => Address)
  address!: Address;

  @Column({ type: 'int', nullable: true })
  countryId!: number | null;

  @ManyToOne(() => ReadCountry, { nullable: true })
  @JoinColumn({ name: 'country_id' })
  country!: ReadCountry | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @OneToMany(() => ReadItem, (item) => item.owner)
  items!: ReadItem[];
}

@Entity('read_item')
class ReadItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 80 })
  title!: string;

  @Column({ type: 'int' })
  ownerId!: number;

  @ManyToOne(() => ReadOwner, (owner) => owner.items)
  @JoinColumn({ name: 'owner_id' })
  owner!: ReadOwner;

  @Column({ type: 'int', nullable: true })
  reviewerId!: number | null;

  @ManyToOne(() => ReadOwner, { nullable: true })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer!: ReadOwner | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  doneAt!: Date | null;
}

const ENTITIES = [ReadCountry, ReadOwner, ReadItem];

/** The tables of the entities above, as a migration would make them. */
const TABLES = [
  `CREATE TABLE read_country (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL)`,
  `CREATE TABLE read_owner (
     id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
     name VARCHAR(60) NOT NULL,
     active TINYINT(1) NOT NULL DEFAULT 1,
     kind ENUM('CITY', 'REGENCY') NOT NULL,
     tags TEXT NOT NULL,
     level ENUM('1', '2') NOT NULL DEFAULT '1',
     code VARCHAR(20) NULL,
     profile JSON NULL,
     budget DECIMAL(8, 2) NULL,
     address_street VARCHAR(40) NULL,
     address_zip CHAR(5) NULL,
     country_id INT NULL,
     created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
     CONSTRAINT fk_read_owner_country FOREIGN KEY (country_id) REFERENCES read_country (id)
   )`,
  `CREATE TABLE read_item (
     id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
     title VARCHAR(80) NOT NULL,
     owner_id INT NOT NULL,
     reviewer_id INT NULL,
     done_at DATETIME(3) NULL,
     CONSTRAINT fk_read_item_owner FOREIGN KEY (owner_id) REFERENCES read_owner (id),
     CONSTRAINT fk_read_item_reviewer FOREIGN KEY (reviewer_id) REFERENCES read_owner (id)
   )`,
];

describe('readRawAndEntities (TypeORM reads without rebuilding SQL or the general hydrator)', () => {
  let db: DataSource;
  let database: IsolatedDatabase | undefined;

  beforeAll(async () => {
    database = await emptyDatabase('entity_read');
    db = new DataSource({
      ...buildDataSourceOptions({ url: database.url, poolSize: 4, logQueries: false, entities: ENTITIES }),
      migrations: [],
      logging: false,
    });
    await db.initialize();
    for (const statement of TABLES) await db.query(statement);

    const [indonesia] = await db.getRepository(ReadCountry).save([{ name: 'Indonesia' }]);
    const owners = await db.getRepository(ReadOwner).save([
      {
        name: 'Pemkot Surabaya',
        active: true,
        kind: Kind.CITY,
        tags: ['smart', 'city'],
        level: Level.HIGH,
        code: 'sby',
        profile: { since: 2019, hubs: ['jatim'] },
        budget: '1250.50',
        address: { street: 'Jl. Taman Surya 1', zip: '60272' },
        countryId: indonesia!.id,
      },
      {
        name: 'Pemkab Banyuwangi',
        active: false,
        kind: Kind.REGENCY,
        tags: ['rural'],
        level: Level.LOW,
        code: null,
        profile: null,
        budget: null,
        address: { street: null, zip: null },
        countryId: null,
      },
    ]);
    const [surabaya, banyuwangi] = owners as [ReadOwner, ReadOwner];
    await db.getRepository(ReadItem).save([
      {
        title: 'Lapor Cepat',
        ownerId: surabaya.id,
        reviewerId: banyuwangi.id,
        doneAt: new Date('2026-01-02T03:04:05.678Z'),
      },
      { title: 'Smart Kampung', ownerId: banyuwangi.id, reviewerId: null, doneAt: null },
      { title: 'Kampung KB', ownerId: banyuwangi.id, reviewerId: surabaya.id, doneAt: null },
      {
        title: 'Sapa Warga',
        ownerId: surabaya.id,
        reviewerId: null,
        doneAt: new Date('2025-12-31T23:59:59.999Z'),
      },
    ]);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const items = (): SelectQueryBuilder<ReadItem> => db.getRepository(ReadItem).createQueryBuilder('item');

  /** Both readers on two copies of one query; the answers must be equal, down to the classes. */
  async function expectSameAsTypeorm<T extends ObjectLiteral>(
    build: () => SelectQueryBuilder<T>,
  ): Promise<{ entities: T[]; raw: ObjectLiteral[] }> {
    const expected = await build().getRawAndEntities();
    const actual = await readRawAndEntities(build());
    expect(actual.entities).toStrictEqual(expected.entities);
    expect(actual.raw).toStrictEqual(expected.raw);
    return actual;
  }

  it('reads an entity with its to-one relations, nested ones and every column type, as TypeORM does', async () => {
    const plans = readPlanCount();
    const { entities } = await expectSameAsTypeorm(() =>
      items()
        .innerJoinAndSelect('item.owner', 'owner')
        .leftJoinAndSelect('owner.country', 'country')
        .leftJoinAndSelect('item.reviewer', 'reviewer')
        .orderBy('item.id', 'ASC'),
    );
    expect(entities).toHaveLength(4);
    const [first, second] = entities as [ReadItem, ReadItem];
    expect(first).toBeInstanceOf(ReadItem);
    expect(first.owner).toBeInstanceOf(ReadOwner);
    expect(first.owner.tags).toEqual(['smart', 'city']);
    expect(first.owner.active).toBe(true);
    expect(first.owner.level).toBe(Level.HIGH);
    expect(first.owner.code).toBe('SBY');
    expect(first.owner.createdAt).toBeInstanceOf(Date);
    expect(first.owner.profile).toEqual({ since: 2019, hubs: ['jatim'] });
    expect(first.owner.address).toEqual({ street: 'Jl. Taman Surya 1', zip: '60272' });
    expect(first.owner.country).toBeInstanceOf(ReadCountry);
    expect(first.doneAt).toEqual(new Date('2026-01-02T03:04:05.678Z'));
    expect(first.reviewer?.name).toBe('Pemkab Banyuwangi');
    expect(first.reviewer?.active).toBe(false);
    // a left join that matched nothing is null, not an empty entity
    expect(second.reviewer).toBeNull();
    expect(second.owner.country).toBeNull();
    // read by a plan of its own, not handed to TypeORM
    expect(readPlanCount()).toBe(plans + 1);
  });

  it('reads partial selections, parameters (arrays too), ordering and limits as TypeORM does', async () => {
    const plans = readPlanCount();
    const { entities } = await expectSameAsTypeorm(() =>
      items()
        .select(['item.id', 'item.title'])
        .innerJoinAndSelect('item.owner', 'owner')
        .where('item.title IN (:...titles)', { titles: ['Lapor Cepat', 'Kampung KB', 'Sapa Warga'] })
        .andWhere('owner.active = :active', { active: true })
        .orderBy('item.title', 'DESC')
        .limit(1),
    );
    expect(entities).toEqual([expect.objectContaining({ title: 'Sapa Warga' })]);
    expect(entities[0]!.doneAt).toBeUndefined();
    // an entity mapped onto a property that is no relation, with a relation of its own joined
    await expectSameAsTypeorm(() =>
      items()
        .leftJoinAndMapOne('item.owner', ReadOwner, 'mapped', 'mapped.id = item.reviewerId')
        .leftJoinAndSelect('mapped.country', 'mappedCountry')
        .orderBy('item.id', 'ASC'),
    );
    // joins without selection only filter
    await expectSameAsTypeorm(() =>
      items().innerJoin('item.reviewer', 'reviewer', 'reviewer.kind = :kind', { kind: Kind.CITY }),
    );
    // all three by plans of their own
    expect(readPlanCount()).toBe(plans + 3);
  });

  it('folds rows of one entity into one, as TypeORM does, when an unselected to-many join repeats them', async () => {
    const { entities, raw } = await expectSameAsTypeorm(() =>
      db
        .getRepository(ReadOwner)
        .createQueryBuilder('owner')
        .innerJoin('owner.items', 'item')
        .orderBy('owner.id', 'ASC'),
    );
    expect(raw).toHaveLength(4);
    expect(entities.map((owner) => owner.name)).toEqual(['Pemkot Surabaya', 'Pemkab Banyuwangi']);
  });

  it('keeps one plan per shape: another value reuses it, another condition gets its own', async () => {
    const byTitle = (title: string): SelectQueryBuilder<ReadItem> =>
      items().innerJoinAndSelect('item.owner', 'owner').where('item.title = :title', { title });
    await readMany(byTitle('Lapor Cepat'));
    const plans = readPlanCount();
    expect((await readOne(byTitle('Kampung KB')))?.title).toBe('Kampung KB');
    expect(await readOne(byTitle('no such title'))).toBeNull();
    expect(readPlanCount()).toBe(plans);

    // the same parameter name in another condition, and the same condition on another join: each
    // a shape of its own, each answered by its own SQL
    const notTitle = await readMany(
      items()
        .innerJoinAndSelect('item.owner', 'owner')
        .where('item.title <> :title', { title: 'Lapor Cepat' }),
    );
    expect(notTitle.map((item) => item.title).sort()).toEqual(['Kampung KB', 'Sapa Warga', 'Smart Kampung']);
    const leftJoined = await readMany(
      items()
        .leftJoinAndSelect('item.reviewer', 'owner')
        .where('item.title = :title', { title: 'Smart Kampung' }),
    );
    expect(leftJoined).toEqual([expect.objectContaining({ title: 'Smart Kampung', reviewer: null })]);
    expect(readPlanCount()).toBe(plans + 2);
  });

  it("reads inside a transaction through the transaction's connection", async () => {
    await db
      .transaction(async (manager) => {
        await manager
          .getRepository(ReadItem)
          .save({ title: 'Uncommitted', ownerId: 1, reviewerId: null, doneAt: null });
        const seen = await readOne(
          manager
            .getRepository(ReadItem)
            .createQueryBuilder('item')
            .innerJoinAndSelect('item.owner', 'owner')
            .where('item.title = :title', { title: 'Uncommitted' }),
        );
        expect(seen?.owner.name).toBe('Pemkot Surabaya');
        // outside the transaction it does not exist yet
        expect(await readOne(items().where('item.title = :title', { title: 'Uncommitted' }))).toBeNull();
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await readOne(items().where('item.title = :title', { title: 'Uncommitted' }))).toBeNull();
  });

  it('leaves to TypeORM what it does not cover, with the same answers', async () => {
    // a selected to-many join, and skip/take over a join (TypeORM's two-query pagination)
    const plans = readPlanCount();
    const { entities } = await expectSameAsTypeorm(() =>
      db
        .getRepository(ReadOwner)
        .createQueryBuilder('owner')
        .leftJoinAndSelect('owner.items', 'item')
        .orderBy('owner.id', 'ASC')
        .addOrderBy('item.id', 'ASC'),
    );
    expect(entities.map((owner) => owner.items.length)).toEqual([2, 2]);
    await expectSameAsTypeorm(() =>
      db
        .getRepository(ReadOwner)
        .createQueryBuilder('owner')
        .leftJoinAndSelect('owner.items', 'item')
        .orderBy('owner.id', 'DESC')
        .take(1),
    );
    expect(readPlanCount()).toBe(plans);
  });

  it('leaves to TypeORM the reads whose entities a subscriber hears loaded, and only those', async () => {
    const loaded: string[] = [];
    const hearsOwners = {
      listenTo: () => ReadOwner,
      afterLoad: (owner: ReadOwner) => void loaded.push(owner.name),
    };
    // hears inserts of items, not loads: no reason to leave item reads to TypeORM
    const hearsItemInserts = { listenTo: () => ReadItem, afterInsert: () => undefined };
    db.subscribers.push(hearsOwners, hearsItemInserts);
    try {
      const plans = readPlanCount();
      const withOwner = () =>
        items()
          .innerJoinAndSelect('item.owner', 'owner')
          .where('item.title = :title', { title: 'Sapa Warga' });
      await readMany(withOwner());
      expect(loaded).toEqual(['Pemkot Surabaya']);
      expect(readPlanCount()).toBe(plans);
      await readMany(
        items().where('item.title = :title and item.id > :zero', { title: 'Sapa Warga', zero: 0 }),
      );
      expect(readPlanCount()).toBe(plans + 1);
    } finally {
      db.subscribers.splice(db.subscribers.indexOf(hearsOwners), 2);
    }
  });

  it('fails as TypeORM fails on a bad query, and the next query of that shape still works', async () => {
    const broken = (): SelectQueryBuilder<ReadItem> =>
      items().where('item.no_such_column = :value', { value: 1 });
    await expect(readMany(broken())).rejects.toThrow(/no_such_column/);
    await expect(readMany(broken())).rejects.toThrow(/no_such_column/);
    expect(await readMany(items().where('item.id > :value', { value: 0 }))).toHaveLength(4);
  });
});
