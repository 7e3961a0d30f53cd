import { Controller, Get } from '@nestjs/common';

/** Answers once the app listens: the benchmark waits on it. */
@Controller('health')
export class HealthController {
  @Get()
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
