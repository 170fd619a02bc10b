// 人才专家库页面。所有读写都经 /graphql 并带上登录令牌，
// 权限和校验全部由服务器决定；页面只负责展示和转达。

const TOKEN = 'talent.token';

const REQUEST_STATUS = {
  SUBMITTED: '待派单', DISPATCHED: '已派单', ACCEPTED: '已接单', SCHEDULED: '已排期',
  COMPLETED: '已完成', RATED: '已评价', CANCELLED: '已取消', EXPIRED: '已过期',
};
const INVITATION_STATUS = {
  PENDING: '待回复', ACCEPTED: '已接受', DECLINED: '已谢绝', EXPIRED: '已过期', CANCELLED: '已撤销', FILLED: '已满员',
};
const ENGAGEMENT_STATUS = { ACCEPTED: '待排期', SCHEDULED: '已排期', COMPLETED: '已完成', CANCELLED: '已取消' };
const KINDS = [['SCHOOL', '学校'], ['VILLAGE', '村（社区）'], ['ENTERPRISE', '企业']];
const AUDIENCES = [
  ['PRIMARY_SCHOOL', '小学生'], ['MIDDLE_SCHOOL', '初中生'], ['HIGH_SCHOOL', '高中生'], ['FARMERS', '农民'],
  ['ENTERPRISE_STAFF', '企业职工'], ['ELDERLY', '老年人'], ['OFFICIALS', '领导干部'], ['PUBLIC', '社会公众'],
];
const AUDIENCE = Object.fromEntries(AUDIENCES);
const USER_ERRORS = 'userErrors { field code message }';

// ---- GraphQL ---------------------------------------------------------------

class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('；'));
    this.code = errors[0].extensions && errors[0].extensions.code;
  }
}

async function gql(query, variables) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  const token = localStorage.getItem(TOKEN);
  if (token) headers.Authorization = 'Bearer ' + token;
  let res;
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new Error('网络连接失败，请稍后再试');
  }
  if (res.status === 401) {
    localStorage.removeItem(TOKEN);
    location.assign('/login?next=' + encodeURIComponent(location.pathname));
    throw new Error('登录已失效，请重新登录');
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`服务器返回了无法识别的内容（${res.status}）`);
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors);
  return body.data;
}

// ---- DOM helpers -----------------------------------------------------------

// h builds an element; text is always set as text, never parsed as HTML.
function h(tag, props, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) {
    if (kid != null && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

const badge = (text, kind) => h('span', { class: 'badge ' + (kind || '') }, text);
const errorBox = (message) => h('p', { class: 'error-box', role: 'alert' }, message);
const empty = (text) => h('p', { class: 'muted' }, text);

function dateTime(s) {
  if (!s) return '';
  return new Date(s).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).replaceAll('/', '-');
}

function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function dl(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, v]) => v != null && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

// ---- forms -----------------------------------------------------------------

