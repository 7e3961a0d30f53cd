import { ObjectType } from '@nestjs/graphql';
import { Agency } from '@jipp/agencies';
import { ConnectionType } from '@jipp/core';

@ObjectType()
export class AgencyConnection extends ConnectionType(Agency) {}
