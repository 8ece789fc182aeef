/**
 * The DuckDB file: opened (and migrated) once per command, then snapshots are written into it
 * atomically. A snapshot row is inserted as `running` outside the transaction (so a crash leaves a
 * trace), its data is appended inside one transaction, and that transaction ends either with the
 * row set to `complete` or with a rollback and the row set to `failed` with its reason.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBTypeId, LIST, VARCHAR, BIGINT, type DuckDBType } from '@duckdb/node-api';
import { UserError } from '../errors.js';

const SCHEMA_SQL = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
export const SCHEMA_VERSION = '1';
const CATALOG = 'audit';
/** Small row groups keep a large uncommitted snapshot from sitting in memory (see docs/data-model.md). */
const ROW_GROUP_SIZE = 8192;
const FLUSH_ROWS = 2048;
const DEFAULT_MEMORY_LIMIT = '1GB';

function parseBytes(limit: string): number {
  const m = /^(\d+)\s*(KB|MB|GB)$/i.exec(limit.trim());
  if (!m) throw new Error(`bad memory limit ${limit}`);
  return Number(m[1]) * 1024 ** ({ KB: 1, MB: 2, GB: 3 }[m[2].toUpperCase() as 'KB' | 'MB' | 'GB']);
}

export type Row = Record<string, unknown>;

function isBigIntish(t: DuckDBType): boolean {
  if (t.typeId === DuckDBTypeId.BIGINT || t.typeId === DuckDBTypeId.HUGEINT || t.typeId === DuckDBTypeId.UBIGINT) return true;
  return t.typeId === DuckDBTypeId.LIST && isBigIntish((t as unknown as { valueType: DuckDBType }).valueType);
}

function toNumber(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toNumber);
  if (typeof v === 'string' && Number.isSafeInteger(Number(v))) return Number(v);
  return v;
}
type ColumnWriter = (a: DuckDBAppender, v: unknown) => void;

function writerFor(type: string): ColumnWriter {
  switch (type) {
    case 'INTEGER': return (a, v) => a.appendInteger(v as number);
    case 'BIGINT': return (a, v) => a.appendBigInt(BigInt(v as number));
    case 'BOOLEAN': return (a, v) => a.appendBoolean(v as boolean);
    case 'VARCHAR[]': return (a, v) => a.appendList(v as string[], LIST(VARCHAR));
    case 'BIGINT[]': return (a, v) => a.appendList((v as number[]).map(BigInt), LIST(BIGINT));
    // VARCHAR, JSON, and TIMESTAMPTZ from ISO text (DuckDB casts on append).
    default: return (a, v) => a.appendVarchar(typeof v === 'string' ? v : JSON.stringify(v));
  }
}

/** Buffers rows of one table and appends them in batches, so memory holds at most a batch. */
class TableWriter {
  private pending = 0;
  rows = 0;
  constructor(readonly table: string, private readonly appender: DuckDBAppender, private readonly columns: { name: string; write: ColumnWriter }[]) {}

  append(row: Row): void {
    const a = this.appender;
    for (const c of this.columns) {
      const v = row[c.name];
      if (v === undefined || v === null) a.appendNull();
      else c.write(a, v);
    }
    a.endRow();
    this.rows += 1;
    if (++this.pending >= FLUSH_ROWS) this.flush();
  }

  flush(): void {
    if (this.pending) this.appender.flushSync();
    this.pending = 0;
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }
}

export interface SnapshotStart {
  runId: string;
  apiHost: string;
  edgercSection: string;
  accountSwitchKey?: string;
  toolVersion: string;
  startedAt: string;
  clientTokensKept: boolean;
}

export interface SnapshotEnd {
  finishedAt: string;
  requests: number;
  retries: number;
  rateLimited: number;
  vanished: number;
  accountId?: string;
  accountName?: string;
  callerClientId?: string;
  callerClientName?: string;
  callerUiUserName?: string;
}

export class Store {
  private writers = new Map<string, Promise<TableWriter>>();
  private columnCache = new Map<string, { name: string; write: ColumnWriter }[]>();
  private inTransaction = false;

