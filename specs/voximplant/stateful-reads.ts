// The commands of the model-based tests that read: filters and paging of GetSipRegistrations,
// judged against this run's own registrations as the server lists them.
import type { Params } from './api.ts';
import { statusRanges } from './formats.ts';
import { Base } from './stateful-writes.ts';
import { type Focus, type Item, type Model, ModelFailure, PAGE, type Real, USERNAMES } from './stateful-state.ts';

type Filter = Record<string, string>;
const STATUS_FILTERS = ['200', '200:403', '403:408', '400:499', '403;408', '100:199;200', '408:699', '100:200;403:403'];

/** Which of this run's items a filter must return; `either` when the documents allow two readings. */
function matching(items: Item[], f: Filter): { exact: Item[]; either?: Item[] } {
  const [key, value] = Object.entries(f)[0]!;
  const list = value.split(';');
  const bool = (k: string) => (i: Item) => (k === 'is_bound_to_application' ? i.application_id !== undefined && i.application_id !== null : i[k] === true) === (value === 'true');
  let pred: (i: Item) => boolean;
  switch (key) {
    case 'sip_registration_id': pred = (i) => String(i.sip_registration_id) === value; break;
    case 'sip_username': pred = (i) => i.sip_username === value; break;
    case 'status_code': {
      const ranges = statusRanges(value);
      pred = (i) => typeof i.status_code === 'number' && ranges.some(([a, b]) => (i.status_code as number) >= a && (i.status_code as number) <= b);
      break;
    }
    case 'deactivated': case 'successful': case 'is_persistent': case 'in_progress': case 'is_bound_to_application': pred = bool(key); break;
    default: pred = (i) => list.includes(String(i[key]));
  }
  const exact = items.filter(pred);
  // "Whether to show the frozen/successful registrations only": false may also mean "no filter".
  return (key === 'deactivated' || key === 'successful') && value === 'false' ? { exact, either: items } : { exact };
}

/** GetSipRegistrations with each of `keys` as the only filter, judged against this run's listing. */
export class GetFilter extends Base {
  constructor(focus: Focus, readonly pick: number, readonly keys: string[], readonly choice: number[]) {
    super(focus);
  }
  /** Two registrations at least: a filter that is ignored only shows when something does not match. */
  check(m: Readonly<Model>) {
    return m.regs.length > 1;
  }
  toString() {
    return `GetFilter(${this.keys.join(', ')}, choice ${JSON.stringify(this.choice)})`;
  }
  filter(key: string, m: Model, r: Real): Filter {
    const t = r.api.session.scenario ?? { apps: [], users: [] };
    const rules = t.apps.flatMap((a) => a.rules);
    const sub = <T,>(xs: T[]) => xs.filter((_, i) => this.choice.includes(i % 4)).concat(xs.length ? [xs[this.pick % xs.length]!] : []);
    const uniq = (xs: string[]) => [...new Set(xs)].join(';');
    switch (key) {
      case 'sip_registration_id': return { [key]: m.regs.length ? String(m.pick(this.pick).id) : '1' };
      // A name one of the run's registrations has, so the filter has something to tell apart.
      case 'sip_username': return { [key]: m.regs.length ? m.pick(this.pick).fields.sip_username! : USERNAMES[this.pick % USERNAMES.length]! };
      // Range ends at the codes registrations commonly report (200, 403, 408), so inclusive ends matter.
      case 'status_code': return { [key]: STATUS_FILTERS[this.pick % STATUS_FILTERS.length]! };
      case 'application_id': return { [key]: uniq(sub(t.apps).map((a) => String(a.id))) };
      case 'application_name': return { [key]: uniq(sub(t.apps).map((a) => a.name)) };
      case 'rule_id': return { [key]: uniq(sub(rules).map((x) => String(x.id))) };
      case 'rule_name': return { [key]: uniq(sub(rules).map((x) => x.name)) };
      case 'user_id': return { [key]: uniq(sub(t.users).map((x) => String(x.id))) };
      case 'user_name': return { [key]: uniq(sub(t.users).map((x) => x.name)) };
      case 'proxy': return { [key]: uniq(sub(r.proxies)) };
      // deactivated=false and successful=false may read as "no filter" (checked loosely): true, the
      // exact check, three times in four.
      case 'deactivated': case 'successful': return { [key]: this.pick % 4 === 3 ? 'false' : 'true' };
      default: return { [key]: this.pick % 2 === 0 ? 'true' : 'false' };
    }
  }
  async step(m: Model, r: Real) {
    const all = await r.listing();
    const ids = (xs: Item[]) => xs.map((i) => i.sip_registration_id as number).sort((a, b) => a - b);
    for (const key of this.keys) {
      const f = this.filter(key, m, r);
      const scope = f.proxy ? {} : { proxy: r.proxies.join(';') };
      const { call, items } = await r.readAll({ ...scope, ...f }, `GetSipRegistrations ${JSON.stringify(f)} (this run's proxies)`);
      const got = items.map((i) => i.sip_registration_id as number).sort((a, b) => a - b);
      const { exact, either } = matching(all.items, f);
      const same = (xs: Item[]) => JSON.stringify(ids(xs)) === JSON.stringify(got);
      if (!same(exact) && !(either && same(either))) {
        throw new ModelFailure(`filter ${JSON.stringify(f)} returned [${got.join(', ')}]; of this run's [${ids(all.items).join(', ')}] exactly [${ids(exact).join(', ')}] match`, call);
      }
    }
  }
}

export class Page extends Base {
  constructor(focus: Focus, readonly count: number | undefined, readonly offset: number | undefined) {
    super(focus);
  }
  check() {
    return true;
  }
  toString() {
    return `Page(${this.count === undefined ? '' : `count=${this.count}`}${this.offset === undefined ? '' : ` offset=${this.offset}`})`;
  }
  async step(_m: Model, r: Real) {
    const all = await r.listing();
    const n = all.items.length;
    const params: Params = { proxy: r.proxies.join(';'), count: String(this.count ?? PAGE), offset: this.offset === undefined ? undefined : String(this.offset) };
    const call = await r.call('GetSipRegistrations', params, `GetSipRegistrations ${this.toString()} of ${n}`);
    const body = r.ok(call, 'GetSipRegistrations');
    const got = (body.result as Item[]).map((i) => i.sip_registration_id);
    const ids = all.items.map((i) => i.sip_registration_id);
    const offset = this.offset ?? 0;
    if (this.focus === 'count' && got.length !== Math.min(this.count ?? PAGE, n - offset)) {
      throw new ModelFailure(`count=${this.count} returned ${got.length} of ${n} registrations`, call);
    }
    if (this.focus === 'offset' && (got.some((id, i) => id !== ids[offset + i]) || (got.length === 0 && offset < n))) {
      throw new ModelFailure(`offset=${offset} returned [${got.join(', ')}], the listing is [${ids.join(', ')}]`, call);
    }
    // Total before paging or page size: the documents allow both (undecided point get-count-meaning).
    if (this.focus === 'total' && body.count !== n && body.count !== got.length) {
      throw new ModelFailure(`count in the response is ${JSON.stringify(body.count)}: ${n} registrations match, ${got.length} were returned`, call);
    }
  }
}
