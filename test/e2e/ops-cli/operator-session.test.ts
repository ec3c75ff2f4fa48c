/** The operator CLI, run in-process through runCli(argv, io) against the whole platform: one operator session end to end. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLAIM_CSV_COLUMNS, parseCsv } from '../../../client/src/csv';
import { dataOf } from '../../support/graphql-result';
import { TEST_ADMIN } from '../../support/platform';
import { useOpsPlatform, DAY, platform, dir, operatorSession, adminSession, ops } from './ops-runner';

useOpsPlatform();

describe('an operator session', () => {
  const yamlTitle = 'CLI spring "mega", sale';
  let yamlEventId: string;
  let jsonEventId: string;
  let lockedEventId: string;
  const players: { id: string; name: string }[] = [];

  test('login stores the tokens in a 0600 session file', async () => {
    const result = await ops(['login', '--username', 'cli_olga', '--session', operatorSession], { OPS_PASSWORD: 'correct horse battery' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Logged in as cli_olga');
    expect(result.stdout).toContain('OPERATOR');
    expect((await stat(operatorSession)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(operatorSession, 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ username: 'cli_olga', url: platform.url, deviceId: 'ops-cli' });
    expect(typeof stored['refreshToken']).toBe('string');
  });

  test('create-event from a YAML file and from a JSON file', async () => {
    const startsAt = new Date(Date.now() - DAY).toISOString();
    const endsAt = new Date(Date.now() + 7 * DAY).toISOString();
    const yamlFile = join(dir, 'spring.yaml');
    await writeFile(
      yamlFile,
      [
        `title: '${yamlTitle}'`,
        'description: |',
        '  Log in and collect.',
        '  Two lines.',
        `startsAt: ${startsAt}`,
        `endsAt: ${endsAt}`,
        'claimLimit: 50',
        'challenges:',
        '  - loginStreak: { days: 1 }',
        '  - currency: { currency: COIN, comparison: AT_MOST, amount: 1000 }',
        'rewards:',
        '  - currency: { currency: CASH, amount: 100 }',
        '  - item: { itemId: sword, quantity: 1 }',
        '',
      ].join('\n'),
    );
    const created = await ops(['create-event', '--file', 'spring.yaml', '--session', operatorSession]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const match = /^Created event (\S+) /.exec(created.stdout);
    expect(match).not.toBeNull();
    yamlEventId = match![1]!;
    expect(created.stdout).toContain('login streak >= 1 days');
    expect(created.stdout).toContain('currency:CASH:100;item:sword:1');

    const jsonFile = join(dir, 'coupons.json');
    await writeFile(jsonFile, JSON.stringify({ title: 'CLI coupon day', startsAt, endsAt, rewards: [{ coupon: { couponId: 'half-off', quantity: 2 } }] }, null, 2));
    const fromJson = await ops(['create-event', '--file', jsonFile, '--json', '--session', operatorSession]);
    expect(fromJson.code).toBe(0);
    const event = JSON.parse(fromJson.stdout) as { id: string; title: string; rewards: { __typename: string }[]; createdBy: { username: string } };
    expect(event).toMatchObject({ title: 'CLI coupon day', createdBy: { username: 'cli_olga' }, rewards: [{ __typename: 'CouponReward' }] });
    jsonEventId = event.id;

    await writeFile(join(dir, 'locked.yml'), `title: CLI locked\nstartsAt: ${startsAt}\nendsAt: ${endsAt}\nchallenges:\n  - itemCount: { itemId: gem, count: 5 }\nrewards:\n  - coupon: { couponId: vip, quantity: 1 }\n`);
    const locked = await ops(['create-event', '--file', 'locked.yml', '--json', '--session', operatorSession]);
    expect(locked.code).toBe(0);
    lockedEventId = (JSON.parse(locked.stdout) as { id: string }).id;
  });

  test('create-event refuses bad files with a clear message', async () => {
    await writeFile(join(dir, 'typo.yaml'), 'titel: Oops\nstartsAt: 2026-01-01T00:00:00Z\nendsAt: 2026-01-02T00:00:00Z\nrewards: []\n');
    const typo = await ops(['create-event', '--file', 'typo.yaml', '--session', operatorSession]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("unknown field 'titel'");

    await writeFile(join(dir, 'broken.json'), '{ "title": ');
    const broken = await ops(['create-event', '--file', 'broken.json', '--session', operatorSession]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('not valid JSON');

    const missing = await ops(['create-event', '--file', 'nowhere.yaml', '--session', operatorSession]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');

    // Shape errors deeper down are the server's: BAD_USER_INPUT, with the field.
    await writeFile(join(dir, 'backwards.json'), JSON.stringify({ title: 'Backwards', startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z', rewards: [{ coupon: { couponId: 'x', quantity: 1 } }] }));
    const backwards = await ops(['create-event', '--file', 'backwards.json', '--session', operatorSession]);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(/^error: .+ \(BAD_USER_INPUT, field .*endsAt.*\)$/m);
  });

  test('events lists them', async () => {
    const result = await ops(['events', '--session', operatorSession]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^ID\s+TITLE\s+STATUS/);
    for (const id of [yamlEventId, jsonEventId, lockedEventId]) expect(result.stdout).toContain(id);
    expect(result.stdout).toContain('CLI coupon day');
    expect(result.stdout).toContain('50/50');

    const running = await ops(['events', '--status', 'running', '--first', '2', '--json', '--session', operatorSession]);
    expect(running.code).toBe(0);
    const events = JSON.parse(running.stdout) as { status: string }[];
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.status === 'RUNNING')).toBe(true);

    const tooMany = await ops(['events', '--first', '1000', '--session', operatorSession]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('between 1 and 100');
  });

  test('players claim; claims prints a table and export-claims writes one CSV row per claim', async () => {
    for (const name of ['cli_pia', 'cli_sam', 'cli_lee']) {
      await platform.signUp(name);
      const { id, token } = await platform.logIn(name);
      players.push({ id, name });
      for (const eventId of [yamlEventId, jsonEventId, lockedEventId]) {
        dataOf(await platform.request(`mutation($e: ID!) { claimReward(eventId: $e) { __typename } }`, { e: eventId }, token));
      }
    }
    // 3 players × (2 granted + 1 rejected for the unmet challenge)
    const table = await ops(['claims', '--first', '100', '--session', operatorSession]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^CREATED\s+ID\s+EVENT\s+USER\s+STATUS\s+REASON\s+DELIVERY\s+REWARDS$/);
    expect(table.stdout).toContain('CHALLENGE_NOT_MET');
    expect(table.stdout).toContain('9 of 9 claims.');

    const filtered = await ops(['claims', '--event', yamlEventId, '--user', players[0]!.id, '--status', 'GRANTED', '--session', operatorSession]);
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toContain('1 of 1 claim.');
    expect(filtered.stdout).toContain('cli_pia');

    const paged = await ops(['claims', '--first', '2', '--session', operatorSession]);
    expect(paged.stdout).toContain('2 of 9 claims (use ops export-claims for all of them).');

    const none = await ops(['claims', '--after', new Date(Date.now() + DAY).toISOString(), '--session', operatorSession]);
    expect(none).toMatchObject({ code: 0, stdout: 'No claims match.\n' });

    // 9 claims exported in pages of 100 would be one page; the export pages regardless, so
    // check against the server's own count with a filter too.
    const exported = await ops(['export-claims', '--out', 'claims.csv', '--session', operatorSession]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Exported 9 claims to');
    const text = await readFile(join(dir, 'claims.csv'), 'utf8');
    expect(text.startsWith('id,eventId,eventTitle,userId,username,status,rejectionReason,delivery,rewards,createdAt\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CLAIM_CSV_COLUMNS]);
    expect(rows).toHaveLength(9);
    const byColumn = rows.map((row) => Object.fromEntries(CLAIM_CSV_COLUMNS.map((column, i) => [column, row[i]])));
    expect(new Set(byColumn.map((row) => row['id'])).size).toBe(9);
    // The title with a comma and quotes survives the round trip (RFC 4180 quoting).
    expect(text).toContain('"CLI spring ""mega"", sale"');
    const spring = byColumn.filter((row) => row['eventId'] === yamlEventId);
    expect(spring).toHaveLength(3);
    expect(spring.every((row) => row['eventTitle'] === yamlTitle && row['status'] === 'GRANTED' && row['rewards'] === 'currency:CASH:100;item:sword:1')).toBe(true);
    const rejected = byColumn.filter((row) => row['status'] === 'REJECTED');
    expect(rejected.map((row) => [row['eventId'], row['rejectionReason'], row['delivery'], row['rewards']])).toEqual(
      Array(3).fill([lockedEventId, 'CHALLENGE_NOT_MET', '', '']),
    );
    expect(byColumn.map((row) => row['username']).sort()).toEqual(['cli_lee', 'cli_lee', 'cli_lee', 'cli_pia', 'cli_pia', 'cli_pia', 'cli_sam', 'cli_sam', 'cli_sam']);

    const filteredExport = await ops(['export-claims', '--out', '-', '--status', 'REJECTED', '--session', operatorSession]);
    expect(filteredExport.code).toBe(0);
    expect(filteredExport.stderr).toBe('Exported 3 claims.\n');
    expect(parseCsv(filteredExport.stdout)).toHaveLength(1 + 3);
  });

  test('export-claims pages through more claims than one page holds', async () => {
    // 105 players claim the coupon event: more than the API's largest page (100).
    const many = await Promise.all(
      Array.from({ length: 105 }, async (_, i) => {
        const { token } = await platform.signUp(`cli_bulk_${i}`);
        return token;
      }),
    );
    for (const token of many) {
      dataOf(await platform.request(`mutation($e: ID!) { claimReward(eventId: $e) { __typename } }`, { e: jsonEventId }, token));
    }
    const result = await ops(['export-claims', '--out', join(dir, 'coupons.csv'), '--event', jsonEventId, '--session', operatorSession]);
    expect(result.code).toBe(0);
    const [, ...rows] = parseCsv(await readFile(join(dir, 'coupons.csv'), 'utf8'));
    expect(rows).toHaveLength(105 + 3);
    expect(new Set(rows.map((row) => row[0])).size).toBe(108);
  }, 60_000);

  test('a stale access token is refreshed and the rotated tokens are written back to the session file', async () => {
    const stored = JSON.parse(await readFile(operatorSession, 'utf8')) as Record<string, string>;
    await writeFile(operatorSession, JSON.stringify({ ...stored, accessToken: 'garbage' }), { mode: 0o600 });
    const result = await ops(['events', '--first', '1', '--session', operatorSession]);
    expect(result.code).toBe(0);
    const after = JSON.parse(await readFile(operatorSession, 'utf8')) as Record<string, string>;
    expect(after['accessToken']).not.toBe('garbage');
    expect(after['refreshToken']).not.toBe(stored['refreshToken']);
    expect((await stat(operatorSession)).mode & 0o777).toBe(0o600);
    // The next run uses the rotated refresh token: the session stays alive.
    expect((await ops(['whoami', '--session', operatorSession])).stdout).toContain('cli_olga');
  });

  test('set-roles needs ADMIN: FORBIDDEN for the operator, done for the admin', async () => {
    const target = players[1]!;
    const refused = await ops(['set-roles', '--user', target.id, '--roles', 'AUDITOR', '--session', operatorSession]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(FORBIDDEN)');
    expect(refused.stderr).toContain('roles USER, OPERATOR');

    expect((await ops(['login', '--username', TEST_ADMIN.username, '--password', TEST_ADMIN.password, '--session', adminSession])).code).toBe(0);
    const done = await ops(['set-roles', '--user', target.id, '--roles', 'auditor, USER', '--session', adminSession]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`${target.name} (${target.id}) now has roles`);
    expect(done.stdout).toContain('AUDITOR');

    const badRole = await ops(['set-roles', '--user', target.id, '--roles', 'WIZARD', '--session', adminSession]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Unknown role WIZARD');
  });

  test('logout ends the session and removes the file', async () => {
    const result = await ops(['logout', '--session', adminSession]);
    expect(result.code).toBe(0);
    await expect(stat(adminSession)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
