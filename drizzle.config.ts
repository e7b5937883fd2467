import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; both engines apply the same files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema/*.table.ts',
  out: './src/server/db/migrations',
});
