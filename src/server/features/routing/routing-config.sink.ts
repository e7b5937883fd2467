import type { RoutingConfig } from '../../../core/routing/routing.types.js';

/** What the admin side needs from the live routing runtime when the configuration changes. */
export interface RoutingConfigSink {
  /**
   * Dry run against the live engine, before the admin transaction commits. Throws AppError
   * `validation_failed` (invalid configuration, with each problem) or `conflict` (the engine refuses:
   * a removed queue still has contacts, a logged-in agent would disappear).
   */
  check(config: RoutingConfig): Promise<void>;
  /** After commit: load the configuration from the database and apply it to the engine. */
  reload(): Promise<void>;
}
