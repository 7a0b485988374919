import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../domain/errors.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** SHA-256 of some bytes, lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type BlobCheck = { sha256: string; status: 'ok' | 'missing' | 'mismatch'; actual?: string };

/**
 * Content-addressed store for original bytes: `<root>/ab/cd/<sha256>`.
 * Writes are atomic and durable (temp file in the same folder, fsync, rename, fsync the
 * folder), so a blob either exists whole under its hash or not at all. Blobs are never
 * overwritten and are stored read-only.
 */
export class BlobStore {
  constructor(readonly root: string) {}

  pathFor(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new AppError('INVALID_INPUT', `not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fsp.access(this.pathFor(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /** Stores bytes and returns their hash; a blob already present is left as it is. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathFor(sha256);
    if (await this.has(sha256)) return sha256;
    const dir = path.dirname(target);
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    const fh = await fsp.open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await fsp.rename(tmp, target);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    await fsp.chmod(target, 0o400);
    await syncDir(dir);
    return sha256;
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await fsp.readFile(this.pathFor(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `blob ${sha256} is missing from the store`);
      throw e;
    }
  }

  /** Re-hashes a stored blob by streaming it (blobs can be large). */
  async check(sha256: string): Promise<BlobCheck> {
    const file = this.pathFor(sha256);
    const hash = createHash('sha256');
    try {
      await new Promise<void>((resolve, reject) => {
        const stream = fs.createReadStream(file);
        stream.on('data', (chunk) => hash.update(chunk));
        stream.on('error', reject);
        stream.on('end', resolve);
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { sha256, status: 'missing' };
      throw e;
    }
    const actual = hash.digest('hex');
    return actual === sha256 ? { sha256, status: 'ok' } : { sha256, status: 'mismatch', actual };
  }
}

async function syncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic there.
  } finally {
    await fh?.close();
  }
}
