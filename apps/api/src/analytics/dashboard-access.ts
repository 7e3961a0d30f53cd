import { AppConfig, AppError, type AuthUser } from '@jipp/core';
import { Injectable } from '@nestjs/common';

/** Whether the dashboard's data is public (the default) or needs a signed-in user (DASHBOARD_REQUIRE_LOGIN). */
@Injectable()
export class DashboardAccess {
  constructor(private readonly config: AppConfig) {}

  get requiresLogin(): boolean {
    return this.config.get('DASHBOARD_REQUIRE_LOGIN');
  }

  /** Refuses an anonymous reader when the switch is on (UNAUTHENTICATED). */
  check(viewer: AuthUser | undefined | null): void {
    if (this.requiresLogin && !viewer) {
      throw AppError.unauthenticated(
        'Sign in first: this deployment keeps its dashboard for signed-in users.',
      );
    }
  }
}
