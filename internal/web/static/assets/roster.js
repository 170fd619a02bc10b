// 人才库管理员的页面：专家名册（按条件筛选、分页、下载 CSV）、专家档案、表格导入（逐行校验报告）。
// 筛选条件写在地址栏的查询串里，筛好的名单可以收藏、刷新或转发。
import {
  gql, h, badge, errorBox, empty, dateTime, today, dl, download, csv, USER_ERRORS, AUDIENCES, AUDIENCE, WEEKDAY,
} from './core.js';

const MEMBERSHIP_STATUSES = [
  ['NOMINATED', '已提名'], ['UNDER_REVIEW', '审核中'], ['ADMITTED', '已入库'], ['SUSPENDED', '已暂停'], ['EXITED', '已退出'],
];
const MEMBERSHIP_STATUS = Object.fromEntries(MEMBERSHIP_STATUSES);
const CATEGORIES = [
  ['FLOOD', '防汛抗洪'], ['FOREST_FIRE', '森林防火'], ['GEOLOGICAL', '地质灾害'], ['METEOROLOGICAL', '气象灾害'], ['EARTHQUAKE', '地震'],
  ['FIRE', '消防'], ['CHEMICAL', '危险化学品'], ['PRODUCTION_SAFETY', '安全生产'], ['FOOD_SAFETY', '食品安全'], ['PUBLIC_HEALTH', '公共卫生'],
];
const CATEGORY = Object.fromEntries(CATEGORIES);
const GENDER = { MALE: '男', FEMALE: '女' };
const LEVEL = { COUNTY: '县级', MUNICIPAL: '市级', PROVINCIAL: '省级', NATIONAL: '国家级' };
const OUTCOME = { PENDING: '评审中', SELECTED: '入选', NOT_SELECTED: '未入选' };
const TARGET_KIND = { VILLAGE: '行政村', COOPERATIVE: '合作社', ENTERPRISE: '企业', FAMILY_FARM: '家庭农场' };

// some drops the nulls of optional parts: replaceChildren would show them as "null".
const some = (list) => list.flat().filter((n) => n != null && n !== false);
const join = (list) => (list || []).filter(Boolean).join('、');
const memberBadge = (m) => badge(`${m.registryName} · ${MEMBERSHIP_STATUS[m.status] || m.status}`, 'm-' + m.status);

// ---- /experts: the roster ----------------------------------------------------

// The URL's query parameters and the filter controls share these names.
const PARAMS = ['q', 'registry', 'status', 'township', 'audience', 'category', 'oncall', 'archived'];

// readParams takes the filters from the query string, dropping values the
// API would not accept (a hand-edited or stale bookmark).
function readParams(search, registries, townships) {
  const p = new URLSearchParams(search);
  const pick = (name, allowed) => {
    const v = (p.get(name) || '').trim();
    return allowed.includes(v) ? v : '';
  };
  return {
    q: (p.get('q') || '').trim().slice(0, 200),
    registry: pick('registry', registries.map((r) => r.registry)),
    status: pick('status', MEMBERSHIP_STATUSES.map(([v]) => v)),
    township: pick('township', townships.map((t) => t.name)),
    audience: pick('audience', AUDIENCES.map(([v]) => v)),
    category: pick('category', CATEGORIES.map(([v]) => v)),
    oncall: pick('oncall', ['yes', 'no']),
    archived: pick('archived', ['1']),
  };
}

function apiFilter(s) {
  const f = {};
  if (s.registry) f.registry = s.registry;
  if (s.status) f.status = s.status;
  if (s.township) f.township = s.township;
  if (s.audience) f.audience = s.audience;
  if (s.category) f.emergencyCategory = s.category;
  if (s.oncall) f.onCall = s.oncall === 'yes';
  if (s.archived) f.includeArchived = true;
  return f;
}

const CARD_FIELDS = 'id name title organization township archived onCall memberships { registry registryName status }';
const CSV_FIELDS = `id externalId name gender birthYear title organization township serviceTownships fields expertise audiences
  emergencyCategories onCall archived maxEngagementsPerMonth memberships { registryName status } phone email`;

