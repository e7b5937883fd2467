import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { ConfigWriter } from './config-write.js';
import type { RoutingAdminRepository } from './routing-admin.repository.js';

/** What each part of the routing admin service gets: reads outside, writes through the config writer. */
export interface AdminPartDeps {
  read: RoutingAdminRepository;
  write: ConfigWriter;
  ids: IdGenerator;
  clock: Clock;
}
