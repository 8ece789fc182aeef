import { Command } from 'commander';
import { startSimulator } from '../simulator/server.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('Audit the built-in simulated tenant end to end (no Akamai account needed)')
    .option('--seed <seed>', 'tenant seed', 'demo')
    .action(async (o) => {
      const sim = await startSimulator({ seed: o.seed, users: 250 });
      for (const t of [sim.world.home, ...sim.world.switched.values()]) {
        console.log(`${t.accountName} (${t.accountId}): ${t.users.size} users, ${t.groups.size} groups, ${t.apiClients.size} API clients`);
      }
      await sim.close();
    });
}
