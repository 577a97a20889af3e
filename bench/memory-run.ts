// One process, one RingCentral run of about N cases against the mock at URL: prints the cases, the
// peak RSS (sampled) and the live heap after a full GC, as JSON. The bench runs it once per N for the memory curve.
import { ringcentralMock } from '../specs/ringcentral/mock/index.ts';
import { runSpec } from '../src/run/run-spec.ts';
import { loadSpec } from '../specs/index.ts';

const [url, wanted] = [process.argv[2]!, Number(process.argv[3])];
const spec = await loadSpec('ringcentral');
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const section = { token: ringcentralMock.fixtures.token, fixtures: Object.fromEntries(Object.entries(ringcentralMock.fixtures).filter(([k]) => k !== 'token')) };
const started = performance.now();
const report = await runSpec(spec, { seed: 1, runs: Math.ceil(wanted / spec.catalogue.length), timeoutMs: 5000, concurrency: 16, timeLimitMs: 3_600_000, section, target: url, rate: 'none' });
clearInterval(timer);
const cases = report.requirements.reduce((n, r) => n + r.cases, 0);
const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
const peakRssMiB = Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
// What the run still holds (run with --expose-gc): flat in the number of cases, unlike the peak RSS,
// which is V8 collecting late while a large heap is allowed.
(globalThis as { gc?: () => void }).gc?.();
console.log(JSON.stringify({ cases, seconds, peakRssMiB, liveHeapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) }));
