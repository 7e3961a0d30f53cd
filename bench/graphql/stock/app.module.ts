import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ForumModule } from './forum/forum.module';
import { HealthController } from './health.controller';
import { InnovationsModule } from './innovations/innovations.module';

const env = process.env;

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'mariadb',
      url: env['DATABASE_URL'],
      // the same transport as the api: the server's Unix socket when the URL names one
      socketPath:
        new URL(env['DATABASE_URL'] ?? 'mysql://localhost').searchParams.get('socketPath') ?? undefined,
      poolSize: Number(env['DATABASE_POOL_SIZE'] ?? 20),
      // the platform stores UTC in utf8mb4: read it back the same way
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      autoLoadEntities: true,
      synchronize: false,
    }),
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
    }),
    JwtModule.register({ global: true, secret: env['JWT_SECRET'] }),
    InnovationsModule,
    ForumModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
