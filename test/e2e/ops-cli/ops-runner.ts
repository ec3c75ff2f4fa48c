import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../client/src/ops-cli';
import { dataOf } from '../../support/graphql-result';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../../support/platform';

/** Shared by the ops CLI end-to-end files: one platform and one scratch directory per file. */
export const DAY = 86_400_000;
export let platform: TestPlatform;
export let dir: string;
export let operatorSession: string;
export let adminSession: string;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with a clean environment: the gateway of the test platform, no ~ involved. */
export async function ops(argv: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { OPS_URL: platform.url, ...env },
    homedir: dir,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

/** Starts the platform for the calling file, with a scratch directory and the operator account cli_olga. */
export function useOpsPlatform(): void {
  beforeAll(async () => {
    platform = await startTestPlatform();
    dir = await mkdtemp(join(tmpdir(), 'ops-cli-'));
    operatorSession = join(dir, 'operator-session.json');
    adminSession = join(dir, 'admin-session.json');
    const adminTokens = await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const operator = await platform.signUp('cli_olga');
    dataOf(await platform.request(`mutation($id: ID!) { setRoles(userId: $id, roles: [USER, OPERATOR]) { id } }`, { id: operator.id }, adminTokens.token));
  });
  afterAll(async () => {
    await platform.stop();
    await rm(dir, { recursive: true, force: true });
  });
}
