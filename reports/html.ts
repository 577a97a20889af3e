// report.html: one self-contained page (inline CSS and script, no network), readable offline and
// printable: summary per spec, field x violation matrix, a table per error code, failures, probes, filters.
import type { FailureRecord, Report, RequirementResult, SpecReport } from '../src/results/report.ts';
import { withTotals } from '../src/results/report.ts';
import { actualOf, byCode, lastSummary, escapeHtml as h, headline, percent, VERDICT_LABEL, wireText } from './labels.ts';
import { cellKey, matrixOf } from './matrix.ts';

const anchor = (spec: string, id: string, kind: 'req' | 'fail') => `${kind}-${`${spec}-${id}`.replace(/[^A-Za-z0-9_-]/g, '_')}`;
/** A requirement's filter keys; the text filter reads a table row's own text, and a section's (whose text holds whole exchanges) `data-text`. */
const data = (r: RequirementResult, text = true) =>
  `data-verdict="${r.verdict}" data-level="${r.level}" data-code="${h(r.errorCode ?? '-')}"${text ? ` data-text="${h(`${r.id} ${r.title} ${r.source} ${r.reason ?? ''}`.toLowerCase())}"` : ''}`;
const badge = (r: Pick<RequirementResult, 'verdict'>) => `<span class="badge ${r.verdict}">${VERDICT_LABEL[r.verdict]}</span>`;
const pre = (text: string) => `<pre>${h(text)}</pre>`;

function summary(s: SpecReport): string {
  const t = s.totals!;
  const stat = (label: string, value: string | number, cls = '') => `<div class="stat ${cls}"><b>${value}</b><span>${label}</span></div>`;
  return `<div class="stats">${stat('MUST conformance', percent(t.mustScore), 'score')}${stat('pass', t.pass, 'pass')}${stat('fail', t.fail, 'fail')}${stat('warn', t.warn, 'warn')}${stat('skip', t.skip, 'skip')}${t.error ? stat('suite error', t.error, 'error') : ''}${stat('MUST met', `${t.must.pass + t.must.warn}/${t.must.total - t.must.skip - t.must.error}`)}${stat('requests', t.requests)}</div>`;
}

/** A matrix cell links at most this many requirements. */
export const CELL_LINKS = 12;
const SEVERITY = ['fail', 'error', 'warn', 'pass', 'skip'] as const;

function matrix(s: SpecReport): string {
  const m = matrixOf(s);
  if (m.rows.length === 0) return '';
  const head = `<tr><th>field / location</th>${m.kinds.map((k) => `<th>${h(k)}</th>`).join('')}</tr>`;
  const rows = m.rows.map((row) => {
    const cells = m.kinds.map((k) => {
      const cell = m.cells.get(cellKey(row, k));
      if (!cell) return '<td class="empty"></td>';
      // A field every operation shares (a path id) would list thousands: the worst first, the rest counted.
      const shown = [...cell.requirements].sort((a, b) => SEVERITY.indexOf(a.verdict) - SEVERITY.indexOf(b.verdict)).slice(0, CELL_LINKS);
      const links = shown.map((r) => `<a href="#${anchor(s.spec, r.id, r.failures.length ? 'fail' : 'req')}" title="${h(`${VERDICT_LABEL[r.verdict]} ${r.id}: ${r.title}`)}">${h(r.errorCode ?? r.id)}</a>`);
      const more = cell.requirements.length - shown.length;
      return `<td class="cell ${cell.verdict}" data-verdict="${cell.verdict}">${links.join(' ')}${more ? ` <span class="more">+${more} more</span>` : ''}</td>`;
    });
    return `<tr><th class="row">${h(row)}</th>${cells.join('')}</tr>`;
  });
  return `<h3>Field x violation matrix</h3><p class="hint">Each cell: the requirements whose cases break that field that way, coloured by their worst verdict; click to see the cases.</p><table class="matrix">${head}${rows.join('')}</table>`;
}

/**
 * A spec of more requirements than this (a document of hundreds of operations) lists them per
 * operation, each operation collapsed unless one of its requirements did not pass: the page opens
 * on what needs reading, and a browser lays out only what is opened.
 */
export const COLLAPSE_OVER = 200;

