/** A plain-text table for a terminal: first row is the header; columns after the first right-aligned when numeric. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const numeric = rows[0].map((_, i) => rows.slice(1).every((r) => /^[\d.,]*$/.test(r[i] ?? '')));
  return rows.map((r) => r.map((c, i) => (numeric[i] && i > 0 ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}
