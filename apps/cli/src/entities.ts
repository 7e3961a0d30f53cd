import { Agency, Network, NetworkMember } from '@jipp/agencies';
import { Invitation, NetworkCoordinator, RefreshToken, User } from '@jipp/auth';
import { AuditLog, OutboxEvent } from '@jipp/core';
import { Region } from '@jipp/regions';

/** Every entity of the platform: what the migrations must describe. */
export const ALL_ENTITIES = [
  Region,
  Agency,
  Network,
  NetworkMember,
  User,
  NetworkCoordinator,
  RefreshToken,
  Invitation,
  AuditLog,
  OutboxEvent,
];
