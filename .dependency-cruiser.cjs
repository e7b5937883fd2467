/** Layers point inward (ARCHITECTURE.md): core imports nothing of server/web/cli; features use each other's services only. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'core-is-pure', severity: 'error', comment: 'src/core has no I/O and no outer layers',
      from: { path: '^src/core' }, to: { path: ['^src/(server|web|cli)', '^node:', '^(fs|path|http|https|net|crypto|child_process)$'] } },
    { name: 'core-no-node-builtins', severity: 'error', from: { path: '^src/core' }, to: { dependencyTypes: ['core'] } },
    { name: 'server-not-web', severity: 'error', from: { path: '^src/server' }, to: { path: '^src/(web|cli)' } },
    { name: 'web-not-server-internals', severity: 'error', comment: 'the SPA may import shared schemas only',
      from: { path: '^src/web' }, to: { path: '^src/server', pathNot: '\\.schemas\\.ts$' } },
    { name: 'no-foreign-repository', severity: 'error', comment: 'features talk through services, never another feature\'s repository',
      from: { path: '^src/server/features/([^/]+)/' }, to: { path: '^src/server/features/([^/]+)/.+\\.repository\\.ts$', pathNot: '^src/server/features/$1/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(\\.test\\.ts$|\\.e2e\\.ts$)' },
  },
};
