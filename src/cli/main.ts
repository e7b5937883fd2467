import { Command, Option } from 'commander';
import { ROLES } from '../core/auth/permissions.js';
import { ConfigError, loadConfig, type Config } from '../server/config/config.js';
import type { AddressInfo } from 'node:net';
import { openRuntime, startServer, type Runtime } from '../server/main.js';
import { startLightSimulation } from './simulate/orchestrator.js';
import { AppError } from '../server/platform/app-error.js';
import { systemContext } from '../server/platform/system-context.js';
import { runCustomerImport } from './import-customers.command.js';
import { cliLang, runKnowledgeImport } from './import-knowledge.command.js';
import { runSimulateCommand, type SimulateCommandOptions } from './simulate/simulate.command.js';

/** `madoguchi` — one binary for serving, migrating, seeding and administration. */
const program = new Command('madoguchi').description('Madoguchi (窓口) omnichannel contact center').showHelpAfterError();

async function withRuntime<T>(fn: (rt: Runtime, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const rt = await openRuntime(config);
  try {
    return await fn(rt, config);
  } finally {
    await rt.close();
  }
}

program.command('serve').description('migrate, seed demo data on first start (MADOGUCHI_SEED_DEMO), and serve HTTP').action(async () => {
  const started = performance.now();
  const config = loadConfig();
  const rt = await openRuntime(config);
  const seeded = config.seedDemo ? await rt.services.demoSeed.seedIfEmpty() : null;
  if (seeded?.created) await rt.database.maintain();
  const beforeStop: (() => Promise<void>)[] = [];
  const app = await startServer(config, rt, beforeStop);
  const url = config.publicUrl ?? `http://localhost:${config.port}`;
  const where = config.database.kind === 'pglite' ? `embedded PGlite at ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`\n窓口 Madoguchi is ready at ${url}  (${where}; ready in ${((performance.now() - started) / 1000).toFixed(2)} s)`);
  console.log(`API docs: ${url}/api/docs`);
  if (seeded) {
    console.log(seeded.created ? `Seeded demo data: ${seeded.summary}` : 'Demo data already present.');
    console.log(`Demo logins (password: ${seeded.password}):`);
    for (const u of seeded.logins) console.log(`  ${u.email.padEnd(36)} ${u.roles}`);
  }
  if (config.demoSimulation) {
    // Around the clock (hours ignored), so a first look at the wallboard is never an empty evening.
    const { port } = app.server.address() as AddressInfo;
    const sim = await startLightSimulation({ baseUrl: `http://127.0.0.1:${port}`, services: rt.services, db: rt.database.db, hours: 'ignore' });
    beforeStop.push(async () => void (await sim.stop()));
    console.log('Light demo simulation running (MADOGUCHI_DEMO_SIMULATION): simulated agents take simulated calls and chats.');
  }
});

program.command('migrate').description('apply database migrations').action(() =>
  withRuntime(async (_rt, config) => console.log(`Migrations applied (${config.database.kind}).`)),
);

program.command('seed-demo').description('load the Japanese demo data (only into an empty database)').action(() =>
  withRuntime(async (rt) => {
    const r = await rt.services.demoSeed.seedIfEmpty();
    if (r.created) await rt.database.maintain();
    console.log(r.created ? `Seeded demo data: ${r.summary}` : 'The database already has tenants; demo data not loaded.');
  }),
);

const tenant = program.command('tenant').description('tenants (client companies)');
tenant.command('create').requiredOption('--slug <slug>').requiredOption('--name <name>').option('--time-zone <tz>', 'IANA time zone', 'Asia/Tokyo')
  .action((o: { slug: string; name: string; timeZone: string }) => withRuntime(async (rt) => {
    const t = await rt.services.tenants.createTenant({ slug: o.slug, name: o.name, timeZone: o.timeZone });
    console.log(`Tenant ${t.slug} created (${t.id}).`);
  }));

const user = program.command('user').description('users');
user.command('create').requiredOption('--tenant <slug>').requiredOption('--email <email>').requiredOption('--password <password>')
  .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory()).option('--name <displayName>')
  .option('--locale <locale>', 'ja or en', 'ja')
  .action((o: { tenant: string; email: string; password: string; role: string; name?: string; locale: string }) => withRuntime(async (rt) => {
    const t = await rt.services.tenants.getBySlug(o.tenant);
    const existing = await rt.services.users.findByEmail(o.email);
    const u = existing ?? (await rt.services.users.createUser({ email: o.email, password: o.password, displayName: o.name ?? o.email.split('@')[0]!, locale: o.locale === 'en' ? 'en' : 'ja' }));
    await rt.services.users.grantRole(u.id, t.id, o.role);
    console.log(existing ? `Existing user ${u.email} is now ${o.role} of ${t.slug} (password unchanged).` : `User ${u.email} created as ${o.role} of ${t.slug}.`);
  }));

