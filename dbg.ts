import { Store } from './src/store/store.ts';
import { analyze, latestSnapshots } from './src/analyze/analyzer.ts';
import { defaultConfig } from './src/config.ts';
const store = await Store.open('reports/demo/iam-audit.duckdb');
const t0 = Date.now();
const res = await analyze(store, defaultConfig(), await latestSnapshots(store));
console.log('ms', Date.now() - t0);
for (const r of res) {
  console.log(r.snapshot.accountName, r.findings.length);
  for (const c of r.checks) console.log('  ', c.checkId, c.status, c.findings, c.note ?? '');
}
console.log(res[0].findings.slice(0, 5).map(f => `${f.checkId} ${f.resourceName}: ${f.reason}`).join('\n'));
for (const c of new Set(res[0].findings.map(f=>f.checkId))) { const f = res[0].findings.find(x=>x.checkId===c)!; console.log(c, '|', f.resourceName, '|', f.reason); }
console.log(res[0].frameworks.filter(f=>f.frameworkId==='pci-dss-4.0').map(f=>`${f.requirementId} ${f.status} ${f.note}`).join('\n'));
store.close();