// lister returns a function fetching one page of the filtered roster. A
// text query goes to the full-text search (ranked by relevance); with
// archived experts included, or when search is down, it falls back to the
// list's plain name-and-organisation match, and says so in note.
function lister(s) {
  const filter = apiFilter(s);
  const state = { search: !!s.q && !s.archived, note: '' };
  if (s.q && s.archived) state.note = '包括已归档的专家时，只按姓名和工作单位查找（全文检索不含已归档的专家）。';
  const viaList = (fields, first, after) => gql(`query($f: ExpertFilter, $first: Int, $after: String) {
    experts(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`,
  { f: s.q ? { ...filter, text: s.q.slice(0, 100) } : filter, first, after }).then((d) => d.experts);
  const page = async (fields, first, after) => {
    if (!state.search) return viaList(fields, first, after);
    try {
      const d = await gql(`query($q: String!, $f: ExpertFilter, $first: Int, $after: String) {
        searchExperts(query: $q, filter: $f, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`, { q: s.q, f: filter, first, after });
      return d.searchExperts;
    } catch (e) {
      if (e.code !== 'SEARCH_UNAVAILABLE' || after) throw e;
      state.search = false;
      state.note = '检索服务暂时不可用，已改为只按姓名和工作单位查找。';
      return viaList(fields, first, after);
    }
  };
  page.state = state;
  return page;
}

function expertCard(e) {
  return h('li', { class: 'card roster-card' },
    h('a', { class: 'card-title', href: '/experts/' + e.id }, e.name),
    h('div', { class: 'card-meta' }, [e.title, e.organization].filter(Boolean).join(' · ') || '未填写职称和单位'),
    h('div', { class: 'card-meta' }, e.township ? '乡镇：' + e.township : '未填写乡镇',
      e.onCall ? [' ', badge('值守中', 'oncall')] : null, e.archived ? [' ', badge('已归档', 'archived')] : null),
    h('div', { class: 'roster-regs' }, e.memberships.length ? e.memberships.map(memberBadge) : h('span', { class: 'muted' }, '未加入人才库')));
}

function select(name, label, options, value, none) {
  const id = 'flt-' + name;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, [['', none], ...options].map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function filterForm(s, registries, townships) {
  const active = PARAMS.filter((k) => k !== 'q' && s[k]).length;
  const more = h('details', { class: 'roster-more', open: active > 0 },
    h('summary', {}, active ? `筛选条件（已选 ${active} 项）` : '筛选条件'),
    h('div', { class: 'roster-grid' },
      select('registry', '人才库', registries.map((r) => [r.registry, r.name]), s.registry, '全部'),
      select('status', '入库状态', MEMBERSHIP_STATUSES, s.status, '不限'),
      select('township', '乡镇', townships.map((t) => [t.name, t.name]), s.township, '全部乡镇'),
      select('audience', '受众', AUDIENCES, s.audience, '不限'),
      select('category', '应急类别', CATEGORIES, s.category, '不限'),
      select('oncall', '值守', [['yes', '正在值守'], ['no', '未值守']], s.oncall, '不限')),
    h('label', { class: 'roster-check' }, h('input', { type: 'checkbox', name: 'archived', value: '1', checked: !!s.archived }), '包括已归档的专家'),
    h('div', { class: 'roster-buttons' },
      h('button', { type: 'submit', class: 'primary' }, '应用筛选'),
      h('a', { class: 'button', href: '/experts' }, '清除条件')));
  const el = h('form', { class: 'roster-filter', role: 'search', action: '/experts', method: 'get' },
    h('div', { class: 'roster-search' },
      h('label', { for: 'flt-q', class: 'visually-hidden' }, '查找专家'),
      h('input', {
        id: 'flt-q', name: 'q', type: 'search', value: s.q, maxlength: 200, enterkeyhint: 'search',
        placeholder: '姓名、单位、专长、讲座主题…',
      }),
      h('button', { type: 'submit', class: 'primary' }, '查找')),
    more);
  // The filters go into the address, so the list can be bookmarked and
  // reloaded; empty ones are left out to keep the address short.
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(el)) if (String(v).trim()) p.set(k, String(v).trim());
    const qs = p.toString();
    location.assign('/experts' + (qs ? '?' + qs : ''));
  });
  return el;
}

