// Copies the non-TypeScript files the code reads at run time (SQL, framework mappings) into dist/,
// then stamps the build so bin/iam-audit can tell a stale build from a fresh one.
import { cpSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;
const dist = new URL('../dist/', import.meta.url).pathname;
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
for (const file of walk(src)) {
  if (/\.(sql|ya?ml|json|hbs)$/.test(file)) cpSync(file, join(dist, relative(src, file)));
}
writeFileSync(join(dist, '.build-stamp'), new Date().toISOString());
