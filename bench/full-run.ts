// The whole default run (`npm run conformance`: every bundled spec against its embedded mock) as a
// user starts it: wall time, cases per second, and the peak RSS of its process tree (vitest workers
// included), sampled from /proc (Linux; elsewhere the RSS figures are absent).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/results/report.ts';

const BIN = new URL('../bin/sip-conformance', import.meta.url).pathname;

function rssOfTree(root: number): number | undefined {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return undefined;
  }
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      parent.set(pid, Number(/PPid:\s+(\d+)/.exec(status)?.[1]));
      rss.set(pid, Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && pid !== 1 && inTree(parent.get(pid)!));
  return [...rss].filter(([pid]) => inTree(pid)).reduce((n, [, bytes]) => n + bytes, 0);
}

export interface FullRun {
  wallSeconds: number;
  cases: number;
  casesPerSecond: number;
  peakRssMiB?: number;
  exitCode: number | null;
  specs: Record<string, number>;
}

export async function fullRun(args: string[] = []): Promise<FullRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sipc-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'run', '--seed', '1', '--report-dir', dir, ...args], { stdio: 'ignore' });
  let peak: number | undefined;
  const timer = setInterval(() => {
    const rss = rssOfTree(child.pid!);
    if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
  }, 200);
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(timer);
  const wallSeconds = (performance.now() - started) / 1000;
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  const specs = Object.fromEntries(report.specs.map((s) => [s.spec, s.requirements.reduce((n, r) => n + r.cases, 0)]));
  const cases = Object.values(specs).reduce((a, b) => a + b, 0);
  return { wallSeconds: Number(wallSeconds.toFixed(2)), cases, casesPerSecond: Math.round(cases / wallSeconds), peakRssMiB: peak && Math.round(peak / 2 ** 20), exitCode, specs };
}
