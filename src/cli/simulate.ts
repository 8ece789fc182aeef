import { Command, Option } from 'commander';
import { startSimulator } from '../simulator/server.js';
import { intOption, numberOption } from './options.js';

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('Serve a seeded synthetic Akamai account over HTTPS with the IAM v3 read API (EdgeGrid-verified)')
    .option('--seed <seed>', 'tenant seed: the same seed always gives the same tenant', 'demo')
    .addOption(new Option('--users <n>', 'users in the main account (groups, clients and the rest scale from it)').default(250).argParser(intOption('--users', 1)))
    .addOption(new Option('--period <n>', 'quarters the tenant has evolved since it was generated').default(0).argParser(intOption('--period', 0)))
    .addOption(new Option('--port <n>', 'port on 127.0.0.1 (0 = a free port, printed)').default(0).argParser(intOption('--port', 0)))
    .option('--write-edgerc <file>', 'write an .edgerc with the accepted credentials, and FILE.ca.pem, the CA to trust')
    .option('--section <name>', 'section name for --write-edgerc (a second one, NAME-limited, lacks IAM access)', 'default')
    .addOption(new Option('--rate-limit <n>', 'requests per second per client (0 = off)').default(100).argParser(numberOption('--rate-limit', 0)))
    .addOption(new Option('--burst <n>', 'rate-limit bucket size (default: the rate limit)').argParser(intOption('--burst', 1)))
    .addOption(new Option('--rate-limit-headers <style>', 'Akamai-RateLimit-* or X-RateLimit-* headers').choices(['akamai', 'x']).default('akamai'))
    .addOption(new Option('--latency <ms>', 'added to every response').default(0).argParser(intOption('--latency', 0)))
    .addOption(new Option('--error-rate <p>', 'share (0-1) of 500/503 responses').default(0).argParser(numberOption('--error-rate', 0, 1)))
    .addOption(new Option('--slow-rate <p>', 'share (0-1) of responses delayed by --slow-ms').default(0).argParser(numberOption('--slow-rate', 0, 1)))
    .addOption(new Option('--slow-ms <ms>', 'delay of a slow response').default(30000).argParser(intOption('--slow-ms', 0)))
    .addOption(new Option('--truncate-rate <p>', 'share (0-1) of 200 responses with truncated JSON').default(0).argParser(numberOption('--truncate-rate', 0, 1)))
    .action(async (o) => {
      const started = Date.now();
      const sim = await startSimulator({
        seed: o.seed, users: o.users, period: o.period, port: o.port,
        faults: { rateLimit: o.rateLimit, burst: o.burst, rateLimitHeaders: o.rateLimitHeaders, latencyMs: o.latency,
          errorRate: o.errorRate, slowRate: o.slowRate, slowMs: o.slowMs, truncateRate: o.truncateRate },
      });
      const w = sim.world;
      const accounts = [w.home, ...w.switched.values()];
      console.log(`Akamai IAM v3 simulator on https://${sim.host}/identity-management/v3 (started in ${Date.now() - started} ms)`);
      for (const t of accounts) {
        console.log(`  ${t.switchKey ? `switch key ${t.switchKey}` : 'own account'}: ${t.accountName} (${t.accountId}) — ` +
          `${t.users.size} users, ${t.groups.size} groups, ${t.roles.size} roles, ${t.apiClients.size} API clients, ${t.cidrBlocks.size} CIDR blocks`);
      }
      if (o.writeEdgerc) {
        const { edgerc, caFile } = await sim.writeEdgerc(o.writeEdgerc, o.section);
        console.log(`Wrote ${edgerc} (sections [${o.section}] and [${o.section}-limited]) and ${caFile}.`);
        console.log(`Use: NODE_EXTRA_CA_CERTS=${caFile} ./bin/iam-audit extract --edgerc ${edgerc} --section ${o.section}`);
      }
      console.log('Press Ctrl-C to stop.');
      const stop = async () => {
        await sim.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
