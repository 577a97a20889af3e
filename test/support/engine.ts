// What tests inside vendor folders use of the engine beyond its public surface (src/index.ts):
// running a spec in-process and the raw pieces under it. Vendor code never imports this.
export { HttpClient } from '../../src/http/client.ts';
export { createTransport } from '../../src/http/index.ts';
export { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
export { inputViolations } from '../../src/judge/oracle.ts';
export { runSpec } from '../../src/run/run-spec.ts';
