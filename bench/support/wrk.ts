import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult, LoadSpec } from './load';

/** Distinct requests wrk cycles through (each a token and body `spec.next()` gave). */
const ROTATION = 2_000;

/**
 * Requests are formatted once, when wrk starts, and cycled; a body carrying "errors" counts
 * as failed (a GraphQL error answered with 200). One wrk thread: the machine's other core
 * belongs to the services under test.
 */
const SCRIPT = `
local requests = {}
-- In init: wrk.path (the URL's path, which wrk.format defaults to) is set by then.
init = function()
  for line in io.lines(os.getenv("WRK_REQUESTS")) do
    local tab = line:find("\\t", 1, true)
    local token, body = line:sub(1, tab - 1), line:sub(tab + 1)
    local headers = { ["content-type"] = "application/json" }
    if token ~= "" then headers["authorization"] = "Bearer " .. token end
    requests[#requests + 1] = wrk.format("POST", nil, headers, body)
  end
end
local i = 0
errors = 0 -- global: done() reads it from each thread with thread:get
request = function() i = i + 1; return requests[(i % #requests) + 1] end
response = function(status, headers, body) if body:find('"errors"', 1, true) then errors = errors + 1 end end
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
done = function()
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors") end
  io.write("GRAPHQL_ERRORS ", total, "\\n")
end
`;

let available: boolean | undefined;

/** wrk (Debian's `wrk` package) on PATH: a C load generator that leaves the CPU to the services. */
export function wrkAvailable(): boolean {
  if (available === undefined) {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      available = true;
    } catch (error) {
      // wrk --version prints its banner and exits 1; only a missing binary is ENOENT.
      available = (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  }
  return available;
}

const milliseconds = (value: string): number => {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value);
  if (!match) throw new Error(`wrk: unreadable latency ${value}`);
  const amount = Number(match[1]);
  return match[2] === 'us' ? amount / 1000 : match[2] === 's' ? amount * 1000 : amount;
};

/** Parses wrk's --latency report. */
export function parseWrkReport(report: string): LoadResult {
  const number = (pattern: RegExp) => Number(pattern.exec(report)?.[1] ?? 0);
  const percentile = (p: number) => {
    const match = new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(report);
    if (!match?.[1]) throw new Error(`wrk: no ${p}th percentile in\n${report}`);
    return milliseconds(match[1]);
  };
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  const requests = number(/(\d+) requests in/);
  return {
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    p50: percentile(50),
    p99: percentile(99),
    requests,
    // Connect errors and timeouts are requests that got no answer; wrk also counts a server
    // closing a kept-alive socket as a read error, which loses no request.
    failed: number(/Non-2xx or 3xx responses: (\d+)/) + number(/GRAPHQL_ERRORS (\d+)/) + (socketErrors ? Number(socketErrors[1]) + Number(socketErrors[4]) : 0),
  };
}

/** Closed-loop load with wrk: `connections` requests in flight for `durationSeconds`. */
export async function wrkLoad(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  try {
    const lines = Array.from({ length: ROTATION }, () => {
      const { body, token } = spec.next();
      return `${token ?? ''}\t${body.replace(/\n/g, ' ')}`;
    });
    writeFileSync(join(dir, 'requests.txt'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'load.lua'), SCRIPT);
    const args = ['-t1', `-c${spec.connections}`, `-d${spec.durationSeconds}s`, '--timeout', '30s', '--latency', '-s', join(dir, 'load.lua'), spec.url];
    const report = await new Promise<string>((resolve, reject) =>
      execFile('wrk', args, { env: { ...process.env, WRK_REQUESTS: join(dir, 'requests.txt') } }, (error, stdout, stderr) => (error ? reject(new Error(`wrk: ${stderr || error.message}`)) : resolve(stdout))),
    );
    return parseWrkReport(report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
