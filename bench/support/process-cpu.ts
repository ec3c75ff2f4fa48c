import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc's CPU times: getconf's answer, else Linux's usual 100. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system) a process has used so far, in microseconds, from /proc (Linux). */
function cpuMicros(pid: number): number | undefined {
  const ticks = clockTicks();
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticks) * 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` and adds, per named process, the CPU it used per request meanwhile: what each
 * service spends on one request, whatever share of the cores it was given.
 */
export async function withCpuPerRequest<T extends { requests: number }>(processes: Record<string, number | undefined>, work: () => Promise<T>): Promise<T & { cpuMicrosPerRequest: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, pid === undefined ? undefined : cpuMicros(pid)]));
  const result = await work();
  const cpuMicrosPerRequest: Record<string, number> = {};
  for (const [name, pid] of Object.entries(processes)) {
    const [start, end] = [before[name], pid === undefined ? undefined : cpuMicros(pid)];
    if (start !== undefined && end !== undefined && result.requests > 0) cpuMicrosPerRequest[name] = (end - start) / result.requests;
  }
  return { ...result, cpuMicrosPerRequest };
}
