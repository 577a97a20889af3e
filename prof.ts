import { ringcentralMock } from './mocks/ringcentral.ts';
import { runSpec } from './src/run-spec.ts';
import { loadRingcentral } from './specs/ringcentral/index.ts';
const spec = await loadRingcentral();
const section = { token: ringcentralMock.fixtures.token, fixtures: Object.fromEntries(Object.entries(ringcentralMock.fixtures).filter(([k]) => k !== 'token')) };
for (let i = 0; i < 2; i++) {
const t = performance.now();
const report = await runSpec(spec, { seed: 1, runs: 1000, timeoutMs: 5000, concurrency: 8, timeLimitMs: 120_000, section, target: 'http://127.0.0.1:18601' });
const cases = report.requirements.reduce((n, r) => n + r.cases, 0);
console.log(cases, Math.round(cases / ((performance.now() - t) / 1000)));
}
