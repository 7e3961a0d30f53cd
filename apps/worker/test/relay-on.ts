/**
 * Imported first by the notification tests, after own-redis-prefix: this test file's worker relays the
 * outbox (the test runs turn the relay off everywhere else). Only one such file runs its relay at a
 * time (see relay-lock.ts).
 */
import './own-redis-prefix';

process.env['OUTBOX_RELAY_ENABLED'] = 'true';
process.env['OUTBOX_RELAY_IDLE_MS'] = '50';
