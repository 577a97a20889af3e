// The whole default run (`npm run conformance`: every bundled spec against its embedded mock), or any
// other run, as a user starts it: wall time, CPU seconds of its process tree (the shell's `times`),
// cases per second, the peak RSS (and PSS) of its process tree (vitest workers included), sampled from
// /proc (Linux; elsewhere the memory figures are absent), and the size of the reports it wrote.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/results/report.ts';

const BIN = new URL('../bin/sip-conformance', import.meta.url).pathname;

/** Process groups of the runs going now: a run is detached (its own group), so the bench's own interruption does not reach it. */
const running = new Set<number>();

/** Interrupts every run still going, its whole group as Ctrl-C would: an interrupted bench leaves no run behind. */
export function interruptRuns(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
}

/**
 * The resident memory of the process tree: RSS summed (what the goal counts; pages the processes share,
 * such as Node's own code, count once per process) and PSS summed (each shared page split among its
 * sharers: the tree's own share of the machine's memory), in bytes.
 */
function memoryOfTree(root: number): { rss: number; pss?: number } | undefined {
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
  const tree = [...rss].filter(([pid]) => inTree(pid));
  return { rss: tree.reduce((n, [, bytes]) => n + bytes, 0), pss: pssOf(tree.map(([pid]) => pid)) };
}

/** Summed PSS of the processes (`/proc/PID/smaps_rollup`, Linux 4.14+), undefined where unreadable. */
function pssOf(pids: number[]): number | undefined {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return undefined;
    }
  }
  return sum;
}

export interface FullRun {
  wallSeconds: number;
  /** User and system CPU of the run's processes, workers included. */
  cpuSeconds?: number;
  cases: number;
  casesPerSecond: number;
  peakRssMiB?: number;
  /** The peak of the tree's summed PSS (shared pages split among the processes), beside the RSS. */
  peakPssMiB?: number;
  exitCode: number | null;
  specs: Record<string, number>;
  /** Bytes of each report written (report.json, report.html...). */
  reportBytes: Record<string, number>;
}

/** `times` of a POSIX shell: the CPU of the shell's children, as `0m21.340s 0m3.120s` on its second line. */
function childrenCpuSeconds(times: string): number | undefined {
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(times.trim());
  return m ? Number((Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])).toFixed(1)) : undefined;
}

/** Runs `sip-conformance run ARGS` (seed 1, a fresh report directory); killed after `limitMs`. */
export async function fullRun(args: string[] = [], limitMs = 600_000): Promise<FullRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sipc-bench-'));
  const started = performance.now();
  const command = ['run', '--seed', '1', '--report-dir', dir, ...args];
  const child = spawn('/bin/sh', ['-c', '"$0" "$@" >/dev/null 2>&1; code=$?; times >&2; exit $code', process.execPath, BIN, ...command], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  running.add(child.pid!);
  let times = '';
  child.stderr.on('data', (d: Buffer) => (times += d));
  // The whole group: the run writes its partial report and stops, as on Ctrl-C.
  const limit = setTimeout(() => process.kill(-child.pid!, 'SIGINT'), limitMs);
  let peak: number | undefined;
  let peakPss: number | undefined;
  const timer = setInterval(() => {
    const memory = memoryOfTree(child.pid!);
    if (memory) peak = Math.max(peak ?? 0, memory.rss);
    if (memory?.pss !== undefined) peakPss = Math.max(peakPss ?? 0, memory.pss);
  }, 200);
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  running.delete(child.pid!);
  clearInterval(timer);
  clearTimeout(limit);
  const wallSeconds = (performance.now() - started) / 1000;
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  const specs = Object.fromEntries(report.specs.map((s) => [s.spec, s.requirements.reduce((n, r) => n + r.cases, 0)]));
  const cases = Object.values(specs).reduce((a, b) => a + b, 0);
  const reportBytes = Object.fromEntries(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).size]));
  return { wallSeconds: Number(wallSeconds.toFixed(2)), cpuSeconds: childrenCpuSeconds(times), cases, casesPerSecond: Math.round(cases / wallSeconds), peakRssMiB: peak && Math.round(peak / 2 ** 20), peakPssMiB: peakPss && Math.round(peakPss / 2 ** 20), exitCode, specs, reportBytes };
}
