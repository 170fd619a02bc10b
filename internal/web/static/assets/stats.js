// 组织者的页面：按月份、乡镇、人才库和需求类型的需求统计（条形图与表格），可下载 CSV。
// The figures come from one request asking the statistics query for each
// grouping; the bars are plain elements sized through the CSSOM (the CSP
// allows no inline style attributes), each with its numbers as text and a
// table behind it.
import { gql, h, form, errorBox, empty, today, download, csv } from './core.js';

const ROW = 'key label requests fulfilled acceptedCount medianHoursToAcceptance peopleReached';

const int = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const num = (n) => int.format(n);
// round1 keeps one decimal and drops a trailing .0 (the CSV's spelling too).
const round1 = (x) => (x == null ? '' : String(Math.round(x * 10) / 10));

// duration is the median time to acceptance as people say it.
function duration(hours) {
  if (hours == null) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} 分钟`;
  return `${round1(hours)} 小时`;
}

const pct = (part, whole) => (whole ? Math.round((part / whole) * 100) + '%' : '—');

// ---- the period ------------------------------------------------------------

const addMonths = (ym, n) => {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

// PRESETS give the period for a day (YYYY-MM-DD, China date).
const PRESETS = [
  ['year', '本年', (d) => ({ from: d.slice(0, 4) + '-01-01', to: d })],
  ['12m', '近12个月', (d) => ({ from: addMonths(d.slice(0, 7), -11) + '-01', to: d })],
  ['all', '全部', () => ({ from: '', to: '' })],
];

// period reads the period from the address (?from=&to=); none means the
// last twelve months, and ?all the whole history.
function period() {
  const q = new URLSearchParams(location.search);
  if (q.has('all')) return { from: '', to: '' };
  if (q.has('from') || q.has('to')) return { from: q.get('from') || '', to: q.get('to') || '' };
  return PRESETS[1][2](today());
}

function remember(p) {
  const q = p.from || p.to ? '?' + new URLSearchParams(Object.entries(p).filter(([, v]) => v)) : '?all';
  history.replaceState(null, '', location.pathname + q);
}

const periodText = (p) => (p.from || p.to ? `${p.from || '最早'} 至 ${p.to || '今天'}` : '全部时间');
const fileSlug = (p) => (p.from || p.to ? `${p.from || '最早'}至${p.to || today()}` : '全部');

// ---- building blocks ---------------------------------------------------------

const sr = (text) => h('span', { class: 'st-sr' }, text);

// sized sets an element's share (0–1) of its bar through the CSSOM, which
// the CSP allows where it forbids style attributes.
function sized(el, fraction) {
  el.style.setProperty('--f', Math.max(0, Math.min(1, fraction)).toFixed(4));
  return el;
}

// section is a titled part of the page with its 下载 CSV button; rows()
// gives the file's rows when the button is pressed.
function section(title, id, filename, rows, ...body) {
  const button = h('button', {
    type: 'button', class: 'st-csv', 'aria-describedby': id + '-title',
    onclick: () => download(filename, csv(rows()), 'text/csv;charset=utf-8'),
  }, '下载 CSV');
  return h('section', { class: 'st-section', id, 'aria-labelledby': id + '-title' },
    h('div', { class: 'st-head' }, h('h2', { id: id + '-title' }, title), button),
    ...body);
}

// COLUMNS are the figures of a row, for the tables and the CSV files.
const COLUMNS = [
  ['需求数', (r) => r.requests],
  ['完成数', (r) => r.fulfilled],
  ['有专家接单数', (r) => r.acceptedCount],
  ['接单中位时长（小时）', (r) => round1(r.medianHoursToAcceptance)],
  ['服务人数', (r) => r.peopleReached],
];

// csvRows is a section's file: a header, the rows as shown, then 合计.
// extra is an optional second column [header, value of a row].
function csvRows(first, rows, total, extra) {
  const head = [first, ...(extra ? [extra[0]] : []), ...COLUMNS.map(([t]) => t)];
  const line = (r, name, second) => [name, ...(extra ? [second] : []), ...COLUMNS.map(([, f]) => f(r))];
  return [head, ...rows.map((r) => line(r, r.csvName || r.label, extra && extra[1](r))), line(total, '合计', '')];
}

// bars draws one bar per group, as long as its requests, the part
// fulfilled filled in dark (a subset: both count the requests submitted
// in the period), the numbers written after it; the full figures are in a
// table below.
function bars(rows, first, wide) {
  const max = Math.max(1, ...rows.map((r) => r.requests));
  const list = h('ul', { class: 'st-bars' + (wide ? ' st-wide' : '') }, rows.map((r) => h('li', {
    class: 'st-bar-row' + (r.requests ? '' : ' st-zero'), 'data-key': r.key,
  },
  h('span', { class: 'st-bar-label' }, r.label),
  h('span', { class: 'st-bar' },
    sized(h('span', { class: 'st-fill st-req' }, sized(h('span', { class: 'st-fill st-done' }), r.requests ? r.fulfilled / r.requests : 0)),
      r.requests / max),
    h('span', { class: 'st-bar-num' },
      sr('需求数 '), h('span', { 'data-stat': 'requests' }, num(r.requests)),
      r.requests ? h('span', { class: 'st-bar-done' }, ' · 完成 ', h('span', { 'data-stat': 'fulfilled' }, num(r.fulfilled))) : null)))));
  return [legend(), list, h('details', { class: 'st-details' }, h('summary', {}, '查看数据表'), table(first, rows))];
}

function legend() {
  return h('p', { class: 'st-legend', 'aria-hidden': 'true' },
    h('span', { class: 'st-key st-req' }), '需求数', h('span', { class: 'st-key st-done' }), '其中已完成');
}

function table(first, rows) {
  return h('table', { class: 'st-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, first),
      h('th', { scope: 'col' }, '需求数'), h('th', { scope: 'col' }, '完成数'), h('th', { scope: 'col' }, '服务人数'),
      h('th', { scope: 'col' }, '接单中位', h('small', { class: 'st-unit' }, '（小时）')))),
    h('tbody', {}, rows.map((r) => tableRow(r))));
}

function tableRow(r, nameCell) {
  return h('tr', { 'data-key': r.key, class: r.requests ? null : 'st-zero' },
    nameCell || h('th', { scope: 'row' }, r.label),
    h('td', { 'data-stat': 'requests' }, num(r.requests)),
    h('td', { 'data-stat': 'fulfilled' }, num(r.fulfilled)),
    h('td', { 'data-stat': 'peopleReached' }, num(r.peopleReached)),
    h('td', { 'data-stat': 'median' }, r.medianHoursToAcceptance == null ? '—' : round1(r.medianHoursToAcceptance)));
}

const zero = (key, label) => ({
  key, label, requests: 0, fulfilled: 0, acceptedCount: 0, medianHoursToAcceptance: null, peopleReached: 0,
});

// ---- the sections ------------------------------------------------------------

function summary(total, p) {
  const tile = (stat, label, value, note) => h('div', { class: 'st-tile', 'data-stat': stat },
    h('span', { class: 'st-tile-label' }, label), h('strong', { class: 'st-tile-value' }, value),
    note ? h('small', { class: 'st-tile-note' }, note) : null);
  return h('section', { class: 'st-summary', 'aria-labelledby': 'st-summary-title' },
    h('h2', { id: 'st-summary-title' }, '总体情况', h('span', { class: 'st-period' }, periodText(p))),
    h('div', { class: 'st-tiles' },
      tile('requests', '需求数', num(total.requests), '按提交日期计'),
      tile('fulfilled', '完成数', num(total.fulfilled), '完成率 ' + pct(total.fulfilled, total.requests)),
      tile('peopleReached', '服务人数', num(total.peopleReached), '已登记的参加人数'),
      tile('median', '接单中位时长', duration(total.medianHoursToAcceptance),
        total.acceptedCount ? `${num(total.acceptedCount)} 项有专家接单` : '尚无专家接单')));
}

// months fills the months without requests between the period's ends, so
// that the bars are an honest time line.
function months(stats, p) {
  const have = new Map(stats.rows.map((r) => [r.key, r]));
  const keys = stats.rows.map((r) => r.key).sort();
  let first = p.from ? p.from.slice(0, 7) : keys[0];
  let last = p.to ? p.to.slice(0, 7) : today().slice(0, 7);
  if (keys.length && keys[keys.length - 1] > last) last = keys[keys.length - 1];
  if (keys.length && keys[0] < first) first = keys[0];
  const out = [];
  for (let m = first; m && m <= last && out.length < 600; m = addMonths(m, 1)) {
    const [y, mm] = m.split('-');
    out.push(have.get(m) || zero(m, `${y}年${Number(mm)}月`));
  }
  return out.map((r) => ({ ...r, csvName: r.key }));
}

function monthSection(stats, p) {
  const rows = months(stats, p);
  return section('每月需求与完成', 'st-month', `需求统计-按月份-${fileSlug(p)}.csv`, () => csvRows('月份', rows, stats.total),
    ...bars(rows, '月份'));
}

// The township table lists all seventeen townships, the ones without
// requests too, sorted by a column the reader picks (requests at first).
function townshipSection(stats, townships, p) {
  const have = new Map(stats.rows.map((r) => [r.key, r]));
  const known = new Set(townships.map((t) => t.code));
  const all = [
    ...townships.map((t, i) => ({ ...(have.get(t.code) || zero(t.code, t.name)), label: t.name, order: i })),
    ...stats.rows.filter((r) => !known.has(r.key)).map((r, i) => ({ ...r, order: townships.length + i })),
  ];
  const max = Math.max(1, ...all.map((r) => r.requests));
  const sorts = [
    ['requests', '需求数', (r) => r.requests],
    ['fulfilled', '完成数', (r) => r.fulfilled],
    ['peopleReached', '服务人数', (r) => r.peopleReached],
    ['median', '接单中位', (r) => r.medianHoursToAcceptance, '（小时）'],
  ];
  let by = 'requests';
  const body = h('tbody');
  const heads = sorts.map(([key, label, , unit]) => h('th', { scope: 'col', 'data-sort': key },
    h('button', { type: 'button', onclick: () => sortBy(key) },
      h('span', { class: 'st-nowrap' }, label, h('span', { class: 'st-arrow', 'aria-hidden': 'true' })),
      unit ? h('small', { class: 'st-unit' }, unit) : null)));
  // ordered sorts by the chosen column, largest first except the median
  // (quickest first), no value last; ties by requests, then the county's
  // order of townships.
  const ordered = () => {
    const value = sorts.find(([k]) => k === by)[2];
    const key = (r) => {
      const v = value(r);
      if (v == null) return Number.MAX_VALUE;
      return by === 'median' ? v : -v;
    };
    return [...all].sort((a, b) => key(a) - key(b) || b.requests - a.requests || a.order - b.order);
  };
  const sortBy = (key) => {
    by = key;
    for (const th of heads) {
      if (th.dataset.sort === by) th.setAttribute('aria-sort', by === 'median' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
    body.replaceChildren(...ordered().map((r) => tableRow(r, h('th', { scope: 'row' },
      h('span', { class: 'st-name' }, r.label),
      r.requests ? h('span', { class: 'st-mini', 'aria-hidden': 'true' },
        sized(h('span', { class: 'st-fill st-req' }, sized(h('span', { class: 'st-fill st-done' }), r.fulfilled / r.requests)), r.requests / max))
        : null))));
  };
  sortBy('requests');
  const served = all.filter((r) => r.requests).length;
  // The file lists the townships in the table's current order.
  return section('各乡镇', 'st-township', `需求统计-按乡镇-${fileSlug(p)}.csv`,
    () => csvRows('乡镇', ordered(), stats.total, ['乡镇代码', (r) => r.key]),
    h('p', { class: 'muted st-note' }, `${townships.length} 个乡镇中有 ${served} 个提出了需求。点表头可按该列排序。`),
    h('table', { class: 'st-table st-sortable' },
      h('caption', { class: 'st-sr' }, '各乡镇的需求统计'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '乡镇'), ...heads)), body));
}

function groupSection(title, id, first, stats, p, note) {
  return section(title, id, `需求统计-按${first}-${fileSlug(p)}.csv`, () => csvRows(first, stats.rows, stats.total),
    note ? h('p', { class: 'muted st-note' }, note) : null,
    ...(stats.rows.length ? bars(stats.rows, first, true) : [empty('没有数据。')]));
}

// ---- the page ------------------------------------------------------------------

async function load(p) {
  const part = (alias, group) => `${alias}: statistics(from: $from, to: $to, groupBy: ${group}) { rows { ${ROW} } total { ${ROW} } }`;
  return gql(`query($from: Date, $to: Date) {
    ${part('month', 'MONTH')} ${part('township', 'TOWNSHIP')} ${part('registry', 'REGISTRY')} ${part('kind', 'KIND')}
    townships { code name } }`, { from: p.from || null, to: p.to || null });
}

function results(d, p) {
  const total = d.month.total;
  const out = [summary(total, p)];
  if (!total.requests) {
    out.push(empty('这段时间没有提交的需求。可换一个时间段再看。'));
    return out;
  }
  out.push(
    monthSection(d.month, p),
    townshipSection(d.township, d.townships, p),
    groupSection('各人才库', 'st-registry', '人才库', d.registry, p,
      '按承接专家所在的人才库计；两个库的专家共同承接的需求在两行各计一次，故各行之和可能多于合计。'),
    groupSection('各类需求', 'st-kind', '需求类型', d.kind, p));
  if (/MicroMessenger/i.test(navigator.userAgent)) {
    out.push(h('p', { class: 'muted st-note' }, '提示：微信内置浏览器可能无法下载文件，请点右上角“…”，选择在浏览器中打开后再下载。'));
  }
  return out;
}

async function viewStatistics() {
  let p = period();
  let asked = 0; // the latest load wins when buttons are pressed quickly
  const area = h('div', { class: 'st-results' });
  const status = h('p', { class: 'st-sr', role: 'status' });
  const presetButtons = PRESETS.map(([key, label, make]) => h('button', {
    type: 'button', 'data-preset': key, onclick: () => show(make(today())),
  }, label));
  const picker = form([
    { name: 'from', label: '开始日期', type: 'date', value: p.from },
    { name: 'to', label: '结束日期', type: 'date', value: p.to },
  ], '查看', async (v) => {
    if (v.from && v.to && v.to < v.from) return [{ field: 'to', message: '结束日期不能早于开始日期' }];
    await show({ from: v.from, to: v.to });
  });
  picker.classList.add('st-picker');

  async function fill() {
    const mine = ++asked;
    for (const b of presetButtons) {
      const made = PRESETS.find(([k]) => k === b.dataset.preset)[2](today());
      b.setAttribute('aria-pressed', String(made.from === p.from && made.to === p.to));
    }
    area.setAttribute('aria-busy', 'true');
    let nodes;
    try {
      const d = await load(p);
      nodes = results(d, p);
      status.textContent = `已显示${periodText(p)}的统计：${num(d.month.total.requests)} 项需求。`;
    } catch (e) {
      nodes = [errorBox(e.message)]; // e.g. a mistyped date in the address
      status.textContent = '';
    }
    if (mine !== asked) return;
    area.replaceChildren(...nodes);
    area.removeAttribute('aria-busy');
  }
  async function show(next) {
    p = next;
    picker.elements.from.value = p.from;
    picker.elements.to.value = p.to;
    remember(p);
    await fill();
  }
  await fill();
  return [
    h('h1', {}, '需求统计'),
    h('p', { class: 'muted' }, '按提交日期（北京时间）统计所选时间段内的需求：多少得到了服务、服务了多少人、多快有专家接单。'),
    h('div', { class: 'st-presets', role: 'group', 'aria-label': '常用时间段' }, presetButtons),
    picker, status, area,
  ];
}

export const routes = [[/^\/statistics$/, viewStatistics]];

export const nav = {
  ORGANIZER: [['/statistics', '统计']],
  ADMIN: [['/statistics', '统计']],
};
