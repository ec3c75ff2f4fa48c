/** The Dockerfile and .dockerignore, read as data (no Docker engine needed). */
import { read, services, list, appServices } from './compose-file';

const dockerfile = read('Dockerfile');
/** Instructions with continuation lines joined and comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages: string[][] = [];
for (const line of instructions) {
  if (/^FROM\s/i.test(line)) stages.push([line]);
  else stages[stages.length - 1]?.push(line);
}
const buildStage = stages[0] ?? [];
const runtimeStage = stages[stages.length - 1] ?? [];
const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;

describe('Dockerfile', () => {
  test('multi-stage on Node 24 (the current LTS): the build stage installs everything and compiles', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/node:24-(bookworm-slim|alpine)/);
    expect(buildStage[0]).toMatch(/ AS build$/i);
    expect(buildStage.some((line) => /^RUN npm ci(?!.*--omit)/.test(line))).toBe(true);
    expect(buildStage.some((line) => /^RUN npm run build/.test(line))).toBe(true);
  });

  test('the runtime stage installs production dependencies only, with every workspace manifest', () => {
    expect(runtimeStage.some((line) => /^RUN npm ci .*--omit=dev/.test(line))).toBe(true);
    expect(runtimeStage.some((line) => /^COPY package\.json package-lock\.json/.test(line))).toBe(true);
    for (const workspace of workspaces) {
      expect(runtimeStage).toContain(`COPY ${workspace}/package.json ${workspace}/`);
      expect(buildStage).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    }
    // No sources and no dev tooling: compiled output and the supergraph only.
    expect(runtimeStage).toContain('COPY --from=build /app/dist ./dist');
    expect(runtimeStage).toContain('COPY --from=build /app/subgraphs/shared/dist ./subgraphs/shared/dist');
    expect(runtimeStage).toContain('COPY --from=build /app/schema ./schema');
    expect(runtimeStage.some((line) => /^COPY (?!--from)(subgraphs|gateway|scripts) /.test(line))).toBe(false);
  });

  test('runs as the unprivileged node user in production mode', () => {
    const userLines = runtimeStage.filter((line) => /^USER\s/.test(line));
    expect(userLines.at(-1)).toBe('USER node');
    expect(runtimeStage.join('\n')).toMatch(/^ENV NODE_ENV=production/m);
    // The last USER comes after every RUN: nothing runs as root after the switch.
    const lastUser = runtimeStage.lastIndexOf(userLines.at(-1)!);
    expect(runtimeStage.slice(lastUser).some((line) => /^RUN\s/.test(line))).toBe(false);
  });

  test('the files compose runs are in the image', () => {
    expect(runtimeStage).toContain('COPY docker/healthcheck.js ./docker/healthcheck.js');
    for (const name of appServices) expect(list(services[name]!.command)[0]).toBe('node');
  });
});

describe('.dockerignore', () => {
  test('keeps secrets, dependencies and build output out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', 'dist', '.git', '.dev-keys', '.env', 'coverage']) expect(ignored).toContain(entry);
  });
});