async function viewRoster() {
  const ref = await gql('{ registries { registry name } townships { name } }');
  const s = readParams(location.search, ref.registries, ref.townships);
  const page = lister(s);
  const first = await page(CARD_FIELDS, 20, null);
  const list = h('ul', { class: 'cards roster-list' }, first.nodes.map(expertCard));
  let shown = first.nodes.length;
  let cursor = first.pageInfo.endCursor;
  const count = h('span', { class: 'roster-count' });
  const showCount = () => { count.textContent = `共 ${first.totalCount} 位专家` + (shown < first.totalCount ? `，已显示 ${shown} 位` : ''); };
  showCount();
  const moreBox = h('div', { role: 'status' });
  const more = h('button', { type: 'button', class: 'roster-load' }, '加载更多');
  more.hidden = !first.pageInfo.hasNextPage;
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = '加载中…';
    moreBox.replaceChildren();
    try {
      const next = await page(CARD_FIELDS, 20, cursor);
      list.append(...next.nodes.map(expertCard));
      shown += next.nodes.length;
      cursor = next.pageInfo.endCursor;
      more.hidden = !next.pageInfo.hasNextPage;
      showCount();
    } catch (e) {
      moreBox.append(errorBox(e.message));
    } finally {
      more.disabled = false;
      more.textContent = '加载更多';
    }
  });
  const exportBox = h('div', { role: 'status' });
  const exportButton = h('button', { type: 'button', class: 'link roster-csv', disabled: first.totalCount === 0 }, '下载 CSV');
  exportButton.addEventListener('click', () => exportCSV(s, exportButton, exportBox));
  return some([
    h('h1', {}, '专家名册'),
    filterForm(s, ref.registries, ref.townships),
    h('p', { class: 'roster-summary' }, count, exportButton),
    exportBox,
    page.state.note ? h('p', { class: 'muted roster-note' }, page.state.note) : null,
    first.nodes.length ? list : empty(s.q || PARAMS.some((k) => s[k]) ? '没有符合条件的专家，可减少筛选条件后再试。' : '名册中还没有专家。'),
    more, moreBox,
  ]);
}

// exportCSV fetches every page of the filtered list and hands it over as a
// CSV file. Phone and e-mail columns appear only when the API returned them
// (it hides them from roles not entitled to see them).
async function exportCSV(s, button, box) {
  const label = button.textContent;
  button.disabled = true;
  box.replaceChildren();
  const page = lister(s);
  const rows = [];
  let after = null;
  let capped = false;
  try {
    for (;;) {
      // The search reads at most 1000 ranked results (offset + page + 1).
      const first = page.state.search ? Math.min(100, 999 - rows.length) : 100;
      if (first <= 0) { capped = true; break; }
      const d = await page(CSV_FIELDS, first, after);
      rows.push(...d.nodes);
      button.textContent = `正在导出（${rows.length}/${d.totalCount}）…`;
      if (!d.pageInfo.hasNextPage || !d.nodes.length) break;
      after = d.pageInfo.endCursor;
    }
  } catch (e) {
    box.append(errorBox('导出失败：' + e.message));
    button.disabled = false;
    button.textContent = label;
    return;
  }
  const contact = rows.some((e) => e.phone != null || e.email != null);
  const header = ['系统编号', '外部编号', '姓名', '性别', '出生年份', '职称', '工作单位', '乡镇', '服务乡镇', '学科领域', '专长', '受众',
    '应急类别', '值守', '人才库及状态', '每月最多服务次数', '已归档'];
  if (contact) header.push('电话', '邮箱');
  const out = [header, ...rows.map((e) => {
    const r = [e.id, e.externalId, e.name, GENDER[e.gender], e.birthYear, e.title, e.organization, e.township, join(e.serviceTownships),
      join(e.fields), join(e.expertise), join(e.audiences.map((a) => AUDIENCE[a] || a)), join(e.emergencyCategories.map((c) => CATEGORY[c] || c)),
      e.onCall ? '是' : '否', e.memberships.map((m) => `${m.registryName}：${MEMBERSHIP_STATUS[m.status] || m.status}`).join('；'),
      e.maxEngagementsPerMonth, e.archived ? '是' : '否'];
    if (contact) r.push(e.phone, e.email);
    return r;
  })];
  download(`专家名册-${today()}.csv`, csv(out), 'text/csv;charset=utf-8');
  box.append(h('p', { class: 'ok-box' }, `已导出 ${rows.length} 位专家` + (contact ? '（含联系方式，请妥善保管）' : '') + '。',
    capped ? '检索结果最多导出 999 位，请加上筛选条件缩小范围。' : '',
    /MicroMessenger/i.test(navigator.userAgent) ? '微信中如未开始下载，请点右上角“…”，选择“在浏览器打开”后再下载。' : ''));
  button.disabled = false;
  button.textContent = label;
}

