import { summarize, type LoadResult } from './load';

/** One stack's results: each workload's rounds, by workload name, in the order they ran. */
export interface StackResults {
  label: string;
  rounds: Map<string, LoadResult[]>;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

const fmt = (r: LoadResult) => `${r.rps.toFixed(0).padStart(6)} RPS  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms`;

/** A workload's medians across its rounds, or undefined when the stack did not run it. */
function medians(stack: StackResults, name: string): LoadResult | undefined {
  const rounds = stack.rounds.get(name);
  return rounds && rounds.length > 0 ? summarize(rounds) : undefined;
}

/** Each workload's median line, then the ratios within the stack that the issue targets. */
export function reportStack(stack: StackResults): void {
  out(`\n${stack.label}`);
  for (const name of stack.rounds.keys()) {
    const r = medians(stack, name)!;
    const cpu = Object.entries(r.cpuMicrosPerRequest ?? {}).filter(([, micros]) => micros >= 1);
    const cpuNote = cpu.length > 0 ? `  CPU/request: ${cpu.map(([service, micros]) => `${service} ${micros.toFixed(0)} µs`).join(', ')}` : '';
    out(`  ${name.padEnd(32)} ${fmt(r)}${cpuNote}${r.failed ? `  (${r.failed} FAILED)` : ''}`);
  }
  const direct = medians(stack, '{ me } direct to users');
  const through = medians(stack, '{ me } through the gateway');
  if (direct && through) {
    out(`  { me } gateway / direct:   RPS ${(through.rps / direct.rps).toFixed(2)}x (target >= 0.8)   p50 ${(through.p50 / direct.p50).toFixed(2)}x (target <= 1.2)`);
    const [gatewayCpu, usersCpu] = [through.cpuMicrosPerRequest?.['gateway'], direct.cpuMicrosPerRequest?.['users']];
    if (gatewayCpu && usersCpu) out(`  { me } gateway CPU / users CPU per request: ${(gatewayCpu / usersCpu).toFixed(2)}x (the hop's own cost, whatever the share of cores)`);
  }
  const one = medians(stack, 'claims, 1 in flight');
  const fifty = medians(stack, 'claims, 50 in flight');
  if (one && fifty) out(`  claims 50 / 1 in flight:   ${(fifty.rps / one.rps).toFixed(2)}x`);
}

/**
 * `numerator / denominator` for every workload both ran: RPS and p50 ratios, with a target
 * noted per workload where the issue sets one.
 */
export function reportRatios(numerator: StackResults, denominator: StackResults, title: string, targets: Record<string, string> = {}): void {
  out(`\n${title}`);
  for (const name of numerator.rounds.keys()) {
    const [a, b] = [medians(numerator, name), medians(denominator, name)];
    if (!a || !b) continue;
    const target = targets[name] ? `   (${targets[name]})` : '';
    out(`  ${name.padEnd(32)} RPS ${(a.rps / b.rps).toFixed(2)}x   p50 ${(a.p50 / b.p50).toFixed(2)}x${target}`);
  }
}