  private constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private memoryLimitBytes: number,
  ) {}

  /** Opens (creating and migrating) the DuckDB file, or fails with a one-line error naming the fix. */
  static async open(file: string, opts: { create?: boolean; memoryLimit?: string; threads?: number } = {}): Promise<Store> {
    const path = resolve(file);
    const create = opts.create ?? true;
    if (!existsSync(path)) {
      if (!create) throw new UserError(`No DuckDB file at ${path}: run \`iam-audit extract --db ${file}\` first, or pass the right --db.`);
      try {
        mkdirSync(dirname(path), { recursive: true });
        accessSync(dirname(path), constants.W_OK);
      } catch {
        throw new UserError(`Cannot write to ${dirname(path)}: choose a writable directory with --db FILE.`);
      }
    }
    const instance = await DuckDBInstance.create(':memory:', { threads: String(opts.threads ?? 2), memory_limit: opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT });
    const connection = await instance.connect();
    try {
      await connection.run(`ATTACH '${path.replace(/'/g, "''")}' AS ${CATALOG} (ROW_GROUP_SIZE ${ROW_GROUP_SIZE}); USE ${CATALOG};`);
    } catch (err) {
      connection.closeSync();
      instance.closeSync();
      const msg = (err as Error).message;
      if (/lock/i.test(msg)) throw new UserError(`${path} is in use by another process (DuckDB allows one writer): wait for it to finish or close it.`);
      if (/not a valid DuckDB|database file|magic|Unrecognized|header/i.test(msg)) throw new UserError(`${path} is not a DuckDB file: pass a new or existing iam-audit database with --db FILE.`);
      if (/permission|read-only|Read-only/i.test(msg)) throw new UserError(`Cannot write ${path} (permission denied): choose a writable --db FILE.`);
      throw new UserError(`Cannot open ${path}: ${msg.split('\n')[0]}`);
    }
    const store = new Store(path, instance, connection, parseBytes(opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT));
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const existing = await this.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_catalog = '${CATALOG}' AND table_name = 'schema_meta'`);
    if (existing[0].n > 0) {
      const v = await this.query<{ value: string }>(`SELECT value FROM schema_meta WHERE key = 'schema_version'`);
      if (v[0] && v[0].value !== SCHEMA_VERSION) {
        throw new UserError(`${this.file} has data model version ${v[0].value}; this iam-audit writes version ${SCHEMA_VERSION}. Use a matching iam-audit or a new --db file.`);
      }
    }
    await this.connection.run(SCHEMA_SQL);
    await this.connection.run(`INSERT OR REPLACE INTO schema_meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
    // A snapshot still 'running' belongs to a process that died: DuckDB's file lock proves no one else is writing.
    await this.connection.run(`UPDATE snapshots SET status = 'failed', failure_reason = 'interrupted: the process ended before the snapshot completed'
      WHERE status = 'running'`);
  }

  /**
   * Rows as plain JSON values. BIGINT ids come back as numbers (JSON would make them strings);
   * timestamps as DuckDB's text form.
   */
  async query<T = Row>(sql: string, params?: Record<string, unknown>): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params as never);
    const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
    const names = reader.columnNames();
    const bigints = reader.columnTypes().map((t, i) => (isBigIntish(t) ? names[i] : undefined)).filter((n): n is string => !!n);
    if (bigints.length) {
      for (const row of rows) for (const n of bigints) row[n] = toNumber(row[n]);
    }
    return rows as T[];
  }

  /** The column names a query returns (run it with LIMIT 0 to learn them cheaply). */
  async columnsOf(sql: string, params?: Record<string, unknown>): Promise<string[]> {
    return (await this.connection.runAndReadAll(sql, params as never)).columnNames();
  }

  async run(sql: string, params?: Record<string, unknown>): Promise<void> {
    await this.connection.run(sql, params as never);
  }

  private async columns(table: string) {
    let cols = this.columnCache.get(table);
    if (!cols) {
      const rows = await this.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = '${CATALOG}' AND table_name = $t ORDER BY ordinal_position`, { t: table });
      if (!rows.length) throw new Error(`no table ${table}`);
      cols = rows.map((r) => ({ name: r.column_name, write: writerFor(r.data_type) }));
      this.columnCache.set(table, cols);
    }
    return cols;
  }

  /** Inserts the snapshot row as `running` and opens the transaction its data goes into. */
  async beginSnapshot(s: SnapshotStart): Promise<number> {
    const rows = await this.query<{ snapshot_id: number }>(
      `INSERT INTO snapshots (run_id, account_switch_key, api_host, edgerc_section, tool_version, started_at, status, client_tokens_kept)
       VALUES ($run, $key, $host, $section, $version, $started::TIMESTAMPTZ, 'running', $kept) RETURNING snapshot_id`,
      { run: s.runId, key: s.accountSwitchKey ?? null, host: s.apiHost, section: s.edgercSection, version: s.toolVersion, started: s.startedAt, kept: s.clientTokensKept });
    await this.connection.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    return rows[0].snapshot_id;
  }

  /** Appends one row (columns by name; missing ones are NULL) to a table of the open snapshot. */
  async append(table: string, row: Row): Promise<void> {
    // A very large value (a huge raw response) needs a DuckDB block of its size: grow the memory
    // limit for it rather than fail, since a small limit is only there to keep the footprint low.
    let size = 0;
    for (const v of Object.values(row)) if (typeof v === 'string') size += v.length;
    if (size * 3 > this.memoryLimitBytes) {
      this.memoryLimitBytes = size * 3;
      await this.connection.run(`SET memory_limit = '${Math.ceil(this.memoryLimitBytes / 1024 ** 2)}MB'`);
    }
    let w = this.writers.get(table);
    if (!w) {
      w = (async () => new TableWriter(table, await this.connection.createAppender(table, 'main', CATALOG), await this.columns(table)))();
      this.writers.set(table, w);
    }
    (await w).append(row);
  }

  /** Writes out every appended row (still inside the caller's transaction). */
  async flushAppends(): Promise<void> {
    const writers = await Promise.all(this.writers.values());
    this.writers.clear();
    for (const w of writers) w.close();
  }

  /** Drops the appenders of a transaction about to be rolled back. */
  async abandonAppends(): Promise<void> {
    try {
      await this.flushAppends();
    } catch {
      // The rollback that follows discards whatever the appenders held.
    }
    this.writers.clear();
  }

  async completeSnapshot(id: number, end: SnapshotEnd): Promise<void> {
    await this.flushAppends();
    await this.connection.run(
      `UPDATE snapshots SET status = 'complete', finished_at = $finished::TIMESTAMPTZ, requests = $requests, retries = $retries,
         rate_limited = $rateLimited, vanished = $vanished, account_id = $accountId, account_name = $accountName,
         caller_client_id = $callerClientId, caller_client_name = $callerClientName, caller_ui_user_name = $callerUiUserName
       WHERE snapshot_id = $id`,
      { id, finished: end.finishedAt, requests: end.requests, retries: end.retries, rateLimited: end.rateLimited, vanished: end.vanished,
        accountId: end.accountId ?? null, accountName: end.accountName ?? null, callerClientId: end.callerClientId ?? null,
        callerClientName: end.callerClientName ?? null, callerUiUserName: end.callerUiUserName ?? null });
    await this.connection.run('COMMIT');
    this.inTransaction = false;
  }

  /** Drops everything the snapshot wrote and records why it failed. */
  async failSnapshot(id: number, reason: string, end: Pick<SnapshotEnd, 'finishedAt' | 'requests' | 'retries' | 'rateLimited'>): Promise<void> {
    await this.abandonAppends();
    if (this.inTransaction) await this.connection.run('ROLLBACK');
    this.inTransaction = false;
    await this.connection.run(
      `UPDATE snapshots SET status = 'failed', failure_reason = $reason, finished_at = $finished::TIMESTAMPTZ, requests = $requests,
         retries = $retries, rate_limited = $rateLimited WHERE snapshot_id = $id`,
      { id, reason, finished: end.finishedAt, requests: end.requests, retries: end.retries, rateLimited: end.rateLimited });
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