// ---- /experts/{id}: one expert's file -------------------------------------

const PROFILE = `id externalId name gender birthYear title organization township serviceTownships fields expertise bio
  audiences emergencyCategories onCall archived archivedAt maxEngagementsPerMonth createdAt updatedAt
  phone email consent { purpose givenAt }
  lectureTopics { title abstract audiences minutes }
  availability { weekdays note unavailable { from to reason } }
  memberships { id registry registryName status since admittedAt travelMaxKm travelNote history { from to actor reason at } }
  recommendations { programme year level outcome note }
  envoyAssignments { targetKind targetName township termStart termEnd }`;

async function viewExpert(me, id) {
  const { expert: e } = await gql(`query($id: ID!) { expert(id: $id) { ${PROFILE} } }`, { id });
  if (!e) return [h('h1', {}, '专家档案'), errorBox('专家不存在。'), h('p', {}, h('a', { href: '/experts' }, '返回专家名册'))];
  // Back to the list the officer came from, filters and all.
  let back = '/experts';
  try {
    const r = new URL(document.referrer);
    if (r.origin === location.origin && r.pathname === '/experts') back = r.pathname + r.search;
  } catch { /* no referrer */ }
  const out = [
    h('p', { class: 'roster-back' }, h('a', { href: back }, '← 返回专家名册')),
    h('h1', {}, e.name, e.archived ? [' ', badge('已归档', 'archived')] : null),
    h('div', { class: 'roster-regs' }, e.memberships.map(memberBadge), e.onCall ? badge('值守中', 'oncall') : null),
    h('p', {}, h('a', { class: 'button primary roster-edit', href: `/experts/${e.id}/edit` }, '编辑资料')),
    dl([
      ['外部编号', e.externalId], ['性别', GENDER[e.gender]], ['出生年份', e.birthYear], ['职称', e.title], ['工作单位', e.organization],
      ['所在乡镇', e.township], ['服务乡镇', join(e.serviceTownships)], ['学科领域', join(e.fields)], ['专长', join(e.expertise)],
      ['受众', join(e.audiences.map((a) => AUDIENCE[a] || a))], ['应急类别', join(e.emergencyCategories.map((c) => CATEGORY[c] || c))],
      ['每月最多', `${e.maxEngagementsPerMonth} 次服务`], ['简介', e.bio],
      ['归档时间', e.archived ? dateTime(e.archivedAt) : null], ['登记时间', dateTime(e.createdAt)], ['最后修改', dateTime(e.updatedAt)],
    ]),
  ];

  out.push(h('h2', {}, '联系方式'));
  if (e.phone || e.email || e.consent) {
    out.push(dl([
      ['电话', e.phone ? h('a', { href: 'tel:' + e.phone }, e.phone) : '未登记'],
      ['邮箱', e.email ? h('a', { href: 'mailto:' + e.email }, e.email) : '未登记'],
      ['本人同意', e.consent ? `${dateTime(e.consent.givenAt)}，用途：${e.consent.purpose}` : '没有记录'],
    ]));
  } else {
    out.push(empty('未登记联系方式，或您无权查看（仅专家所在人才库的管理员等可见）。'));
  }

  out.push(h('h2', {}, '人才库成员资格'));
  out.push(e.memberships.length ? h('ul', { class: 'cards' }, e.memberships.map(membershipCard)) : empty('尚未加入任何人才库。'));

  out.push(h('h2', {}, '讲座主题'));
  out.push(e.lectureTopics.length ? h('ul', { class: 'cards' }, e.lectureTopics.map((t) => h('li', { class: 'card' },
    h('div', { class: 'card-title' }, t.title),
    h('div', { class: 'card-meta' }, [t.minutes ? t.minutes + ' 分钟' : '', join(t.audiences.map((a) => AUDIENCE[a] || a))].filter(Boolean).join(' · ')),
    t.abstract ? h('p', { class: 'roster-abstract' }, t.abstract) : null))) : empty('没有登记讲座主题。'));

  const a = e.availability;
  out.push(h('h2', {}, '可服务时间'), dl([
    ['每周', a.weekdays.length ? a.weekdays.map((d) => WEEKDAY[d]).join('、') : '不限'],
    ['不可用', a.unavailable.length ? h('ul', { class: 'plain roster-dates' }, a.unavailable.map((u) =>
      h('li', {}, u.from === u.to ? u.from : `${u.from} 至 ${u.to}`, u.reason ? '（' + u.reason + '）' : ''))) : '无'],
    ['说明', a.note],
  ]));

  if (e.envoyAssignments.length) {
    out.push(h('h2', {}, '服务对象（科技特派员）'), h('ul', { class: 'plain' }, e.envoyAssignments.map((x) =>
      h('li', {}, `${TARGET_KIND[x.targetKind] || x.targetKind}：${x.targetName}`, x.township ? `（${x.township}）` : '',
        `，${x.termStart} 至 ${x.termEnd || '未定'}`))));
  }
  if (e.recommendations.length) {
    out.push(h('h2', {}, '推荐参评（青年人才）'), h('ul', { class: 'plain' }, e.recommendations.map((r) =>
      h('li', {}, `${r.year} 年 ${LEVEL[r.level] || r.level}：${r.programme} `, badge(OUTCOME[r.outcome] || r.outcome, 'r-' + r.outcome),
        r.note ? h('div', { class: 'muted' }, r.note) : null))));
  }
  return some(out);
}

