#!/usr/bin/env node
// Entry point of the `madoguchi` command: runs the compiled CLI (built by `npm install` → prepare).
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
    console.error('madoguchi is not built yet: run `npm run build` (npm install does it for you).');
    process.exit(1);
  }
  throw err;
});
