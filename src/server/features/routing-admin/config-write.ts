import type { Db } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { loadRoutingConfig } from '../routing/routing-config.loader.js';
import type { RoutingConfigSink } from '../routing/routing-config.sink.js';
import { createRoutingAdminRepository, type RoutingAdminRepository } from './routing-admin.repository.js';

export interface ConfigWriteDeps {
  db: Db;
  audit: AuditService;
  routing: RoutingConfigSink;
}

export interface ConfigWriteOptions<T> {
  audit: (result: T) => AuditEntry;
  /** Problem detail when a unique index refuses the change (a name or code already taken): 409. */
  duplicate?: string;
  /** Problem detail when a reference refuses it (rows still point at the record): 409. */
  inUse?: string;
}

/**
 * One admin change of the routing configuration: applied in a transaction that also builds the
 * whole new configuration and lets the live engine refuse it (the sink throws, everything rolls
 * back), then committed, audited and applied to the engine. Everything inside runs on the
 * transaction: PGlite is one connection, and a query on the outer handle would wait forever.
 */
export function createConfigWriter(deps: ConfigWriteDeps) {
  return async function writeConfig<T>(ctx: TenantContext, work: (repo: RoutingAdminRepository) => Promise<T>, opts: ConfigWriteOptions<T>): Promise<T> {
    let result: T;
    try {
      result = await deps.db.transaction(async (tx) => {
        const value = await work(createRoutingAdminRepository(tx));
        await deps.routing.check(await loadRoutingConfig(tx));
        return value;
      });
    } catch (err) {
      if (opts.duplicate && isUniqueViolation(err)) throw new AppError('duplicate', opts.duplicate);
      if (opts.inUse && isForeignKeyViolation(err)) throw new AppError('conflict', opts.inUse);
      throw err;
    }
    await deps.audit.record(ctx, opts.audit(result));
    await deps.routing.reload();
    return result;
  };
}
export type ConfigWriter = ReturnType<typeof createConfigWriter>;