function membershipCard(m) {
  return h('li', { class: 'card' },
    h('div', { class: 'card-title' }, m.registryName, ' ', badge(MEMBERSHIP_STATUS[m.status] || m.status, 'm-' + m.status)),
    dl([
      ['当前状态自', dateTime(m.since)], ['首次入库', dateTime(m.admittedAt)],
      ['出行范围', m.travelMaxKm != null ? (m.travelMaxKm ? `${m.travelMaxKm} 公里内` : '不限') : null], ['出行说明', m.travelNote],
    ]),
    h('h3', {}, '状态变更记录'),
    h('ol', { class: 'history' }, m.history.map((c) => h('li', {},
      h('div', {}, dateTime(c.at), ' ', c.from ? `${MEMBERSHIP_STATUS[c.from] || c.from} → ` : '', MEMBERSHIP_STATUS[c.to] || c.to),
      h('div', { class: 'muted' }, c.actor === 'system' ? '系统' : c.actor, c.reason ? '：' + c.reason : '')))));
}

// ---- /import: spreadsheet import ----------------------------------------------

// TEMPLATE is the bureau's template (internal/sheet Columns), with how to
// fill each column; * marks the required ones (the importer ignores the *).
const TEMPLATE = [
  ['外部编号*', '主管部门的人员编号，每人唯一。库中已有此编号的，按表格更新该专家的资料。'],
  ['姓名*', ''],
  ['性别', '男 或 女。'],
  ['出生年份', '四位数字，如 1965。'],
  ['所属人才库', '青年人才储备库、老专家科普报告团、科技特派员、应急科普专家队伍，可填多个，用顿号分隔。新列出的人才库直接设为“已入库”。'],
  ['职称', ''],
  ['工作单位', ''],
  ['乡镇', '浮梁县的乡镇名称，如 江村乡。'],
  ['学科领域', '可填多个，用顿号分隔。'],
  ['专长', '几个关键词，用顿号分隔，如 茶叶病虫害、绿色防控。'],
  ['简介', ''],
  ['讲座主题', '多个主题用“|”或换行分隔；每个主题可写成 题目（90分钟，小学生、初中生）：简介。'],
  ['受众', '小学生、初中生、高中生、农民、企业职工、老年人、领导干部、社会公众，可填多个。'],
  ['服务乡镇', '可填多个乡镇，用顿号分隔。'],
  ['应急类别', '如 防汛抗洪、森林防火、地质灾害，可填多个。'],
  ['每月最多服务次数', '0–60 的整数，不填为 4。'],
];

