import { Agency, AgencyType, Network, NetworkMember } from '@jipp/agencies';
import type { User } from '@jipp/auth';
import { appendOutbox, type JsonObject, OutboxEvent, Role } from '@jipp/core';
import { Notification } from '@jipp/notifications';
import { createUser, unique } from '@jipp/testing';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, NotificationMessage, ServerToClientEvents } from '@jipp/forum';
import { In, type DataSource } from 'typeorm';

/**
 * Notification tests build their own agencies and hubs: the test files share one database, and the
 * audiences of a notification rule (an agency's users, a hub's coordinators) must hold only the
 * users a test made, so it can check that exactly they were told. The agencies are BUMD of a
 * province no other test lists (so no other test's counts of local governments, hub members or a
 * province's agencies change), all written by one statement per test file.
 */
export async function freshAgencies(dataSource: DataSource, count: number): Promise<Agency[]> {
  const names = Array.from({ length: count }, () => unique('BUMD Uji'));
  await dataSource.query(
    'INSERT INTO agency (name, short_name, type, region_code, province_code, active) VALUES ?',
    [names.map((name) => [name, name, AgencyType.BUMD, '65', '65', 1])],
  );
  const agencies = await dataSource.getRepository(Agency).findBy({ name: In(names) });
  return names.map((name) => agencies.find((a) => a.name === name)!);
}

/** A hub of these agencies. */
export async function freshHub(dataSource: DataSource, agencyIds: number[]): Promise<Network> {
  const name = unique('Jaringan Uji');
  const repo = dataSource.getRepository(Network);
  const hub = repo.create({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), provinceCode: null });
  await repo.insert(hub);
  if (agencyIds.length)
    await dataSource
      .getRepository(NetworkMember)
      .insert(agencyIds.map((agencyId) => ({ networkId: hub.id, agencyId })));
  return hub;
}

/** A new active user of an agency; coordinators get the hubs. */
export function freshUser(
  dataSource: DataSource,
  agency: Agency,
  role: Role = Role.MEMBER,
  hubs: Network[] = [],
): Promise<User> {
  return createUser(dataSource, { agencyId: agency.id, role, networkIds: hubs.map((h) => h.id) });
}

/** The newest outbox event of a type about an aggregate. */
export async function lastOutbox(
  dataSource: DataSource,
  type: string,
  aggregateType: string,
  aggregateId: number,
): Promise<OutboxEvent> {
  const [event] = await dataSource.getRepository(OutboxEvent).find({
    where: { type, aggregateType, aggregateId: String(aggregateId) },
    order: { id: 'DESC' },
    take: 1,
  });
  if (!event) throw new Error(`no ${type} outbox event for ${aggregateType} ${aggregateId}`);
  return event;
}

/** An outbox event written as a service would (for events whose service runs on the clock). */
export async function writeOutbox(
  dataSource: DataSource,
  entry: {
    type: string;
    aggregateType: string;
    aggregateId: number;
    actorUserId: number | null;
    payload: JsonObject;
  },
): Promise<OutboxEvent> {
  await dataSource.transaction((manager) => appendOutbox(manager, entry));
  return lastOutbox(dataSource, entry.type, entry.aggregateType, entry.aggregateId);
}

/** Every notification of an event, by user id. */
export async function notificationsOf(
  dataSource: DataSource,
  event: OutboxEvent,
): Promise<Map<number, Notification>> {
  const rows = await dataSource.getRepository(Notification).findBy({ outboxEventId: String(event.id) });
  return new Map(rows.map((n) => [n.userId, n]));
}

/** The users an event's notifications went to, with their types, sorted by user id. */
export async function recipientsOf(
  dataSource: DataSource,
  event: OutboxEvent,
): Promise<Array<[number, string]>> {
  const rows = await notificationsOf(dataSource, event);
  return [...rows.values()].map((n): [number, string] => [n.userId, n.type]).sort((a, b) => a[0] - b[0]);
}

/** What `recipientsOf` should answer: these users with this type. */
export function expected(type: string, ...users: User[]): Array<[number, string]> {
  return users.map((u): [number, string] => [u.id, type]);
}

/** Sorts [userId, type] pairs like `recipientsOf`. */
export function sorted(pairs: Array<[number, string]>): Array<[number, string]> {
  return [...pairs].sort((a, b) => a[0] - b[0]);
}

export type NotificationSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected socket.io client of a user, collecting the notifications pushed to it. */
export async function notificationSocket(
  url: string,
  token: string,
): Promise<{ socket: NotificationSocket; received: NotificationMessage[] }> {
  const socket: NotificationSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: NotificationMessage[] = [];
  socket.on('notification:new', (n) => received.push(n));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not connect')), 5000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { socket, received };
}

/** Polls until `check` answers something truthy (or fails after the timeout). */
export async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
