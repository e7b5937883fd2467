// The compiled server reads SQL migrations at run time; tsc copies only .ts, so copy them beside it.
import { cpSync } from 'node:fs';
cpSync('src/server/db/migrations', 'dist/server/db/migrations', { recursive: true });