// maxBody keeps the request under the server's 1 MiB body limit, with room
// for the query text.
const maxBody = (1 << 20) - 4096;

// readFile reads a picked file into what importExperts takes: CSV as text
// (UTF-8 with or without BOM, or GBK/GB18030 as Excel on Chinese Windows
// saves "CSV (逗号分隔)"), xlsx as Base64.
function readFile(file) {
  return new Promise((resolve, reject) => {
    const fr = new FileReader();
    fr.onerror = () => reject(new Error('读取文件失败，请重新选择'));
    fr.onload = () => {
      try {
        resolve(decodeFile(new Uint8Array(fr.result)));
      } catch (e) {
        reject(e);
      }
    };
    fr.readAsArrayBuffer(file);
  });
}

const startsWith = (b, sig) => sig.every((x, i) => b[i] === x);

function decodeFile(b) {
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    let bin = '';
    for (let i = 0; i < b.length; i += 0x8000) bin += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
    return { input: { xlsx: btoa(bin) }, kind: 'xlsx 表格' };
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new Error('这是旧版 Excel（.xls）文件或已加密：请在 Excel 中“另存为”不带密码的 .xlsx 或“CSV UTF-8（逗号分隔）”后再选择。');
  }
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return { input: { csv: new TextDecoder('utf-8').decode(b) }, kind: 'CSV（UTF-8）' };
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) {
    throw new Error('文件是 UTF-16（“Unicode 文本”）编码：请在 Excel 中“另存为”，类型选“CSV UTF-8（逗号分隔）”。');
  }
  try {
    return { input: { csv: new TextDecoder('utf-8', { fatal: true }).decode(b) }, kind: 'CSV（UTF-8）' };
  } catch { /* not UTF-8: try GBK below */ }
  let text = null;
  try {
    text = new TextDecoder('gbk').decode(b);
  } catch { /* the browser has no GBK decoder */ }
  if (text == null || text.includes('\ufffd')) {
    throw new Error('无法识别文件编码：既不是 UTF-8，也不是 GBK 中文文本。请在 Excel 中“另存为”，类型选“CSV UTF-8（逗号分隔）”。');
  }
  return { input: { csv: text }, kind: 'CSV（GBK 编码，已自动转换）' };
}

const IMPORT = `mutation($in: ImportExpertsInput!) { importExperts(input: $in) {
  rows inserted updated unchanged invalid memberships written dryRun problemCount ignoredColumns sheet
  problems { row column header code message } ${USER_ERRORS} } }`;

