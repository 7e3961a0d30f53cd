import { Injectable } from '@nestjs/common';

/**
 * The platform's notion of "now", injected wherever time decides something (replication dates,
 * escalation, check-ins), so tests can run those decisions at any moment they choose.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told to move: for tests. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 24 * 3600 * 1000);
  }
}
