import { startTestPlatform, TEST_ADMIN, type TestPlatform } from './platform';

/**
 * The prologue of the end-to-end suites: one platform for the suite (stopped after it) and
 * the seeded admin's token, handed to `use` once both are ready; `env` as startTestPlatform's.
 */
export function platformPerSuite(use: (platform: TestPlatform, adminToken: string) => void, env: Record<string, string> = {}): void {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(env);
    use(platform, (await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).token);
  });
  afterAll(() => platform.stop());
}