async function viewImport(me) {
  const result = h('div', { class: 'imp-result', 'aria-live': 'polite' });
  const fileInput = h('input', {
    id: 'imp-file', type: 'file', name: 'file', 'aria-describedby': 'imp-file-help',
    // WeChat's Android picker offers only the camera and photos when accept is set.
    accept: /MicroMessenger/i.test(navigator.userAgent) ? null : '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const template = h('button', { type: 'button', class: 'link' }, '下载模板（CSV）');
  template.addEventListener('click', () => download('专家名册导入模板.csv', csv([TEMPLATE.map(([name]) => name)]), 'text/csv;charset=utf-8'));

  let picked = null; // { input, kind, name }
  const check = async () => {
    result.replaceChildren(h('p', { class: 'muted' }, '正在检查…'));
    let file;
    try {
      file = await readFile(fileInput.files[0]);
    } catch (e) {
      result.replaceChildren(errorBox(e.message));
      return;
    }
    const size = new TextEncoder().encode(JSON.stringify(file.input)).length;
    if (size > maxBody) {
      result.replaceChildren(errorBox(`文件太大（约 ${(size / (1 << 20)).toFixed(1)} MB）：网页导入每次不超过 1 MB，请把名册分成几个文件分别导入，或请系统管理员用 talentctl import experts 导入。`));
      return;
    }
    picked = { ...file, name: fileInput.files[0].name };
    await runImport(true, false);
  };
  fileInput.addEventListener('change', () => { if (fileInput.files.length) check(); });
  // Cleared on opening the picker, so that choosing the same file again
  // after fixing it still fires change and checks it again.
  fileInput.addEventListener('click', () => { fileInput.value = ''; });

  // runImport sends the picked file: a dry run shows the report and the
  // confirm button; the real import shows what was written.
  const runImport = async (dryRun, partial) => {
    let p;
    try {
      p = (await gql(IMPORT, { in: { ...picked.input, dryRun, partial } })).importExperts;
    } catch (e) {
      result.replaceChildren(errorBox(e.message));
      if (e.code) result.firstChild.dataset.code = e.code;
      return;
    }
    result.replaceChildren(...some(dryRun ? dryRunReport(p, picked, runImport) : importReport(p, picked)));
  };

  return [
    h('h1', {}, '表格导入'),
    h('p', {}, '用 Excel 或 WPS 整理好专家名册，一次导入多位专家：按“外部编号”新增或更新。先检查、看过逐行报告，再确认导入。'),
    h('p', {}, template, h('span', { class: 'muted' }, '：只有表头的空白表格，按列填写，一行一位专家。')),
    h('details', { class: 'imp-columns' }, h('summary', {}, '各列怎么填'),
      h('dl', { class: 'facts imp-facts' }, TEMPLATE.flatMap(([name, how]) => [h('dt', {}, name), h('dd', {}, how || '文字。')])),
      h('p', { class: 'muted' }, '带 * 的两列必填，其余各列可以没有。表格中没有的列，库中的资料不变；有这一列但单元格空着，会清空该项。')),
    h('div', { class: 'field' },
      h('label', { for: 'imp-file' }, '选择文件'),
      fileInput,
      h('small', { id: 'imp-file-help', class: 'help' },
        '支持 .xlsx 和 .csv（UTF-8，或 Excel 默认的 GBK 中文编码），每次不超过 1 MB。选好后自动检查，不会写入。')),
    result,
  ];
}

function counts(p) {
  const items = [['数据行', p.rows], ['新增', p.inserted], ['更新', p.updated], ['无变化', p.unchanged], ['有问题', p.invalid]];
  return h('dl', { class: 'imp-counts' }, items.map(([k, v]) => h('div', { class: k === '有问题' && v ? 'bad' : null }, h('dt', {}, k), h('dd', {}, String(v)))));
}

function problemTable(p) {
  if (!p.problems.length) return [];
  const cell = (label, value, cls) => h('td', { 'data-label': label, class: cls }, value);
  return [
    h('table', { class: 'imp-table' },
      h('caption', {}, `逐行问题（共 ${p.problemCount} 处）`),
      h('thead', {}, h('tr', {}, ['行', '列', '问题', '代码'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, p.problems.map((x) => h('tr', { 'data-row': String(x.row) },
        cell('行', x.row ? `第 ${x.row} 行` : '整个文件', 'imp-row'),
        cell('列', x.header || x.column || (x.row ? '整行' : '—')),
        cell('问题', x.message, 'imp-msg'),
        cell('代码', h('code', {}, x.code)))))),
    p.problemCount > p.problems.length ? h('p', { class: 'muted' }, `只列出前 ${p.problems.length} 处，改好后重新检查可看到其余的。`) : '',
  ];
}

// otherErrors are the payload's user errors besides the summary of the
// problems (which the table shows row by row).
const otherErrors = (p) => p.userErrors.filter((e) => !(e.code === 'INVALID' && p.problemCount > 0)).map((e) => errorBox(e.message));

function fileLine(p, picked) {
  return h('p', { class: 'imp-file' }, `文件：${picked.name}（${picked.kind}${p.sheet ? '，工作表“' + p.sheet + '”' : ''}）`);
}

function dryRunReport(p, picked, runImport) {
  const out = [h('h2', {}, '检查结果'), fileLine(p, picked), ...otherErrors(p)];
  if (p.userErrors.length && !p.problemCount) return out;
  out.push(counts(p));
  if (p.memberships) out.push(h('p', {}, `导入后将有 ${p.memberships} 人次新加入人才库（状态为“已入库”）。`));
  if (p.ignoredColumns.length) out.push(h('p', { class: 'muted' }, '以下列不认识，将被忽略：' + p.ignoredColumns.join('、')));
  out.push(...problemTable(p));
  // Problems of the whole file (row 0) or of every row leave nothing to import.
  const fatal = p.problems.some((x) => x.row === 0) || p.rows === 0 || p.invalid >= p.rows;
  const writes = p.inserted + p.updated;
  if (fatal || !writes) {
    out.push(p.problemCount ? errorBox('请按上面的说明修改文件后，重新选择文件检查。')
      : h('p', { class: 'ok-box' }, '文件中的专家与库中一致，没有需要导入的内容。'));
    return out;
  }
  const box = h('div', { role: 'alert' });
  const button = h('button', { type: 'button', class: 'primary imp-confirm' });
  const label = (skip) => `确认导入（${writes} 位专家）` + (skip ? '，跳过有问题的行' : '');
  button.textContent = label(false);
  const controls = [];
  let skip = null;
  if (p.invalid) {
    skip = h('input', { type: 'checkbox', id: 'imp-skip' });
    const hint = h('p', { class: 'muted' }, `有 ${p.invalid} 行有问题。可以改好文件后重新选择；或勾选下面一项，先导入其余各行。`);
    controls.push(hint, h('label', { class: 'roster-check', for: 'imp-skip' }, skip, '跳过有问题的行'));
    button.disabled = true;
    skip.addEventListener('change', () => {
      button.disabled = !skip.checked;
      button.textContent = label(skip.checked);
    });
  } else {
    out.push(h('p', { class: 'ok-box' }, '没有发现问题，可以导入。'));
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = '正在导入…';
    box.replaceChildren();
    await runImport(false, !!(skip && skip.checked));
    if (button.isConnected) {
      button.disabled = false;
      button.textContent = label(skip && skip.checked);
    }
  });
  out.push(h('div', { class: 'imp-actions' }, controls, button, box));
  return out;
}

function importReport(p, picked) {
  const out = [h('h2', {}, p.written ? '导入完成' : '没有导入'), fileLine(p, picked)];
  if (p.written) {
    out.push(h('p', { class: 'ok-box' },
      `已导入：新增 ${p.inserted} 位、更新 ${p.updated} 位专家，${p.unchanged} 位无变化` +
      (p.memberships ? `；${p.memberships} 人次新加入人才库` : '') + '。' +
      (p.invalid ? `跳过了 ${p.invalid} 行有问题的行（见下表），改好后可单独再导入。` : '')));
  } else {
    out.push(errorBox('没有写入任何数据。' + (p.problemCount ? '检查之后库中或文件有了变化，请看下表。' : '')));
  }
  out.push(...(p.written ? [] : otherErrors(p)), counts(p), ...problemTable(p),
    h('p', { class: 'imp-next' }, h('a', { class: 'button', href: '/experts' }, '查看专家名册'), ' ',
      h('a', { class: 'button', href: '/import' }, '导入其他文件')));
  return out;
}

export const routes = [
  [/^\/experts$/, viewRoster],
  [/^\/experts\/(\d+)$/, viewExpert],
  [/^\/import$/, viewImport],
];

const links = [['/experts', '专家名册'], ['/import', '表格导入']];
export const nav = { REGISTRY_OFFICER: links, ADMIN: links };
