// --max-time: the time box becomes a request budget at the pace; the first lines say the pace, the
// plan and when it ends; the progress line's ETA comes from the pace.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressLine } from '../../reports/console.ts';
import { loadSpec } from '../../specs/index.ts';
import { preamble } from '../../src/cli/preamble.ts';
import { applyBox, chooseBox, DEFAULT_BOX_MS, parseMaxTime } from '../../src/cli/time-box.ts';
import { parseRate } from '../../src/http/index.ts';
import { type DryRunSpec, planSpec } from '../../src/run/dry-run.ts';
import type { SuiteOptions } from '../../src/run/suite.ts';
import { requirement } from '../support/report.ts';

afterEach(() => void vi.useRealTimers());

describe('--max-time', () => {
  it('reads 90s, 15m, 2h, 1h30m and none; anything else is a usage error', () => {
    expect([parseMaxTime('90s'), parseMaxTime('15m'), parseMaxTime('2h'), parseMaxTime('1h30m'), parseMaxTime('none'), parseMaxTime(undefined)]).toEqual([90_000, 900_000, 7_200_000, 5_400_000, 'none', undefined]);
    for (const bad of ['', '15', 'm', '0s', '15 min', '-1m', '8d', '200h']) expect(() => parseMaxTime(bad), bad).toThrow(/--max-time: expected a duration/);
  });

  it('applies a 15-minute box by default only to a paced target without --budget; none runs the whole plan', async () => {
    const spec = await loadSpec('ringcentral');
    const paced: DryRunSpec = { spec, target: 'http://127.0.0.1:9', section: { token: 't' }, embedded: false, rate: parseRate('10/m', 'test') };
    const mock: DryRunSpec = { spec, target: 'embedded mock', section: {}, embedded: true };
    expect(chooseBox(undefined, undefined, [paced])?.ms).toBe(DEFAULT_BOX_MS);
    expect(chooseBox(undefined, undefined, [mock])).toBeUndefined();
    expect(chooseBox(undefined, 48, [paced])).toBeUndefined();
    expect(chooseBox('none', undefined, [paced])).toBeUndefined();
    expect(chooseBox(7_200_000, 48, [paced])?.label).toBe('--max-time 2 h 0 min');
  });

  it('turns the box into a budget at the pace (at most the --budget share), and says the pace, the plan and the end before anything is sent', async () => {
    const spec = await loadSpec('ringcentral');
    const d: DryRunSpec = { spec, target: 'http://127.0.0.1:9', section: { token: 't' }, embedded: false, rate: parseRate('10/m', 'vendor doc') };
    const options: SuiteOptions = { seed: 1, runs: 50, timeoutMs: 5000, concurrency: 8, timeLimitMs: 60_000, specs: { ringcentral: { section: {} } } };
    const now = Date.UTC(2026, 11, 1, 23, 0);
    const box = chooseBox(undefined, undefined, [d])!;
    expect(applyBox(box, [d], options, now)).toEqual({ endsAt: now + DEFAULT_BOX_MS, label: box.label });
    expect(options.specs.ringcentral!.budget).toBe(135);
    const lines = preamble([planSpec(d, 50, 1)], box, now);
    expect(lines[0]).toBe('ringcentral -> http://127.0.0.1:9: paced at 10 per 1 min per credential (vendor doc)');
    expect(lines[1]).toMatch(/^ {2}plan: 135 of \d{3,} requests for \d+ requirements \(what the default time box of 15 min .*\); ends by about 23:13 UTC \(in 14 min\)$/);
    expect(lines[2]).toMatch(/the whole plan is \d+ requests, about \d h \d+ min: --max-time none runs it all; --resume REPORT.json/);
    const small: DryRunSpec = { ...d, budget: 48 };
    applyBox({ ms: 3_600_000, label: '--max-time 1 h' }, [small], options, now);
    expect(small.budget).toBe(48);
    expect(preamble([planSpec({ spec, target: 'embedded mock', section: {}, embedded: true }, 50, 1)], undefined, now)).toEqual([]);
  });
});

describe('the progress line of a paced run', () => {
  it('takes its ETA from the pace and what is left to send, from the first requirement on, capped by the time box', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 1, 23, 0) });
    const written: string[] = [];
    const line = new ProgressLine({ isTTY: true, write: (t: string) => written.push(t) }, true, { ringcentral: { planned: 100, intervalMs: 6000 } }, Date.UTC(2026, 11, 1, 23, 15));
    line.total = 22;
    line.tick(requirement('pass'), 'ringcentral', 10);
    expect(written.at(-1)).toContain('ETA 23:09:00 UTC');
    vi.setSystemTime(Date.UTC(2026, 11, 1, 23, 1));
    line.tick(requirement('pass'), 'ringcentral', 20);
    expect(written.at(-1)).toContain('ETA 23:09:00 UTC');
    const boxed = new ProgressLine({ isTTY: true, write: (t: string) => written.push(t) }, true, { ringcentral: { planned: 1000, intervalMs: 6000 } }, Date.UTC(2026, 11, 1, 23, 15));
    boxed.total = 22;
    boxed.tick(requirement('pass'), 'ringcentral', 10);
    expect(written.at(-1)).toContain('ETA 23:15:00 UTC');
  });
});
