import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../server/config/config.js';
import { openRuntime, type Runtime } from '../../server/main.js';
import { buildApp } from '../../server/app.js';
import { loggerOptions } from '../../server/platform/logger.js';
import { resolveSimParams, SimParamsError, type SimParams } from '../../core/simulation/sim-params.js';
import { startSimulation, type SimulationHandle } from './orchestrator.js';

/** Options of `madoguchi simulate` as commander hands them over (strings). */
export interface SimulateCommandOptions {
  url: string;
  tenant?: string;
  rate?: string;
  agents?: string;
  duration?: string;
  handleMean?: string;
  handleSigma?: string;
  acwMean?: string;
  patienceMean?: string;
  answerDelay?: string;
  knownShare?: string;
  seed?: string;
  channels?: string;
  serve?: boolean;
  statusEvery?: string;
  hours?: 'respect' | 'ignore';
  voice?: 'api' | 'twilio' | 'cti';
  ctiToken?: string;
}

interface Ready {
  status?: string;
  database?: string;
}

async function probe(url: string): Promise<Ready | null> {
  try {
    const res = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(3000) });
    return (await res.json().catch(() => ({}))) as Ready;
  } catch {
    return null;
  }
}

/**
 * The database must be the server's, and embedded PGlite is one process's: while a PGlite server
 * runs, this process must not open the same data directory.
 */
function databaseProblem(config: Config, url: string, ready: Ready | null, serve: boolean): string | null {
  if (ready && serve) return `A server already answers at ${url}: drop --serve, or give --url a free port.`;
  if (ready) {
    if (ready.database === 'pglite') {
      return [
        `The server at ${url} runs on embedded PGlite, which only one process may open at a time.`,
        'Either stop it and run `madoguchi simulate --serve` (the simulator then hosts the server, same data directory),',
        'or start the server with MADOGUCHI_DEMO_SIMULATION=true for a light simulation inside it, or use PostgreSQL (DATABASE_URL).',
      ].join('\n');
    }
    if (config.database.kind === 'pglite') {
      return `The server at ${url} runs on PostgreSQL: set DATABASE_URL to its database for this command too.`;
    }
    return null;
  }
  if (!serve) return `No server answers at ${url}: start one (npm start), pass --url, or add --serve to host it in this process.`;
  return null;
}

/** Hosts the server in this process on the host and port of `url` (for --serve). */
async function serveHere(config: Config, rt: Runtime, url: string): Promise<FastifyInstance> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const host = u.hostname === 'localhost' ? '127.0.0.1' : u.hostname;
  const seeded = config.seedDemo ? await rt.services.demoSeed.seedIfEmpty() : null;
  if (seeded?.created) {
    await rt.database.maintain();
    console.log(`Seeded demo data: ${seeded.summary}`);
  }
  // Many agents sign in from one address at once: the per-IP login limit would slow the start down.
  const app = await buildApp({
    config: { ...config, loginRateLimitPerMinute: Math.max(config.loginRateLimitPerMinute, 10_000) },
    database: rt.database, services: rt.services, logger: loggerOptions(config.logLevel === 'info' ? 'warn' : config.logLevel),
  });
  await app.listen({ port, host });
  console.log(`Server hosted in this process at ${url} (${config.database.kind === 'pglite' ? `PGlite ${config.database.dataDir}` : 'PostgreSQL'}); open the console there while the simulation runs.`);
  return app;
}

export async function runSimulateCommand(o: SimulateCommandOptions): Promise<void> {
  let params: SimParams;
  try {
    params = resolveSimParams({
      ratePerMinute: o.rate, agents: o.agents, durationSec: o.duration, handleMeanSec: o.handleMean, handleSigma: o.handleSigma,
      acwMeanSec: o.acwMean, patienceMeanSec: o.patienceMean, answerDelaySec: o.answerDelay, knownCustomerShare: o.knownShare,
      seed: o.seed, channels: o.channels,
    });
  } catch (err) {
    if (!(err instanceof SimParamsError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
    return;
  }
  const statusEveryMs = o.statusEvery === undefined ? 5000 : Math.max(0, Number(o.statusEvery) * 1000) || 0;
  const url = o.url.replace(/\/+$/, '');
  const config = loadConfig();
  const ready = await probe(url);
  const problem = databaseProblem(config, url, ready, !!o.serve);
  if (problem) {
    console.error(problem);
    process.exitCode = 1;
    return;
  }

  const rt = await openRuntime(config);
  let app: FastifyInstance | null = null;
  let sim: SimulationHandle | null = null;
  let interrupted = 0;
  const onSignal = () => {
    interrupted++;
    if (interrupted === 1) {
      console.log('\nStopping: customers still waiting hang up, agents finish and log out … (Ctrl-C again to quit at once)');
      void sim?.stop();
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (o.serve) app = await serveHere(config, rt, url);
    const tenants = o.tenant ? o.tenant.split(',').map((s) => s.trim()).filter(Boolean) : null;
    sim = await startSimulation(
      { services: rt.services, db: rt.database.db, baseUrl: url, publicUrl: config.publicUrl, log: (l) => console.log(l) },
      { params, tenants, statusEveryMs, hours: o.hours ?? 'respect', voice: o.voice ?? 'api', ...(o.ctiToken ? { ctiToken: o.ctiToken } : {}) },
    );
    if (interrupted) void sim.stop();
    console.log(params.durationSec > 0 ? `Running for ${params.durationSec} s (Ctrl-C stops earlier).` : 'Running until Ctrl-C.');
    const report = await sim.done;
    for (const line of report.lines) console.log(line);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (app) await app.close();
    await rt.close();
  }
}