// form renders fields and calls submit(values) on submit. submit returns the
// payload's userErrors (shown next to their fields; the typed values stay)
// or nothing on success; a thrown error is shown above the button.
function form(fields, label, submit) {
  const general = h('div', { class: 'form-errors', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, label);
  const el = h('form', {}, fields.map(field), general, button);
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(el, general);
    const values = Object.fromEntries(new FormData(el));
    button.disabled = true;
    button.textContent = '提交中…';
    try {
      const errors = await submit(values);
      if (errors && errors.length) showErrors(el, general, errors);
    } catch (e) {
      const box = errorBox(e.message);
      if (e.code) box.dataset.code = e.code; // e.g. FORBIDDEN from the API
      general.append(box);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  return el;
}

function field(f) {
  const id = 'f-' + f.name;
  const attrs = {
    id, name: f.name, required: f.required, autocomplete: f.autocomplete, 'aria-describedby': f.help ? id + '-help' : null,
  };
  let control;
  if (f.type === 'textarea') {
    control = h('textarea', { ...attrs, rows: f.rows || 4 }, f.value || '');
  } else if (f.type === 'select') {
    control = h('select', attrs, f.options.map(([v, text]) => h('option', { value: v, selected: v === f.value }, text)));
  } else {
    control = h('input', { ...attrs, type: f.type || 'text', value: f.value, min: f.min, max: f.max, inputmode: f.inputmode });
  }
  return h('div', { class: 'field', 'data-field': f.name },
    h('label', { for: id }, f.label, f.required ? h('span', { class: 'req' }, ' *') : null),
    control,
    f.help ? h('small', { id: id + '-help', class: 'help' }, f.help) : null,
    h('p', { class: 'field-error', role: 'alert' }));
}

function clearErrors(el, general) {
  general.replaceChildren();
  for (const p of el.querySelectorAll('.field-error')) p.textContent = '';
  for (const c of el.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
}

// showErrors puts each user error next to its field (the first part of the
// dotted path names the field); errors of the whole input go on top.
function showErrors(el, general, errors) {
  let first = null;
  for (const e of errors) {
    const name = (e.field || '').split('.')[0];
    const box = name && el.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (!box) {
      general.append(errorBox(e.message));
      continue;
    }
    const p = box.querySelector('.field-error');
    p.textContent = p.textContent ? p.textContent + '；' + e.message : e.message;
    const control = box.querySelector('input, select, textarea');
    control.setAttribute('aria-invalid', 'true');
    first = first || control;
  }
  if (first) first.focus();
}

// ---- views -----------------------------------------------------------------

function home(me) {
  const to = { REQUESTER: '/requests', DISPATCHER: '/queue', ADMIN: '/queue', EXPERT: '/invitations' }[me.role];
  if (to) {
    location.replace(to);
    return [];
  }
  return [h('h1', {}, '欢迎'), empty('您的账号暂无可用的页面，请通过 GraphQL 接口使用系统。')];
}

function viewLogin() {
  const f = form([
    { name: 'login', label: '登录名', required: true, autocomplete: 'username' },
    { name: 'password', label: '密码', type: 'password', required: true, autocomplete: 'current-password' },
  ], '登录', async (v) => {
    const d = await gql(`mutation($in: LoginInput!) { login(input: $in) { token ${USER_ERRORS} } }`, { in: v });
    if (d.login.userErrors.length) return d.login.userErrors;
    localStorage.setItem(TOKEN, d.login.token);
    const next = new URLSearchParams(location.search).get('next');
    location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
  });
  return [h('h1', {}, '登录'), f];
}

function requestCard(r) {
  return h('li', { class: 'card' },
    h('a', { class: 'card-title', href: '/requests/' + r.id }, r.title),
    h('div', { class: 'card-meta' }, badge(r.statusName, r.status), ` ${r.kindName} · ${r.township}`),
    h('div', { class: 'card-meta' }, r.organization ? r.organization.name + ' · ' : '', `${r.windowStart} 至 ${r.windowEnd}`));
}

const REQUEST_LIST = `nodes { id title kind kindName status statusName township windowStart windowEnd organization { name } }`;

async function viewRequests(me) {
  const d = await gql(`{ requests(first: 50) { totalCount ${REQUEST_LIST} } }`);
  const mine = me.role === 'REQUESTER';
  return [
    h('h1', {}, mine ? '我的需求' : '全部需求'),
    mine ? h('p', {}, h('a', { class: 'button primary', href: '/requests/new' }, '提交新需求')) : null,
    d.requests.nodes.length ? h('ul', { class: 'cards' }, d.requests.nodes.map(requestCard)) : empty('还没有需求。'),
  ];
}

async function viewQueue() {
  const d = await gql(`{ requests(first: 50, filter: {statuses: [SUBMITTED, DISPATCHED]}) { totalCount ${REQUEST_LIST} } }`);
  return [
    h('h1', {}, '待派单'),
    h('p', { class: 'muted' }, `共 ${d.requests.totalCount} 项待派单或已派单、尚无专家接单的需求。`),
    d.requests.nodes.length ? h('ul', { class: 'cards' }, d.requests.nodes.map(requestCard)) : empty('没有待处理的需求。'),
  ];
}

async function viewSubmit(me) {
  if (!me.organizationId) return [h('h1', {}, '提交需求'), errorBox('此账号没有关联需求单位，不能提交需求。')];
  const { townships } = await gql('{ townships { name kind } }');
  const day = today();
  const f = form([
    { name: 'kind', label: '需求类型', type: 'select', required: true, options: KINDS, value: 'SCHOOL' },
    { name: 'title', label: '标题', required: true, help: '一句话说明，例如：五年级防溺水安全讲座' },
    {
      name: 'description', label: '需要什么', type: 'textarea', rows: 5,
      help: '用平常的话说清楚想请什么样的专家、做什么，例如：想请懂天文的老师给五年级学生讲讲星空。系统按这段话推荐专家。',
    },
    { name: 'township', label: '所在乡镇', type: 'select', required: true, options: [['', '请选择乡镇'], ...townships.map((t) => [t.name, t.name])] },
    { name: 'place', label: '具体地点', help: '例如：学校礼堂、村委会会议室' },
    { name: 'audience', label: '听众', type: 'select', options: [['', '不限'], ...AUDIENCES] },
    { name: 'headcount', label: '预计人数', type: 'number', min: 0, inputmode: 'numeric' },
    { name: 'windowStart', label: '最早日期', type: 'date', required: true, min: day, help: '期望的日期范围：从这天起' },
    { name: 'windowEnd', label: '最晚日期', type: 'date', required: true, min: day, help: '到这天为止仍无专家接单，需求自动过期' },
    { name: 'contactName', label: '联系人', required: true, autocomplete: 'name' },
    { name: 'contactPhone', label: '联系电话', type: 'tel', required: true, autocomplete: 'tel', help: '手机号码或带区号的固定电话' },
  ], '提交需求', async (v) => {
    const input = { ...v, organizationId: me.organizationId };
    for (const k of ['description', 'place', 'audience', 'headcount']) if (input[k] === '') delete input[k];
    if (input.headcount !== undefined) input.headcount = Number(input.headcount);
    const d = await gql(`mutation($in: SubmitRequestInput!) { submitRequest(input: $in) { request { id } ${USER_ERRORS} } }`, { in: input });
    if (d.submitRequest.userErrors.length) return d.submitRequest.userErrors;
    location.assign('/requests/' + d.submitRequest.request.id);
  });
  return [h('h1', {}, '提交需求'), h('p', { class: 'muted' }, '带 * 的为必填项。提交后由县里的派单员为您邀请合适的专家。'), f];
}

const REQUEST_DETAIL = `id title kind kindName status statusName township place audience headcount description
  windowStart windowEnd createdAt organization { name }
  history { from to actor reason at }
  invitations { id status expert { id name } }
  engagements { id status startsAt endsAt rating ratingComment expert { name title organization } }`;

async function viewRequest(me, id, rerender) {
  const { request: r } = await gql(`query($id: ID!) { request(id: $id) { ${REQUEST_DETAIL} } }`, { id });
  if (!r) return [h('h1', {}, '需求'), errorBox('需求不存在。')];
  const out = [
    h('h1', {}, r.title),
    h('p', {}, badge(r.statusName, r.status)),
    dl([
      ['类型', r.kindName], ['单位', r.organization && r.organization.name], ['乡镇', r.township], ['地点', r.place],
      ['听众', AUDIENCE[r.audience]], ['预计人数', r.headcount || null], ['日期', `${r.windowStart} 至 ${r.windowEnd}`],
      ['需要什么', r.description], ['提交时间', dateTime(r.createdAt)],
    ]),
  ];
  const live = r.engagements.filter((e) => e.status !== 'CANCELLED');
  out.push(h('h2', {}, '谁来、何时'), live.length
    ? h('ul', { class: 'cards' }, live.map((e) => engagementCard(me, e, rerender)))
    : empty('还没有专家接单。'));
  if (r.invitations.length) {
    out.push(h('h2', {}, '邀请情况'), h('ul', { class: 'plain' }, r.invitations.map((i) =>
      h('li', {}, i.expert.name, ' ', badge(INVITATION_STATUS[i.status], i.status)))));
  }
  if ((me.role === 'DISPATCHER' || me.role === 'ADMIN') && (r.status === 'SUBMITTED' || r.status === 'DISPATCHED')) {
    out.push(h('h2', {}, '推荐专家'), await candidates(r, rerender));
  }
  out.push(h('h2', {}, '办理记录'), h('ol', { class: 'history' }, r.history.map((e) =>
    h('li', {}, h('div', {}, dateTime(e.at), ' ', e.from ? `${REQUEST_STATUS[e.from]} → ` : '', REQUEST_STATUS[e.to]),
      h('div', { class: 'muted' }, e.actor === 'system' ? '系统' : e.actor, e.reason ? '：' + e.reason : '')))));
  return out;
}

function engagementCard(me, e, rerender) {
  const when = e.startsAt ? `${dateTime(e.startsAt)} 至 ${dateTime(e.endsAt).slice(-5)}` : '时间待定';
  const card = h('li', { class: 'card' },
    h('div', { class: 'card-title' }, e.expert.name, ' ', badge(ENGAGEMENT_STATUS[e.status], e.status)),
    h('div', { class: 'card-meta' }, [e.expert.title, e.expert.organization].filter(Boolean).join(' · ')),
    h('div', { class: 'card-meta' }, '时间：', when));
  if (e.rating) {
    card.append(h('div', { class: 'card-meta' }, `评价：${e.rating} 分`, e.ratingComment ? '，' + e.ratingComment : ''));
  } else if (e.status === 'COMPLETED' && (me.role === 'REQUESTER' || me.role === 'ADMIN')) {
    card.append(h('h3', {}, '评价这次服务'), form([
      { name: 'rating', label: '评分', type: 'select', required: true, value: '5', options: [['5', '5 分 · 非常满意'], ['4', '4 分 · 满意'], ['3', '3 分 · 一般'], ['2', '2 分 · 不太满意'], ['1', '1 分 · 不满意']] },
      { name: 'comment', label: '评语', type: 'textarea', rows: 3, help: '可不填' },
    ], '提交评价', async (v) => {
      const d = await gql(`mutation($in: RateEngagementInput!) { rateEngagement(input: $in) { engagement { id } ${USER_ERRORS} } }`,
        { in: { engagementId: e.id, rating: Number(v.rating), comment: v.comment } });
      if (d.rateEngagement.userErrors.length) return d.rateEngagement.userErrors;
      await rerender();
    }));
  }
  return card;
}

// candidates lists the matcher's ranking for a request, each with its
// reasons and one button to invite.
async function candidates(r, rerender) {
  const input = {
    kind: r.kind, title: r.title, description: r.description || r.title, township: r.township,
    audience: r.audience, from: r.windowStart, to: r.windowEnd,
  };
  const { match } = await gql(`query($in: MatchInput!) { match(input: $in, first: 10) {
    candidates { score reasons expert { id name title organization township } } } }`, { in: input });
  if (!match.candidates.length) return empty('没有找到合适的专家，可修改需求说明后再试。');
  const invited = new Set(r.invitations.filter((i) => i.status === 'PENDING' || i.status === 'ACCEPTED').map((i) => i.expert.id));
  return h('ol', { class: 'cards' }, match.candidates.map((c) => {
    const result = h('div', { role: 'alert' });
    const already = invited.has(c.expert.id);
    const button = h('button', { type: 'button', class: 'primary', disabled: already }, already ? '已邀请' : '邀请');
    button.addEventListener('click', async () => {
      button.disabled = true;
      result.replaceChildren();
      try {
        const d = await gql(`mutation($in: InviteExpertsInput!) { inviteExperts(input: $in) { invitations { id } ${USER_ERRORS} } }`,
          { in: { requestId: r.id, expertIds: [c.expert.id] } });
        if (d.inviteExperts.userErrors.length) {
          result.append(...d.inviteExperts.userErrors.map((e) => errorBox(e.message)));
          button.disabled = false;
          return;
        }
        await rerender();
      } catch (e) {
        result.append(errorBox(e.message));
        button.disabled = false;
      }
    });
    return h('li', { class: 'card candidate' },
      h('div', { class: 'card-title' }, c.expert.name, h('span', { class: 'score' }, `匹配度 ${Math.round(c.score * 100)}%`)),
      h('div', { class: 'card-meta' }, [c.expert.title, c.expert.organization, c.expert.township].filter(Boolean).join(' · ')),
      h('p', { class: 'reasons' }, c.reasons.join('；')),
      button, result);
  }));
}

async function viewInvitations(me, rerender) {
  if (!me.expertId) return [h('h1', {}, '我的邀请'), errorBox('此账号没有关联专家资料。')];
  const { invitations } = await gql(`query($e: ID!) { invitations(expertId: $e, first: 50) {
    id status expiresAt reason
    request { id title kindName township place windowStart windowEnd audience headcount description organization { name } } } }`,
  { e: me.expertId });
  return [
    h('h1', {}, '我的邀请'),
    invitations.length ? h('ul', { class: 'cards' }, invitations.map((i) => invitationCard(i, rerender))) : empty('暂时没有邀请。'),
  ];
}

function invitationCard(i, rerender) {
  const r = i.request;
  const card = h('li', { class: 'card' },
    h('div', { class: 'card-title' }, r.title, ' ', badge(INVITATION_STATUS[i.status], i.status)),
    dl([
      ['单位', r.organization && r.organization.name], ['地点', [r.township, r.place].filter(Boolean).join(' ')],
      ['日期', `${r.windowStart} 至 ${r.windowEnd}`], ['听众', [AUDIENCE[r.audience], r.headcount ? r.headcount + ' 人' : ''].filter(Boolean).join('，')],
      ['需要什么', r.description], ['回复期限', i.status === 'PENDING' ? dateTime(i.expiresAt) : null], ['说明', i.reason],
    ]));
  if (i.status !== 'PENDING') return card;
  const result = h('div', { role: 'alert' });
  const act = (mutation, label) => h('button', {
    type: 'button', class: label === '接受' ? 'primary' : 'secondary',
    onclick: async (ev) => {
      ev.target.disabled = true;
      result.replaceChildren();
      try {
        const d = await gql(`mutation($id: ID!) { ${mutation}(input: {invitationId: $id}) { ${USER_ERRORS} } }`, { id: i.id });
        if (d[mutation].userErrors.length) {
          result.append(...d[mutation].userErrors.map((e) => errorBox(e.message)));
          ev.target.disabled = false;
          return;
        }
        await rerender();
      } catch (e) {
        result.append(errorBox(e.message));
        ev.target.disabled = false;
      }
    },
  }, label);
  card.append(h('div', { class: 'actions' }, act('acceptInvitation', '接受'), act('declineInvitation', '婉拒')), result);
  return card;
}

async function viewEditExpert(me, id, rerender) {
  const d = await gql(`query($id: ID!) { expert(id: $id) { id version name title organization township bio expertise } townships { name } }`, { id });
  const e = d.expert;
  if (!e) return [h('h1', {}, '编辑资料'), errorBox('专家不存在。')];
  const saved = h('div', { role: 'status' });
  const f = form([
    { name: 'title', label: '职称', value: e.title },
    { name: 'organization', label: '工作单位', value: e.organization },
    { name: 'township', label: '所在乡镇', type: 'select', value: e.township || '', options: [['', '未填写'], ...d.townships.map((t) => [t.name, t.name])] },
    { name: 'expertise', label: '专长', value: e.expertise.join('、'), help: '几个关键词，用顿号或逗号分隔，例如：茶叶病虫害、绿色防控' },
    { name: 'bio', label: '简介', type: 'textarea', rows: 5, value: e.bio },
  ], '保存', async (v) => {
    const input = { ...v, id: e.id, version: e.version, expertise: v.expertise.split(/[、，,;；|]/).map((s) => s.trim()).filter(Boolean) };
    const r = await gql(`mutation($in: UpdateExpertInput!) { updateExpert(input: $in) { expert { version } ${USER_ERRORS} } }`, { in: input });
    if (r.updateExpert.userErrors.length) return r.updateExpert.userErrors;
    e.version = r.updateExpert.expert.version;
    saved.replaceChildren(h('p', { class: 'ok-box' }, '已保存。'));
  });
  return [h('h1', {}, '编辑资料：' + e.name), saved, f];
}

// ---- shell -----------------------------------------------------------------

const routes = [
  [/^\/$/, home],
  [/^\/requests$/, viewRequests],
  [/^\/requests\/new$/, viewSubmit],
  [/^\/requests\/([^/]+)$/, viewRequest],
  [/^\/queue$/, viewQueue],
  [/^\/invitations$/, viewInvitations],
  [/^\/experts\/([^/]+)\/edit$/, viewEditExpert],
];

const NAV = {
  REQUESTER: [['/requests/new', '提交需求'], ['/requests', '我的需求']],
  DISPATCHER: [['/queue', '待派单'], ['/requests', '全部需求']],
  ADMIN: [['/queue', '待派单'], ['/requests', '全部需求']],
  EXPERT: [['/invitations', '我的邀请'], ['/experts/{expert}/edit', '我的资料']],
};

function renderNav(me) {
  const nav = document.getElementById('nav');
  const links = (NAV[me.role] || []).map(([href, text]) => {
    const to = href.replace('{expert}', me.expertId);
    return h('a', { href: to, 'aria-current': to === location.pathname ? 'page' : null }, text);
  });
  const logout = h('button', {
    type: 'button', class: 'link',
    onclick: async () => {
      try {
        await gql('mutation { logout(input: {}) { ok } }');
      } finally {
        localStorage.removeItem(TOKEN);
        location.assign('/login');
      }
    },
  }, '退出');
  nav.replaceChildren(...links, h('span', { class: 'who' }, me.displayName || me.login), logout);
}

async function main() {
  const app = document.getElementById('app');
  const path = location.pathname;
  if (path === '/login') {
    app.replaceChildren(...viewLogin());
    return;
  }
  let me = null;
  try {
    if (localStorage.getItem(TOKEN)) me = (await gql('{ me { id login displayName role expertId organizationId } }')).me;
  } catch (e) {
    app.replaceChildren(errorBox(e.message));
    return;
  }
  if (!me) {
    location.replace('/login?next=' + encodeURIComponent(path));
    return;
  }
  renderNav(me);
  for (const [re, view] of routes) {
    const m = path.match(re);
    if (!m) continue;
    const render = async () => {
      try {
        const nodes = await view(me, ...m.slice(1).map(decodeURIComponent), render);
        app.replaceChildren(...nodes);
      } catch (e) {
        app.replaceChildren(errorBox(e.message));
      }
    };
    await render();
    const h1 = app.querySelector('h1');
    if (h1) document.title = h1.textContent + ' · 人才专家库';
    return;
  }
  app.replaceChildren(errorBox('页面不存在。'));
}

main();
