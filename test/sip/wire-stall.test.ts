// A stall of the suite's own process is no verdict on the device: BASIP-*-WIRE-INTERVAL gives the
// refresh the longest stall it saw on top of its bound. The stall here is made: the event loop is
// blocked from just before the embedded device's refresh (24 s of the 30 s interval, on the embedded
// mock's clock) until past the bound, so the REGISTER is read after it (a loaded CI machine did this by
// itself).
import { expect, test, vi } from 'vitest';
import { EMBEDDED_TIME_SCALE } from '../../src/sip/endpoint.ts';
import { Registrar } from '../../src/sip/registrar.ts';
import { load } from '../../specs/basip-android/index.ts';
import { runAgainstMock } from '../support/run.ts';
import { stallEventLoop } from '../support/stall.ts';

test('a refresh the suite read late because its own process stalled is in time', async () => {
  const waitFor = Registrar.prototype.waitFor;
  let calls = 0;
  let stalled = false;
  vi.spyOn(Registrar.prototype, 'waitFor').mockImplementation(function (this: Registrar, ...args: Parameters<Registrar['waitFor']>) {
    // The second wait is the refresh's, from the 200 (`since`): block the loop for 2 s from 20 s of the
    // device's clock after it, past the lapse (30 s) and the bound's 1 s of slack.
    if (++calls === 2) {
      setTimeout(() => {
        stallEventLoop(2000);
        stalled = true;
      }, Math.max(0, args[2]! + 20_000 * EMBEDDED_TIME_SCALE - Date.now()));
    }
    return waitFor.apply(this, args);
  });
  const report = await runAgainstMock(await load(), { only: ['BASIP-ANDROID-WIRE-INTERVAL'] });
  const [r] = report.requirements;
  expect(stalled).toBe(true);
  expect(r?.verdict, JSON.stringify(r?.failures.map((f) => f.checks))).toBe('pass');
});
