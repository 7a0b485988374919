import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import type { ToolInfo } from '../services/capture.service.js';
import { BlobStore } from '../storage/blob-store.js';
import { openDatabase, type DatabaseHandle } from '../storage/database.js';
import { AuditRepository } from '../storage/audit.repository.js';
import { SourceRepository } from '../storage/source.repository.js';
import { UnitOfWork } from '../storage/unit-of-work.js';
import { buildRecordServices, type RecordServices } from '../services/registry.js';

export interface GlobalOptions {
  data?: string;
  json?: boolean;
}

export interface Storage {
  handle: DatabaseHandle;
  sources: SourceRepository;
  audit: AuditRepository;
  unitOfWork: UnitOfWork;
  blobs: BlobStore;
}

/** Wiring for the CLI: configuration, logger and storage, opened only when a command needs them. */
export class CliContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly tool: ToolInfo;
  private storage: Storage | null = null;

  constructor(options: GlobalOptions & { allowPrivate?: boolean }) {
    this.config = loadConfig(undefined, { dataDir: options.data, allowPrivate: options.allowPrivate });
    this.logger = createLogger(this.config.logLevel);
    this.tool = { name: 'chronicle', version: readVersion() };
  }

  async openStorage(): Promise<Storage> {
    if (this.storage) return this.storage;
    const handle = await openDatabase({ databaseUrl: this.config.databaseUrl, dataDir: this.config.dataDir, sqliteMmapBytes: this.config.sqliteMmapBytes });
    this.storage = {
      handle,
      sources: new SourceRepository(handle.db),
      audit: new AuditRepository(handle.db),
      unitOfWork: new UnitOfWork(handle.db),
      blobs: new BlobStore(path.join(this.config.dataDir, 'blobs')),
    };
    return this.storage;
  }

  /** The case-record services (jobs, review, events, entities) over the opened storage. */
  async openRecords(): Promise<RecordServices> {
    const storage = await this.openStorage();
    return buildRecordServices(storage.handle);
  }

  async close(): Promise<void> {
    await this.storage?.handle.close();
    this.storage = null;
  }
}

/** Chronicle's version, from package.json. */
export function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Runs a command's work with storage open and closes it after, whatever happens.
 * Used by every command that reads or writes records.
 */
export async function withContext<T>(command: Command, work: (ctx: CliContext, globals: GlobalOptions) => Promise<T>): Promise<T> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const ctx = new CliContext(globals);
  try {
    return await work(ctx, globals);
  } finally {
    await ctx.close();
  }
}
