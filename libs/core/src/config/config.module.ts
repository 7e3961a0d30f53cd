import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';
import { ENV_FILES } from './env-files';
import { validateEnvironment } from './environment';

/**
 * Loads `.env` (your settings) and `.env.services` (written by scripts/services.sh), with real
 * environment variables taking precedence, and validates the result at boot.
 */
@Global()
@Module({})
export class CoreConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: CoreConfigModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          envFilePath: ENV_FILES,
          validate: validateEnvironment,
        }),
      ],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
