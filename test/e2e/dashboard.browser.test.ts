/**
 * The operator dashboard in a real browser (Debian's Chromium, driven by playwright-core), as
 * its people use it: an operator creates an event through the form and watches it live while a
 * player claims through the API, an auditor filters claims and exports CSV, an admin finds a
 * user by prefix and changes their roles. Requests to any non-loopback host are blocked: it
 * must work offline. Screenshots of the main screens go to docs/dashboard/ (shown in the README).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCsv } from '../../client/src/csv';
import { TEST_ADMIN } from '../support/platform';
import { useDashboardBrowser, maybe, dashboardDir, PASSWORD, BUNDLE_BUDGET_GZIP_BYTES, HOUR, utcInput, platform, adminToken, staff, openDashboard, signIn, withFailureShot, shot, expectFigure, expectValue } from './dashboard-browser-session';

maybe('the operator dashboard in a browser, offline', () => {
  useDashboardBrowser();

  it('ships at most 350 KB of JavaScript (gzipped), from the gateway, with cache headers', async () => {
    const assets = join(dashboardDir, 'dist', 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    const gzipped = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
    process.stdout.write(`dashboard bundle: ${scripts.length} script(s), ${(gzipped / 1024).toFixed(1)} KB gzipped\n`);
    expect(gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
    const script = await fetch(new URL(`/dashboard/assets/${scripts[0]}`, platform.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    const deepLink = await fetch(new URL('/dashboard/events/some-id', platform.url));
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('cache-control')).toBe('no-cache');
    expect(await deepLink.text()).toContain('<div id="root">');
  });

  it('an operator creates an event through the form, finds it in the list, watches claims arrive live, uses the kill switch and duplicates it', async () => {
    await staff('ops_olga', ['USER', 'OPERATOR']);
    const player = await platform.signUp('player_pia', PASSWORD);
    const { context, page } = await openDashboard();
    await withFailureShot(page, 'operator', async () => {
      // Measured and printed, not asserted (timing belongs in benchmarks, not in tests).
      // (Runs in the page; typed without DOM types, which this node project does not load.)
      const load = await page.evaluate(() => {
        const timing = (globalThis as unknown as { performance: { getEntriesByType(type: string): { duration: number }[] } }).performance;
        return timing.getEntriesByType('navigation')[0]?.duration ?? -1;
      });
      process.stdout.write(`dashboard first load (navigation to load event, cold cache): ${Math.round(load)} ms\n`);
      await signIn(page, 'ops_olga');
      await page.getByRole('heading', { name: 'Events' }).waitFor();
      await page.getByText('No events match these filters').waitFor();

      await page.getByRole('link', { name: 'New event' }).click();
      const now = Date.now();
      await page.getByLabel('Title').fill('-50% Launch week');
      await page.getByLabel('Description').fill('Coins and a potion pack for everyone who logs in during launch week.');
      await page.getByLabel('Starts (UTC)').fill(utcInput(now - HOUR));
      await page.getByLabel('Ends (UTC)').fill(utcInput(now + 7 * 24 * HOUR));
      await page.getByLabel('Claim limit (empty = unlimited)').fill('500');

      await page.getByLabel('New challenge type').selectOption({ label: 'Total logins' });
      await page.getByRole('button', { name: 'Add challenge' }).click();
      await page.getByLabel('Challenge 1 logins').fill('1');
      await page.getByLabel('New challenge type').selectOption({ label: 'Currency balance' });
      await page.getByRole('button', { name: 'Add challenge' }).click();
      await page.getByLabel('Challenge 2 currency').selectOption('CASH');
      await page.getByLabel('Challenge 2 comparison').selectOption('AT_MOST');
      await page.getByLabel('Challenge 2 amount').fill('1000');

      await page.getByLabel('New reward type').selectOption({ label: 'Item' });
      await page.getByRole('button', { name: 'Add reward' }).click();
      await page.getByLabel('Reward 1 item id').fill('potion');
      await page.getByLabel('Reward 1 quantity').fill('3');
      await page.getByLabel('New reward type').selectOption({ label: 'Currency' });
      await page.getByRole('button', { name: 'Add reward' }).click();
      await page.getByLabel('Reward 2 amount').fill('0');
      // Reorder: the coins first.
      await page.getByRole('button', { name: 'Move reward 2 up' }).click();
      await expectValue(page, 'Reward 2 item id', 'potion');

      // A server-side error lands on its field: amounts must be >= 1.
      await page.getByRole('button', { name: 'Create event' }).click();
      await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
      await page.locator('label.invalid', { has: page.getByLabel('Reward 1 amount') }).waitFor();
      await page.getByLabel('Reward 1 amount').fill('250');
      await shot(page, 'event-form');
      await page.getByRole('button', { name: 'Create event' }).click();

      // The live view of the new event.
      await page.getByRole('heading', { name: '-50% Launch week' }).waitFor();
      await expectFigure(page, 'Granted', '0');
      await expectFigure(page, 'Remaining stock', '500');

      await page.getByRole('link', { name: 'Events', exact: true }).click();
      const row = page.getByRole('row', { name: /-50% Launch week/ });
      await row.getByText('Running').waitFor();
      await page.getByLabel('Status').selectOption('SCHEDULED');
      await page.getByText('No events match these filters').waitFor();
      await page.getByLabel('Status').selectOption('RUNNING');
      await row.waitFor();
      await shot(page, 'events');
      await row.getByRole('link', { name: '-50% Launch week', exact: true }).click();
      await expectFigure(page, 'Granted', '0');

      // A player claims through the API: the open live view picks it up on its own.
      const eventId = new URL(page.url()).pathname.split('/').pop() ?? '';
      await platform.logIn('player_pia', PASSWORD);
      const claim = `mutation($id: ID!) { claimReward(eventId: $id) { __typename ... on ClaimRejected { reason } } }`;
      expect((await platform.request(claim, { id: eventId }, player.token)).data).toEqual({ claimReward: { __typename: 'RewardClaimed' } });
      expect((await platform.request(claim, { id: eventId }, player.token)).data).toEqual({ claimReward: { __typename: 'ClaimRejected', reason: 'ALREADY_CLAIMED' } });
      await expectFigure(page, 'Granted', '1');
      await expectFigure(page, 'Rejected', '1');
      await expectFigure(page, 'Remaining stock', '499');
      await expectFigure(page, 'Distinct players', '1');
      await page.getByRole('cell', { name: 'ALREADY_CLAIMED' }).waitFor();
      await page.getByRole('img', { name: /Claims per hour/ }).waitFor();
      await shot(page, 'live-event');

      // The kill switch asks first.
      await page.getByRole('button', { name: 'Deactivate -50% Launch week' }).click();
      await page.getByRole('dialog', { name: /Deactivate/ }).getByRole('button', { name: 'Cancel' }).click();
      await page.getByText('Running', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Deactivate -50% Launch week' }).click();
      await page.getByRole('dialog', { name: /Deactivate/ }).getByRole('button', { name: 'Deactivate' }).click();
      await page.getByText('Inactive', { exact: true }).waitFor();
      const rejected = await platform.request(claim, { id: eventId }, (await platform.signUp('player_late', PASSWORD)).token);
      // A player learns nothing of an event they cannot see, and the attempt is not recorded.
      expect(rejected.data).toEqual({ claimReward: { __typename: 'ClaimRejected', reason: 'EVENT_NOT_FOUND' } });
      await page.getByRole('button', { name: 'Activate -50% Launch week' }).click();
      await page.getByRole('dialog', { name: /Activate/ }).getByRole('button', { name: 'Activate' }).click();
      await page.getByText('Running', { exact: true }).waitFor();

      // Duplicate: the form comes prefilled, switched off, with its own title.
      await page.getByRole('link', { name: 'Duplicate' }).click();
      await expectValue(page, 'Title', 'Copy of -50% Launch week');
      await expectValue(page, 'Reward 2 item id', 'potion');
      if (await page.getByLabel('Active').isChecked()) throw new Error('a duplicate should start inactive');
      await page.getByRole('button', { name: 'Create event' }).click();
      await page.getByRole('heading', { name: 'Copy of -50% Launch week' }).waitFor();
      await page.getByText('Inactive', { exact: true }).waitFor();
    });
    await context.close();
  }, 90_000);

  it('an auditor filters claims and exports the filtered set as CSV', async () => {
    await staff('audit_ann', ['USER', 'AUDITOR']);
    const { context, page } = await openDashboard();
    await withFailureShot(page, 'auditor', async () => {
      await signIn(page, 'audit_ann');
      // An auditor reads events but cannot create them.
      await page.getByRole('heading', { name: 'Events' }).waitFor();
      expect(await page.getByRole('link', { name: 'New event' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Claims' }).click();
      await page.getByText('2 claims match.').waitFor();
      await page.getByLabel('Status').selectOption('REJECTED');
      await page.getByText('1 claim matches.').waitFor();
      await page.getByLabel('Reason').selectOption('SOLD_OUT');
      await page.getByText('No claims match these filters.').waitFor();
      await page.getByLabel('Reason').selectOption('ALREADY_CLAIMED');
      await page.getByText('1 claim matches.').waitFor();
      await page.getByRole('button', { name: /Details of claim/ }).click();
      await page.getByText('Idempotency key').waitFor();
      await shot(page, 'claims');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('claims.csv');
      const dir = mkdtempSync(join(tmpdir(), 'dashboard-csv-'));
      const file = join(dir, 'claims.csv');
      await download.saveAs(file);
      const records = parseCsv(readFileSync(file, 'utf8'));
      rmSync(dir, { recursive: true, force: true });
      expect(records[0]).toEqual(['id', 'eventId', 'eventTitle', 'userId', 'username', 'status', 'rejectionReason', 'delivery', 'rewards', 'createdAt']);
      expect(records).toHaveLength(2);
      // The title starts with "-": escaped, so a spreadsheet shows it as text, never as a formula.
      expect(records[1]?.slice(2, 8)).toEqual(["'-50% Launch week", expect.any(String), 'player_pia', 'REJECTED', 'ALREADY_CLAIMED', '']);
    });
    await context.close();
  }, 60_000);

  it('an admin stays signed in across a refused access token, finds a user by prefix and changes their roles, after confirming', async () => {
    const { context, page } = await openDashboard();
    await withFailureShot(page, 'admin', async () => {
      await signIn(page, TEST_ADMIN.username, TEST_ADMIN.password);
      // An access token the API refuses (as an expired one would be): after a reload the client
      // refreshes the session by itself, rotating the refresh token, and the admin stays signed in.
      const before = await page.evaluate(() => {
        const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void } }).sessionStorage;
        const tokens = JSON.parse(storage.getItem('reward-dashboard.session') ?? '{}') as { accessToken: string; refreshToken: string };
        storage.setItem('reward-dashboard.session', JSON.stringify({ ...tokens, accessToken: 'not.a.valid-token' }));
        return tokens.refreshToken;
      });
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      const after = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('reward-dashboard.session') ?? '');
      expect(after).not.toContain(before);
      expect(after).not.toContain('not.a.valid-token');
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByLabel('Username starts with').fill('AUD');
      const row = page.getByRole('row', { name: /audit_ann/ });
      await row.waitFor();
      expect(await page.getByRole('row', { name: /ops_olga/ }).count()).toBe(0);
      await row.getByRole('link', { name: 'audit_ann', exact: true }).click();
      await page.getByRole('heading', { name: 'audit_ann' }).waitFor();
      await page.getByRole('checkbox', { name: 'OPERATOR' }).check();
      await page.getByRole('button', { name: 'Save roles' }).click();
      const dialog = page.getByRole('dialog', { name: /Change audit_ann's roles/ });
      await dialog.getByText('USER, AUDITOR → USER, OPERATOR, AUDITOR').waitFor();
      await dialog.getByRole('button', { name: 'Save roles' }).click();
      await page.getByText('Save roles: done.').waitFor();
      await page.getByText('Roles: USER, OPERATOR, AUDITOR').waitFor();
      await shot(page, 'user');
    });
    const found = await platform.request<{ users: { edges: { node: { roles: string[] } }[] } }>(
      `{ users(filter: { usernamePrefix: "audit_" }) { edges { node { roles } } } }`,
      {},
      adminToken,
    );
    expect(found.data?.users.edges.map((edge) => edge.node.roles)).toEqual([['USER', 'OPERATOR', 'AUDITOR']]);
    await context.close();
  }, 60_000);

  it('a player-only account is told the dashboard is for staff', async () => {
    const { context, page } = await openDashboard();
    await withFailureShot(page, 'player', async () => {
      await signIn(page, 'player_pia');
      await page.getByRole('alert').filter({ hasText: 'The dashboard is for staff' }).waitFor();
      expect(await page.getByRole('link', { name: 'Claims' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    });
    await context.close();
  }, 30_000);
});
