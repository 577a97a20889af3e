// The BAS-IP mocks started by hand, as a user meets them: each writes and prints a ready config (its
// address, the account, unpaced, the suite's registrar on the loopback), and a run from it reaches the
// mock's device on the wire; the folder goes when the mock stops.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../test/support/cli.ts';
import { validReport } from '../../test/support/report.ts';
import { startStandaloneMock } from '../../test/support/standalone.ts';

describe.each(['basip-android', 'basip-camdroid'])('the standalone %s mock', (spec) => {
  it('prints a ready config: a run from it alone registers its device at the suite\'s registrar; the folder goes when it stops', async () => {
    const mock = await startStandaloneMock(spec);
    const reports = await mkdtemp(join(tmpdir(), `sipc-${spec}-standalone-`));
    try {
      expect(JSON.parse(readFileSync(mock.config, 'utf8'))).toEqual({ [spec]: { target: mock.url, username: 'admin', password: '123456', rate: 'none', sip: { listen: '127.0.0.1:0' } } });
      const id = `${spec.toUpperCase()}-WIRE-REGISTER`;
      const out = await cliInProcess(['run', '--spec', spec, '--config', mock.config, '--only', id, '--report-dir', reports]);
      expect(out.code, out.stderr + out.stdout).toBe(0);
      expect(validReport(reports).specs[0]!.requirements.map((r) => `${r.id} ${r.verdict}`)).toEqual([`${id} pass`]);
      expect(await mock.stop('SIGINT')).toBe(0);
      expect(existsSync(mock.dir)).toBe(false);
    } finally {
      await mock.stop();
      await rm(reports, { recursive: true, force: true });
    }
  });
});
