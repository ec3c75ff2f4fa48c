import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AuditClaimFieldsFragment } from '../generated/graphql';
import { claimCsvHeader, claimCsvRecord } from '../csv';
import { InputFileError } from './event-file';

/** Writes the header and one record per claim; returns how many claims were written. */
export async function writeClaimsCsv(
  pages: AsyncIterable<readonly AuditClaimFieldsFragment[]>,
  write: (text: string) => void | Promise<void>,
): Promise<number> {
  await write(claimCsvHeader());
  const seen = new Set<string>();
  for await (const claims of pages) {
    let chunk = '';
    for (const claim of claims) {
      if (seen.has(claim.id)) continue; // a claim never appears twice, even if pages shift
      seen.add(claim.id);
      chunk += claimCsvRecord(claim);
    }
    if (chunk) await write(chunk);
  }
  return seen.size;
}

/** Streams into a temporary file beside `path` and renames it into place only on success. */
export async function writeFileAtomically<T>(path: string, produce: (write: (text: string) => Promise<void>) => Promise<T>): Promise<T> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'w');
  } catch (error) {
    throw new InputFileError(`Cannot write ${path}: ${(error as Error).message}`);
  }
  try {
    const file = handle;
    const result = await produce(async (text) => {
      await file.write(text);
    });
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
    return result;
  } catch (error) {
    await handle?.close();
    await rm(temporary, { force: true });
    throw error;
  }
}

