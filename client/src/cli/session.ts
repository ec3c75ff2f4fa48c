import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What `ops login` keeps between runs. The file holds credentials: it is written 0600. */
export interface StoredSession {
  version: 1;
  url: string;
  username: string;
  userId: string;
  roles: string[];
  deviceId: string;
  accessToken: string;
  accessTokenExpiresAt?: string;
  refreshToken: string;
  refreshTokenExpiresAt?: string;
}

export const SESSION_FILE_NAME = '.reward-ops.json';

export class SessionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionFileError';
  }
}

/** --session FILE, else $OPS_SESSION, else ~/.reward-ops.json. */
export function sessionPath(option: string | undefined, env: Readonly<Record<string, string | undefined>>, home: string): string {
  return option ?? (env['OPS_SESSION'] || join(home, SESSION_FILE_NAME));
}

/** The stored session, or null when there is none. A damaged file is an error, not "logged out". */
export async function readSession(path: string): Promise<StoredSession | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SessionFileError(`Cannot read the session file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SessionFileError(`The session file ${path} is not valid JSON; delete it and log in again.`);
  }
  if (!isStoredSession(parsed)) {
    throw new SessionFileError(`The session file ${path} is not an ops session; delete it and log in again.`);
  }
  return parsed;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record['version'] === 1 &&
    ['url', 'username', 'userId', 'deviceId', 'accessToken', 'refreshToken'].every((key) => typeof record[key] === 'string') &&
    Array.isArray(record['roles'])
  );
}

/**
 * Writes the session readable by its owner only: to a 0600 temporary file renamed over the
 * old one, so a crash never leaves half a file and an older, laxer mode never survives.
 */
export async function writeSession(path: string, session: StoredSession): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600); // in case the umask took bits away (it cannot add any)
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new SessionFileError(`Cannot write the session file ${path}: ${(error as Error).message}`);
  }
}

export async function deleteSession(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new SessionFileError(`Cannot delete the session file ${path}: ${(error as Error).message}`);
  }
}
