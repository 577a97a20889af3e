// Sources name what a user has (the vendor document and section, the bundled spec file), never a
// workspace path such as seeds/000_....txt.
import { describe, expect, it } from 'vitest';
import { loadSpec, SPEC_NAMES } from '../../specs/index.ts';

describe('requirement sources', () => {
  it.each(SPEC_NAMES)('%s cites documents, not seed files', async (name) => {
    const spec = await loadSpec(name);
    const cited = [...spec.catalogue.map((r) => r.source), ...(spec.undecided ?? []).map((u) => u.source), ...(spec.ambiguities ?? []), spec.envelope.source];
    for (const text of cited) expect(text).not.toMatch(/seeds\/|\.txt\b/);
    expect(cited.some((t) => /vendor document: .+ \(seed \d{3}\)/.test(t))).toBe(true);
  });
});
