import { ConnectionType } from '@jipp/core';
import { Replication } from '@jipp/replications';
import { ObjectType } from '@nestjs/graphql';

@ObjectType()
export class ReplicationConnection extends ConnectionType(Replication) {}
