import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '@jipp/agencies';
import { AppConfig } from '@jipp/core';
import { AccessGuard } from './access/access.guard';
import { DemoUsersSeeder } from './demo-users.seeder';
import { AuthService } from './login/auth.service';
import { LoginRateLimiter } from './login/login-rate-limiter';
import { PasswordHasher } from './login/password-hasher';
import { AccessRevocations } from './tokens/access-revocations';
import { Invitation } from './tokens/invitation.entity';
import { RefreshToken } from './tokens/refresh-token.entity';
import { TokenService } from './tokens/token.service';
import { NetworkCoordinator } from './users/network-coordinator.entity';
import { CoordinatorsByNetworkLoader, UserByIdLoader } from './users/user.loaders';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken, Invitation, NetworkCoordinator]),
    AgenciesModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // a key object, not the string: given a string, jsonwebtoken first tries it as a public key
        // (createPublicKey throws) on every verification, ~10 % of a signed-in read's CPU
        secret: createSecretKey(Buffer.from(config.get('JWT_SECRET'), 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [
    DemoUsersSeeder,
    AuthService,
    UsersService,
    TokenService,
    AccessRevocations,
    PasswordHasher,
    LoginRateLimiter,
    AccessGuard,
    CoordinatorsByNetworkLoader,
    UserByIdLoader,
  ],
  exports: [
    DemoUsersSeeder,
    AuthService,
    UsersService,
    TokenService,
    AccessRevocations,
    PasswordHasher,
    AccessGuard,
    CoordinatorsByNetworkLoader,
    UserByIdLoader,
    AgenciesModule,
  ],
})
export class AuthModule {}
