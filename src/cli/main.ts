import { Command, Option } from 'commander';
import { ROLES } from '../core/auth/permissions.js';
import { ConfigError, loadConfig, type Config } from '../server/config/config.js';
import { openRuntime, startServer, type Runtime } from '../server/main.js';
import { AppError } from '../server/platform/app-error.js';
import { systemContext } from '../server/platform/system-context.js';
import { runCustomerImport } from './import-customers.command.js';

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
  await startServer(config, rt);
  const url = config.publicUrl ?? `http://localhost:${config.port}`;
  const where = config.database.kind === 'pglite' ? `embedded PGlite at ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`\n窓口 Madoguchi is ready at ${url}  (${where}; ready in ${((performance.now() - started) / 1000).toFixed(2)} s)`);
  console.log(`API docs: ${url}/api/docs`);
  if (seeded) {
    console.log(seeded.created ? `Seeded demo data: ${seeded.summary}` : 'Demo data already present.');
    console.log(`Demo logins (password: ${seeded.password}):`);
    for (const u of seeded.logins) console.log(`  ${u.email.padEnd(36)} ${u.roles}`);
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

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof AppError) console.error(`error: ${err.message}${err.errors.length ? `\n${err.errors.map((e) => `  - ${e.path}: ${e.message}`).join('\n')}` : ''}`);
  else if (err && typeof err === 'object' && 'issues' in err) console.error(`error: ${(err as { issues: { path: unknown[]; message: string }[] }).issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  else console.error(err);
  process.exit(1);
});
