import type { SimAgentDice } from '../../src/core/simulation/agent-machine.js';
import { SimAgent, type SimAgentHooks } from '../../src/cli/simulate/sim-agent.js';
import { ApiClient } from '../../src/cli/simulate/http-client.js';
import type { SimAccount } from '../../src/cli/simulate/setup.js';

/**
 * The agents of a bench's load process: each simulated account signs in over HTTP (8 at a time),
 * opens its agent socket and goes ready. Resolves once every one is available.
 */
export async function startBenchAgents(opts: {
  baseUrl: string;
  accounts: readonly SimAccount[];
  password: string;
  requestTimeoutMs: number;
  dice(account: SimAccount): SimAgentDice;
  hooks(account: SimAccount): SimAgentHooks;
  readyTimeoutMs?: number;
}): Promise<SimAgent[]> {
  const agents: SimAgent[] = [];
  for (let i = 0; i < opts.accounts.length; i += 8) {
    await Promise.all(opts.accounts.slice(i, i + 8).map(async (account) => {
      const client = new ApiClient(opts.baseUrl, { userAgent: 'madoguchi-bench', timeoutMs: opts.requestTimeoutMs });
      await client.login(account.email, opts.password);
      const agent = new SimAgent(account.displayName, client, opts.dice(account), opts.hooks(account));
      await agent.start();
      agents.push(agent);
    }));
  }
  const limit = opts.readyTimeoutMs ?? 30_000;
  for (let waited = 0; agents.some((a) => a.activity !== 'available'); waited += 100) {
    if (waited > limit) throw new Error(`agents not ready after ${limit / 1000} s: ${agents.filter((a) => a.activity !== 'available').length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return agents;
}