const token = program.command('token').description('API tokens for integrations');
token.command('create').requiredOption('--tenant <slug>').addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
  .option('--name <name>', 'what the token is for', 'integration')
  .action((o: { tenant: string; role: string; name: string }) => withRuntime(async (rt) => {
    const t = await rt.services.tenants.getBySlug(o.tenant);
    const { token: secret } = await rt.services.auth.createApiToken({ tenantId: t.id, role: o.role, name: o.name });
    console.error(`Token for ${t.slug} (${o.role}); it is shown only once:`);
    console.log(secret);
  }));

const imp = program.command('import').description('bulk imports');
imp.command('customers').argument('<file>', 'CSV file (UTF-8 or Shift_JIS, header row)').requiredOption('--tenant <slug>')
  .addOption(new Option('--encoding <encoding>').choices(['auto', 'utf-8', 'shift_jis']).default('auto'))
  .option('--report <file>', 'write the per-row error report as CSV')
  .action((file: string, o: { tenant: string; encoding: 'auto' | 'utf-8' | 'shift_jis'; report?: string }) => withRuntime(async (rt) => {
    const t = await rt.services.tenants.getBySlug(o.tenant);
    const code = await runCustomerImport({ services: rt.services, ctx: systemContext(t), file, encoding: o.encoding, reportFile: o.report ?? null });
    await rt.database.maintain();
    process.exitCode = code;
  }));
imp.command('knowledge').argument('<file>', 'manual (.docx, .pdf, .md, .txt) or Q&A sheet (.csv, .xlsx), at most 20 MB').requiredOption('--tenant <slug>')
  .option('--publish', 'publish the articles at once (default: drafts for review)', false)
  .addOption(new Option('--visibility <visibility>').choices(['internal', 'public']).default('internal'))
  .option('--category <id>', 'file the categories and articles under this category id')
  .option('--force', 'import a file that was imported before', false)
  .option('--report <file>', 'write the import report as JSON')
  .addOption(new Option('--lang <lang>', 'language of the messages (default from LANG)').choices(['ja', 'en']))
  .action((file: string, o: { tenant: string; publish: boolean; visibility: 'internal' | 'public'; category?: string; force: boolean; report?: string; lang?: 'ja' | 'en' }) => withRuntime(async (rt) => {
    const t = await rt.services.tenants.getBySlug(o.tenant);
    const code = await runKnowledgeImport({
      services: rt.services, ctx: systemContext(t), file, publish: o.publish, visibility: o.visibility, force: o.force,
      categoryId: o.category, reportFile: o.report ?? null, lang: o.lang ?? cliLang(),
    });
    if (code !== 1) await rt.database.maintain();
    process.exitCode = code;
  }));

program.command('simulate').description('simulated customers and agents through the HTTP API and WebSockets of a running server (docs/simulator.md)')
  .option('--url <url>', 'server base URL', 'http://127.0.0.1:3000')
  .option('--tenant <slugs>', 'tenant slug(s), comma-separated (default: every demo tenant)')
  .option('--rate <perMinute>', 'contacts per minute, Poisson arrivals (default 5)')
  .option('--agents <n>', 'simulated agents (default 8)')
  .option('--duration <s>', 'seconds of arrivals, 0 = until Ctrl-C (default 0)')
  .option('--handle-mean <s>', 'mean handle time, log-normal (default 60)')
  .option('--handle-sigma <σ>', 'shape of the log-normal handle and ACW times (default 0.5)')
  .option('--acw-mean <s>', 'mean after-contact work (default 15)')
  .option('--patience-mean <s>', 'mean patience before a waiting customer hangs up, exponential; 0 = never (default 45)')
  .option('--answer-delay <min,max>', 'seconds an agent takes to pick up an offer (default 0.5,3)')
  .option('--known-share <0..1>', 'share of contacts from known demo customers (default 0.6)')
  .option('--seed <n>', 'random seed (default 42)')
  .option('--channels <list>', 'voice,chat (default voice)')
  .option('--status-every <s>', 'status line period, 0 = none (default 5)')
  .addOption(new Option('--hours <mode>', 'respect: the tenants\' queues and business hours; ignore: an always-open queue 「シミュレーション」').choices(['respect', 'ignore']).default('respect'))
  .addOption(new Option('--voice <mode>', 'api: calls enter through POST /api/v1/contacts; twilio: phone calls through the Twilio webhooks and the IVR of a simulation line; cti: a simulated PBX distributes the calls and reports them through the CTI webhook').choices(['api', 'twilio', 'cti']).default('api'))
  .option('--cti-token <token>', 'with --voice cti: the tenant\'s own CTI token (else one is issued for the run and removed after it)')
  .option('--serve', 'host the server in this process (needed with embedded PGlite)')
  .action((o: SimulateCommandOptions) => runSimulateCommand(o));

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof AppError) console.error(`error: ${err.message}${err.errors.length ? `\n${err.errors.map((e) => `  - ${e.path}: ${e.message}`).join('\n')}` : ''}`);
  else if (err && typeof err === 'object' && 'issues' in err) console.error(`error: ${(err as { issues: { path: unknown[]; message: string }[] }).issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  else console.error(err);
  process.exit(1);
});
