/** The operator CLI, run in-process against the whole platform: help, usage errors and failed logins. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { useOpsPlatform, dir, operatorSession, ops } from './ops-runner';

useOpsPlatform();

test('--help, help <command> and <command> --help exit 0 and describe the commands', async () => {
  const help = await ops(['--help']);
  expect(help.code).toBe(0);
  for (const command of ['login', 'create-event', 'events', 'claims', 'export-claims', 'set-roles']) expect(help.stdout).toContain(command);
  const claimsHelp = await ops(['claims', '--help']);
  expect(claimsHelp.code).toBe(0);
  expect(claimsHelp.stdout).toContain('--status STATUS');
  expect(claimsHelp.stdout).toContain('--before ISO');
  expect((await ops(['help', 'export-claims'])).stdout).toContain('--out FILE');
});

test('unknown commands and options are usage errors (exit 2) that point at the help', async () => {
  const unknown = await ops(['launch-rockets']);
  expect(unknown.code).not.toBe(0);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("Unknown command 'launch-rockets'");
  const badOption = await ops(['events', '--colour', 'red']);
  expect(badOption.code).toBe(2);
  expect(badOption.stderr).toContain("Unknown option '--colour' for 'events'");
  expect(badOption.stderr).toContain("Run 'ops events --help'");
  const badStatus = await ops(['claims', '--status', 'MAYBE', '--session', operatorSession]);
  expect(badStatus.code).toBe(2);
  expect(badStatus.stderr).toContain('GRANTED, REJECTED');
  const badDate = await ops(['claims', '--after', 'last tuesday', '--session', operatorSession]);
  expect(badDate.code).toBe(2);
  expect(badDate.stderr).toContain('ISO-8601');
  const noArgs = await ops([]);
  expect(noArgs.code).toBe(2);
  expect(noArgs.stderr).toContain('Usage: ops');
});

test('bad credentials: non-zero exit, the server message and code, no session file', async () => {
  const session = join(dir, 'never.json');
  const result = await ops(['login', '--username', 'cli_olga', '--password', 'not the password', '--session', session]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: .*(invalid|incorrect|wrong).*\(UNAUTHENTICATED\)$/im);
  await expect(stat(session)).rejects.toMatchObject({ code: 'ENOENT' });

  const missing = await ops(['login', '--username', 'cli_olga', '--session', session]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('--password');
});

test('commands other than login need a session; an unreachable gateway is reported clearly', async () => {
  const none = await ops(['events', '--session', join(dir, 'absent.json')]);
  expect(none.code).toBe(1);
  expect(none.stderr).toContain("Not logged in: run 'ops login");

  const down = await ops(['login', '--username', 'cli_olga', '--password', 'whatever-pass', '--url', 'http://127.0.0.1:1/graphql', '--session', join(dir, 'x.json')]);
  expect(down.code).toBe(1);
  expect(down.stderr).toContain('Cannot reach the GraphQL gateway at http://127.0.0.1:1/graphql');
  expect(down.stderr).toContain('(NETWORK_ERROR)');
});
