// --resume: the report fixes the run's settings; flags given again must agree (paths compare resolved).
import { describe, expect, it } from 'vitest';
import { isBundled } from '../specs/index.ts';
import { resumeFrom } from '../src/cli/resume.ts';
import { report, requirement } from './support/report.ts';

describe('--resume flags', () => {
  const base = () => ({ ...report(requirement('pass'), requirement('skip', { id: 'R-cut', cut: 'budget' }), requirement('error', { id: 'R-err' })), settings: { timeoutMs: 5000, concurrency: 8, config: `${process.cwd()}/ci.json` } });

  it('fills absent flags from the report and keeps only what it judged', () => {
    const v: Record<string, string | string[] | boolean | undefined> = { config: 'ci.json' };
    const r = resumeFrom('r.json', base(), v, isBundled);
    expect(v).toMatchObject({ seed: '42', spec: ['ringcentral'], timeout: '5000', concurrency: '8' });
    expect(r.done).toEqual({ ringcentral: ['R-pass'] });
  });

  it('refuses a flag the report says otherwise', () => {
    expect(() => resumeFrom('r.json', base(), { seed: '7' }, isBundled)).toThrow(/--resume: --seed 7 conflicts with the report \(42\)/);
    expect(() => resumeFrom('r.json', base(), { config: 'other.json' }, isBundled)).toThrow(/--resume: --config other.json conflicts/);
    expect(() => resumeFrom('r.json', base(), { spec: ['voximplant'] }, isBundled)).toThrow(/--spec voximplant conflicts/);
  });
});