function groupBy(rs: RequirementResult[], key: (r: RequirementResult) => string): Map<string, RequirementResult[]> {
  const groups = new Map<string, RequirementResult[]>();
  for (const r of rs) {
    const k = key(r);
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/** One collapsed block per operation, each its own piece of the page. */
function* operations(s: SpecReport): Generator<string> {
  for (const [operation, rs] of groupBy(byCode(s.requirements), (r) => r.operation)) {
    const counts = SEVERITY.flatMap((v) => {
      const n = rs.filter((r) => r.verdict === v).length;
      return n ? [`${n} ${VERDICT_LABEL[v]}`] : [];
    });
    const open = rs.some((r) => r.verdict !== 'pass' && r.verdict !== 'skip');
    yield `<details class="op"${open ? ' open' : ''}><summary>${h(operation)}: ${counts.join(', ')}</summary>${codeTables(rs, s.spec)}</details>`;
  }
}

function codeTables(requirements: RequirementResult[], spec: string): string {
  const groups = groupBy(byCode(requirements), (r) => r.errorCode ?? '(no error code)');
  return [...groups].map(([code, rs]) => {
    const rows = rs.map((r) => `<tr id="${anchor(spec, r.id, 'req')}" class="req" ${data(r, false)}><td>${badge(r)}</td><td>${r.level}</td><td>${r.failures.length ? `<a href="#${anchor(spec, r.id, 'fail')}">${h(r.id)}</a>` : h(r.id)}</td><td>${h(r.title)}${r.reason ? `<div class="reason">${h(r.reason)}</div>` : ''}<div class="source">${h(r.source)}</div></td><td class="num">${r.cases}</td><td class="num">${r.requests ?? ''}</td><td class="num">${r.durationMs ?? ''}</td></tr>`);
    return `<table class="code" data-code="${h(code)}"><caption>${h(code)}</caption><tr><th>verdict</th><th>level</th><th>requirement</th><th>title, source</th><th>cases</th><th>requests</th><th>ms</th></tr>${rows.join('')}</table>`;
  }).join('');
}

const requestText = (req: FailureRecord['request']) => [`${req.method} ${req.url}`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`), ...(req.body !== undefined ? ['', req.body] : [])].join('\n');

/** A failing sequence's earlier exchanges, in order, before the failing one. */
const before = (f: FailureRecord) =>
  (f.before ?? []).map((b, i) => `<div class="grid before"><div><h5>request ${i + 1} of ${f.before!.length + 1}</h5>${pre(requestText(b.request))}</div><div><h5>answer</h5>${pre(actualOf(b, 4000))}</div></div>`).join('');

function failure(f: FailureRecord): string {
  const request = requestText(f.request);
  return `<div class="failure ${f.level === 'MUST' ? 'fail' : 'warn'}"><p><b>${f.level === 'MUST' ? 'Counterexample (shrunk)' : 'Warning'}:</b> ${h(f.case)}</p>
${before(f)}<div class="grid"><div><h5>${f.before?.length ? `request ${f.before.length + 1} of ${f.before.length + 1} (failing)` : 'request'}</h5>${pre(request)}</div><div><h5>expected</h5>${pre(f.expected)}<h5>actual</h5>${pre(actualOf(f, 4000))}</div></div>
<ul class="checks">${f.checks.map((c) => `<li class="${c.level === 'MUST' ? 'fail' : 'warn'}">${h(c.check)} (${c.level}): ${h(c.message)}</li>`).join('')}</ul>
<h5>curl</h5>${pre(f.curl)}<h5>replay</h5>${pre(f.replay)}</div>`;
}

function* failures(s: SpecReport): Generator<string> {
  const rs = byCode(s.requirements).filter((r) => r.failures.length);
  if (!rs.length) return;
  yield '<h3>Failures and warnings</h3>';
  for (const r of rs) yield `<section id="${anchor(s.spec, r.id, 'fail')}" class="req detail" ${data(r)}><h4>${badge(r)} ${h(r.errorCode ?? '-')} ${h(r.id)}: ${h(r.title)}</h4><p class="source">${h(r.source)}</p>${r.failures.map(failure).join('')}</section>`;
}

function wire(s: SpecReport): string {
  const rs = byCode(s.requirements).filter((r) => r.wire?.length);
  if (!rs.length) return '';
  return `<h3>SIP on the wire</h3><p class="hint">The REGISTERs the suite's registrar saw and answered (digest responses redacted).</p>${rs.map((r) => `<details class="req" ${data(r)}><summary>${badge(r)} ${h(r.id)}: ${h(lastSummary(r))}</summary>${pre(wireText(r))}</details>`).join('')}`;
}

function probes(s: SpecReport): string {
  if (!s.probes?.length) return '';
  const rows = s.probes.map((p) => `<tr><td>${h(p.point)}</td><td>${h(p.title)}<div class="source">${h(p.source)}</div></td><td><code>${h(p.case)}</code></td><td>${p.outcome}${p.observed ? `<div class="source">${h(p.observed)}</div>` : ''}</td><td class="num">${p.status}</td><td>${h((p.codes ?? []).join(', '))}</td></tr>`);
  return `<h3>Tolerance probes</h3><p class="hint">What this server chose where the documents leave a choice: observed, never judged.</p><table class="probes"><tr><th>point</th><th>what the documents leave open</th><th>probe</th><th>outcome</th><th>status</th><th>codes</th></tr>${rows.join('')}</table>`;
}

function* spec(s: SpecReport): Generator<string> {
  yield `<section class="spec"><h2>${h(s.spec)} <small>${h(s.target)}</small></h2><p class="source">${h(s.origin)}</p>
${s.error ? `<p class="error">could not run: ${h(s.error)}</p>` : ''}${summary(s)}
${(s.ambiguities ?? []).map((a) => `<p class="ambiguity">Ambiguity (tested as neither MUST): ${h(a)}</p>`).join('')}
${matrix(s)}`;
  if (s.requirements.length > COLLAPSE_OVER) {
    yield '<h3>Requirements by operation</h3>';
    yield* operations(s);
  } else yield `<h3>Requirements by error code</h3>${codeTables(s.requirements, s.spec)}`;
  yield* failures(s);
  yield `${wire(s)}${probes(s)}</section>`;
}

function baseline(report: Report): string {
  const b = report.baseline;
  if (!b?.known) return '';
  const row = (cls: string, label: string, spec: string, id: string, text: string) => `<li class="${cls}"><b>${label}</b> ${h(spec)} ${h(id)}${text ? `: ${h(text)}` : ''}</li>`;
  const rows = [
    ...b.new!.map((e) => row('fail', 'new failure', e.spec, e.id, '')),
    ...b.stale!.map((e) => row('fail', 'stale entry', e.spec, e.id, `${e.verdict === 'pass' ? 'passes' : 'no longer fails'} now; remove it from the baseline`)),
    ...b.known.map((e) => row('skip', 'known failure', e.spec, e.id, e.reason)),
  ];
  return `<h2>Baseline <small>${h(b.file)}, ${b.knownFailures.length} entries</small></h2><ul class="baseline">${rows.join('')}</ul>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1d2330}
h1{font-size:22px;margin:0 0 4px}h2{border-top:2px solid #ccd;padding-top:12px}h2 small{font-weight:normal;color:#667;font-size:13px}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}td,th,p,li,h1,h2,h4,code{overflow-wrap:anywhere}th,td{border:1px solid #dde;padding:3px 6px;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:4px 0}.num{text-align:right}.source,.hint{color:#667;font-size:12px}.reason{color:#845;font-size:12px}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;font-weight:600;white-space:nowrap}
.pass{background:#dff3e3}.fail{background:#fbdada}.warn{background:#fff1c9}.skip{background:#eceef2}
.badge.pass{color:#1b6b30}.badge.fail{color:#9b1c1c}.badge.warn{color:#7a5200}.badge.skip{color:#555}
.stats{display:flex;gap:8px;flex-wrap:wrap}.stat{border:1px solid #dde;border-radius:4px;padding:6px 10px;min-width:70px}
.stat b{display:block;font-size:18px}.stat span{font-size:12px;color:#556}
.matrix td.cell{text-align:center}.matrix td.cell a{color:inherit;font-weight:600}.matrix th.row{font-family:monospace;font-weight:normal}
.filters{position:sticky;top:0;background:#f6f7fa;border:1px solid #dde;padding:8px;display:flex;gap:10px;align-items:center;flex-wrap:wrap;z-index:1}
pre{background:#f6f7fa;border:1px solid #e2e4ea;padding:6px;white-space:pre-wrap;word-break:break-all;margin:2px 0}
.failure{border-left:4px solid #d33;padding:4px 10px;margin:8px 0}.failure.warn{border-left-color:#d9a400}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:10px}h5{margin:6px 0 2px}.error{color:#9b1c1c;font-weight:600}
.ambiguity{background:#eef3ff;padding:4px 8px}.more{color:#667;font-size:12px;white-space:nowrap}.hidden{display:none}details.op summary{cursor:pointer;font-family:monospace;padding:2px 0}
@media print{.filters{display:none}.hidden{display:revert}body{max-width:none}section.detail{break-inside:avoid}a{color:inherit;text-decoration:none}}`;

// Filters hide requirement rows and failure sections; a code table with no visible row hides too.
const SCRIPT = `
(function(){
  var $=function(id){return document.getElementById(id)};
  function apply(){
    var v=$('f-verdict').value,l=$('f-level').value,c=$('f-code').value,t=$('f-text').value.trim().toLowerCase(),shown=0,total=0;
    document.querySelectorAll('.req').forEach(function(el){
      var ok=(!v||el.dataset.verdict===v)&&(!l||el.dataset.level===l)&&(!c||el.dataset.code===c)&&(!t||(el.dataset.text||el.textContent.toLowerCase()).indexOf(t)>=0);
      el.classList.toggle('hidden',!ok);
      if(el.tagName==='TR'){total++;if(ok)shown++;}
    });
    document.querySelectorAll('table.code, details.op').forEach(function(tb){tb.classList.toggle('hidden',!tb.querySelector('tr.req:not(.hidden)'))});
    $('f-count').textContent=shown+' of '+total+' requirements shown';
  }
  ['f-verdict','f-level','f-code','f-text'].forEach(function(id){$(id).addEventListener('input',apply)});
  apply();
  function reveal(){var el=location.hash&&$(location.hash.slice(1)),d=el&&el.closest('details');if(d){d.open=true;el.scrollIntoView()}}
  window.addEventListener('hashchange',reveal);reveal();
})();`;

/** The page in pieces (a spec's operations and failures one by one), so a large report is never one string in memory. */
export function* htmlChunks(input: Report): Generator<string> {
  const report = withTotals(input);
  const t = report.totals!;
  const codes = [...new Set(report.specs.flatMap((s) => s.requirements.map((r) => r.errorCode ?? '-')))].sort();
  const option = (value: string, label = value) => `<option value="${h(value)}">${h(label)}</option>`;
  const verdict = headline(report);
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>sip-conformance report: ${h(verdict)}</title><style>${STYLE}</style></head><body>
<h1>sip-conformance report: ${h(verdict)}</h1>
<p class="hint">seed ${report.seed}, ${report.runs} runs per requirement, started ${h(report.startedAt)}${report.complete ? '' : ' <b>(incomplete run)</b>'}${report.settings?.shard ? `, shard ${h(report.settings.shard)}` : ''}; ${t.pass} passed, ${t.fail} failed, ${t.warn} warnings, ${t.skip} skipped; MUST conformance ${percent(t.mustScore)}.
PASS: every check held. FAIL (MUST): a documented MUST was broken. WARN (SHOULD): only inferred or recommended checks failed. SKIP: not testable here (reason given).</p>
${baseline(report)}<div class="filters">
<label>verdict <select id="f-verdict">${option('', 'all')}${(['fail', 'warn', 'pass', 'skip', 'error'] as const).map((v) => option(v, VERDICT_LABEL[v])).join('')}</select></label>
<label>level <select id="f-level">${option('', 'all')}${option('MUST')}${option('SHOULD')}</select></label>
<label>code <select id="f-code">${option('', 'all')}${codes.map((c) => option(c)).join('')}</select></label>
<label>text <input id="f-text" type="search" placeholder="id, title, source"></label>
<span id="f-count"></span></div>
`;
  for (const [i, s] of report.specs.entries()) {
    if (i) yield '\n';
    yield* spec(s);
  }
  yield `
<script>${SCRIPT}</script></body></html>
`;
}

export const renderHtml = (report: Report): string => [...htmlChunks(report)].join('');
