// npm run mutation: the suite against every fault of every reference mock, and the clean mocks.
import { formatMutationTable } from '../reports/console.ts';
import { cleanRuns, mutationRows } from '../src/run/fault-score.ts';
import { loadSpec, SPEC_NAMES } from '../specs/index.ts';

const options = { runs: Number(process.env.MUTATION_RUNS) || 30, seed: Number(process.env.MUTATION_SEED) || 1 };
const rows = [];
let clean = true;
for (const name of process.argv.slice(2).length ? process.argv.slice(2) : SPEC_NAMES) {
  const spec = await loadSpec(name);
  for (const run of await cleanRuns(spec, options)) {
    const bad = run.unexpected.map((r) => `${r.id} ${r.verdict}`);
    console.log(`${name} clean ${run.variant}: ${bad.length ? `UNEXPECTED ${bad.join(', ')}` : 'no failure, no warning'}`);
    clean &&= bad.length === 0;
  }
  rows.push(...(await mutationRows(spec, options)));
}
console.log(`\n${formatMutationTable(rows)}`);
process.exitCode = clean && rows.every((r) => r.unseen || r.detectedBy.length > 0) ? 0 : 1;
