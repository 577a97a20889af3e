// report.json's written form (schemaVersion 2): what requirements repeat (their title, their
// source, what their cases cover) is written once per spec in `shared`, and each requirement names
// its entries by index. A document of 3,000 operations repeats the same few titles, sources and
// covered violations tens of thousands of times. Readers get the full form back (`unpackReport`);
// a report of schemaVersion 1 is already in it.
import type { Violation } from '../model/types.ts';
import type { Report, RequirementResult, SpecReport } from './report.ts';

/** The tables a spec's requirements refer to by index. */
export interface SharedTables {
  titles: string[];
  sources: string[];
  covers: Violation[];
}

export type PackedRequirement = Omit<RequirementResult, 'title' | 'source' | 'covers'> & { title: number; source: number; covers?: number[] };
export type PackedSpec = Omit<SpecReport, 'requirements'> & { shared: SharedTables; requirements: PackedRequirement[] };

/** A table that gives each distinct value (by its key) one index, in first-seen order. */
class Table<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly key: (value: T) => string) {}
  of(value: T): number {
    const k = this.key(value);
    let i = this.index.get(k);
    if (i === undefined) this.index.set(k, (i = this.values.push(value) - 1));
    return i;
  }
}

export function packSpec(s: SpecReport): PackedSpec {
  const titles = new Table<string>(String);
  const sources = new Table<string>(String);
  const covers = new Table<Violation>((v) => `${v.location}\u0000${v.path}\u0000${v.keyword}`);
  const requirements = s.requirements.map(({ covers: covered, ...r }): PackedRequirement => ({ ...r, title: titles.of(r.title), source: sources.of(r.source), ...(covered && { covers: covered.map((v) => covers.of(v)) }) }));
  const { requirements: _full, ...head } = s;
  return { ...head, shared: { titles: titles.values, sources: sources.values, covers: covers.values }, requirements };
}

function unpackSpec(s: PackedSpec): SpecReport {
  const { shared, ...rest } = s;
  const at = <T>(table: T[], i: number, what: string): T => {
    if (!(i in table)) throw new RangeError(`spec ${s.spec}: ${what} ${i} is not in shared.${what}s`);
    return table[i]!;
  };
  const requirements = s.requirements.map(({ covers, ...r }): RequirementResult => ({
    ...r,
    title: at(shared.titles, r.title, 'title'),
    source: at(shared.sources, r.source, 'source'),
    ...(covers && { covers: covers.map((i) => at(shared.covers, i, 'cover')) }),
  }));
  return { ...rest, requirements };
}

/** A report as read from report.json (valid against reports/report.schema.json), in the full form every reader uses. */
export function unpackReport(data: Report | (Omit<Report, 'specs'> & { specs: PackedSpec[] })): Report {
  if (data.schemaVersion === 1) return data as Report;
  return { ...data, specs: (data.specs as PackedSpec[]).map(unpackSpec) };
}
