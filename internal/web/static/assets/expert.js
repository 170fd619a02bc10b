// 专家的页面：我的邀请（一键接受或婉拒）、可接需求（一键接单）、服务记录、
// 编辑本人资料（联系方式、服务范围、讲座主题、可服务时间、应急值守、
// 个人信息授权和数据导出）。
import {
  gql, h, form, field, badge, errorBox, empty, dateTime, today, dl, download, USER_ERRORS, INVITATION_STATUS,
  ENGAGEMENT_STATUS, AUDIENCES, AUDIENCE, WEEKDAYS,
} from './core.js';

const CONSENT_PURPOSE = '科普活动联络';
// The expert fields a save or a switch changes and the page keeps in step.
const EXPERT_STATE = 'version phone email onCall consent { givenAt purpose }';

const noExpert = (title) => [h('h1', {}, title), errorBox('此账号没有关联专家资料。')];

// requestFacts are what an expert needs to decide on a request.
function requestFacts(r) {
  return dl([
    ['单位', r.organization && r.organization.name], ['类型', r.kindName],
    ['地点', [r.township, r.place].filter(Boolean).join(' ')], ['日期', `${r.windowStart} 至 ${r.windowEnd}`],
    ['时长', r.durationMinutes ? r.durationMinutes + ' 分钟' : null],
    ['听众', [AUDIENCE[r.audience], r.headcount ? `约 ${r.headcount} 人` : ''].filter(Boolean).join('，')],
    ['需要专家', r.expertsNeeded > 1 ? r.expertsNeeded + ' 位' : null], ['需要什么', r.description],
  ]);
}

// ---- 我的邀请 -----------------------------------------------------------------

async function viewInvitations(me, rerender) {
  if (!me.expertId) return noExpert('我的邀请');
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

// ---- 可接需求 -----------------------------------------------------------------

async function viewOpen(me) {
  if (!me.expertId) return noExpert('可接需求');
  const { openRequestsFor: list } = await gql(`query($e: ID!) { openRequestsFor(expertId: $e) {
    id title kind kindName township place windowStart windowEnd durationMinutes audience headcount expertsNeeded description
    organization { name } } }`, { e: me.expertId });
  return [
    h('h1', {}, '可接需求'),
    h('p', { class: 'muted' }, '这些需求还缺专家，且适合您所在的人才库和服务对象。点“接单”即可承接，先到先得。'),
    list.length ? h('ul', { class: 'cards' }, list.map((r) => openCard(me, r)))
      : empty('暂时没有适合您的需求。有新需求时，派单员也会直接邀请您。'),
  ];
}

function openCard(me, r) {
  const result = h('div', { role: 'status' });
  const button = h('button', { type: 'button', class: 'primary' }, '接单');
  const actions = h('div', { class: 'actions' }, button);
  const title = h('div', { class: 'card-title' }, r.title, r.kind === 'EMERGENCY' ? [' ', badge('应急', 'EMERGENCY')] : null);
  const card = h('li', { class: 'card open-request' }, title, requestFacts(r), actions, result);
  const reset = () => {
    button.disabled = false;
    button.textContent = '接单';
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = '接单中…';
    result.replaceChildren();
    try {
      const d = await gql(`mutation($in: ClaimRequestInput!) { claimRequest(input: $in) { engagement { id status } ${USER_ERRORS} } }`,
        { in: { expertId: me.expertId, requestId: r.id } });
      const errors = d.claimRequest.userErrors;
      if (errors.length) {
        result.append(...errors.map((e) => errorBox(e.message)));
        if (errors.some((e) => e.code === 'TAKEN')) actions.remove(); // someone was quicker
        else reset();
        return;
      }
      actions.remove();
      card.classList.add('claimed');
      title.append(' ', badge('已接单', 'ACCEPTED'));
      result.append(h('p', { class: 'ok-box' }, '接单成功。需求单位会与您联系商定具体时间。', h('a', { href: '/history' }, '查看服务记录')));
    } catch (e) {
      result.append(errorBox(e.message));
      reset();
    }
  });
  return card;
}

// ---- 服务记录 -----------------------------------------------------------------

async function viewHistory(me) {
  if (!me.expertId) return noExpert('服务记录');
  const { engagementHistory: list } = await gql(`query($e: ID!) { engagementHistory(expertId: $e, first: 100) {
    id status source acceptedAt startsAt endsAt completedOn cancelledAt attendees rating ratingComment notes
    request { id title kindName township place organization { name } } } }`, { e: me.expertId });
  const done = list.filter((e) => e.status === 'COMPLETED');
  const rated = done.filter((e) => e.rating);
  const people = done.reduce((n, e) => n + e.attendees, 0);
  const mean = rated.length ? rated.reduce((n, e) => n + e.rating, 0) / rated.length : 0;
  return [
    h('h1', {}, '服务记录'),
    list.length ? h('p', { class: 'muted' }, `共 ${list.length} 项，已完成 ${done.length} 次，服务 ${people} 人`,
      rated.length ? `，平均评分 ${mean.toFixed(1)} 分` : '', '。') : null,
    list.length ? h('ul', { class: 'cards' }, list.map(historyCard)) : empty('还没有服务记录。接受邀请或接单后会出现在这里。'),
  ];
}

const stars = (n) => h('span', { class: 'stars', 'aria-hidden': 'true' }, '★'.repeat(n) + '☆'.repeat(5 - n));

function historyCard(e) {
  const r = e.request;
  let when = '时间待定';
  if (e.startsAt) when = `${dateTime(e.startsAt)} 至 ${dateTime(e.endsAt).slice(-5)}`;
  else if (e.completedOn) when = e.completedOn;
  const done = e.status === 'COMPLETED';
  let rating = null;
  if (e.rating) rating = h('span', {}, stars(e.rating), ` ${e.rating} 分`);
  else if (done) rating = '需求单位尚未评价';
  return h('li', { class: 'card history-card' },
    h('div', { class: 'card-title' }, h('a', { href: '/requests/' + r.id }, r.title), ' ', badge(ENGAGEMENT_STATUS[e.status], e.status)),
    dl([
      ['单位', r.organization && r.organization.name], ['地点', [r.township, r.place].filter(Boolean).join(' ')],
      ['时间', when], ['接单', `${dateTime(e.acceptedAt)}（${e.source === 'CLAIM' ? '主动接单' : '接受邀请'}）`],
      ['完成日期', e.completedOn], ['参加人数', done ? e.attendees + ' 人' : null],
      ['评价', rating], ['评语', e.ratingComment], ['备注', e.notes], ['取消时间', e.cancelledAt ? dateTime(e.cancelledAt) : null],
    ]));
}

// ---- 编辑资料 -----------------------------------------------------------------

let seq = 0; // unique ids for the controls of added rows

// box is a form field like core.js field() around a given control. part
// names it within a list row; renumber() turns it into data-field.
function box(part, label, control, help) {
  control.id = control.id || 'x' + ++seq;
  return h('div', { class: 'field', 'data-part': part },
    h('label', { for: control.id }, label), control,
    help ? h('small', { class: 'help' }, help) : null,
    h('p', { class: 'field-error', role: 'alert' }));
}

// checkGroup is a set of checkboxes that saves as a list of values.
function checkGroup(legend, options, selected, help, cls) {
  const on = new Set((selected || []).map(String));
  return h('fieldset', { class: 'field' },
    h('legend', {}, legend),
    h('div', { class: 'checks ' + (cls || '') }, options.map(([v, text]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: v, checked: on.has(String(v)) }), text))),
    help ? h('small', { class: 'help' }, help) : null,
    h('p', { class: 'field-error', role: 'alert' }));
}

const checked = (el) => [...el.querySelectorAll('input[type="checkbox"]:checked')].map((i) => i.value);

// rowList is an editable list (lecture topics, unavailable dates): rows can
// be added and removed; only rows with something typed are saved (make
// returns an li with blank() and collect()). The
// fields of the rows to be saved are named prefix-N-part, N counting saved
// rows only, so that the API's errors (prefix.N.part) land next to them.
function rowList(prefix, rows, make, addLabel) {
  const list = h('ul', { class: 'rows' });
  const add = h('button', { type: 'button', class: 'add' }, addLabel);
  const renumber = () => {
    let n = 0;
    for (const li of list.children) {
      const i = li.blank() ? null : n++;
      for (const b of li.querySelectorAll('[data-part]')) b.dataset.field = i === null ? '' : `${prefix}-${i}-${b.dataset.part}`;
    }
  };
  const append = (value) => {
    const li = make(value);
    li.querySelector('button.remove').addEventListener('click', () => {
      li.remove();
      renumber();
    });
    list.append(li);
    return li;
  };
  rows.forEach(append);
  add.addEventListener('click', () => {
    const li = append({});
    renumber();
    const first = li.querySelector('input, textarea');
    if (first) first.focus();
  });
  renumber();
  return { el: h('div', {}, list, add), renumber, rows: () => [...list.children].filter((li) => !li.blank()) };
}

function topicRow(t) {
  const title = h('input', { value: t.title || '' });
  const minutes = h('input', { type: 'number', inputmode: 'numeric', value: t.minutes || '' });
  const abstract = h('textarea', { rows: 3 }, t.abstract || '');
  const audiences = checkGroup('适合的听众', AUDIENCES, t.audiences);
  audiences.dataset.part = 'audiences';
  const li = h('li', { class: 'card topic' },
    box('title', '讲座题目', title),
    box('minutes', '时长（分钟）', minutes, '10 至 480 分钟，可不填'),
    audiences,
    box('abstract', '内容提要', abstract, '可不填：讲些什么，适合什么场合'),
    h('button', { type: 'button', class: 'remove' }, '删除这个主题'));
  li.collect = () => {
    const v = { title: title.value, audiences: checked(audiences), abstract: abstract.value };
    if (minutes.value !== '') v.minutes = Math.trunc(Number(minutes.value));
    return v;
  };
  li.blank = () => !title.value.trim() && minutes.value === '' && !abstract.value.trim() && !checked(audiences).length;
  return li;
}

function rangeRow(r) {
  const from = h('input', { type: 'date', value: r.from || '' });
  const to = h('input', { type: 'date', value: r.to || '' });
  const reason = h('input', { value: r.reason || '' });
  const li = h('li', { class: 'card range' },
    h('div', { class: 'pair' }, box('from', '从', from), box('to', '到', to)),
    box('reason', '原因（可不填）', reason),
    h('button', { type: 'button', class: 'remove' }, '删除这段日期'));
  li.collect = () => ({ from: from.value, to: to.value, reason: reason.value });
  li.blank = () => !from.value && !to.value && !reason.value.trim();
  // The Date type refuses an empty date outright, so a half-filled range
  // is caught here rather than sent.
  li.missing = () => [['from', from], ['to', to]].filter(([, c]) => !c.value).map(([part]) => part);
  return li;
}

const EDIT_QUERY = `query($id: ID!) { expert(id: $id) { id name title organization township bio expertise ${EXPERT_STATE}
  audiences serviceTownships maxEngagementsPerMonth
  lectureTopics { title minutes audiences abstract }
  availability { weekdays note unavailable { from to reason } }
  membership(registry: EMERGENCY_EXPERT) { status } }
  townships { name } }`;

async function viewEditExpert(me, id) {
  const d = await gql(EDIT_QUERY, { id });
  const e = d.expert;
  if (!e) return [h('h1', {}, '编辑资料'), errorBox('专家不存在。')];
  const own = me.expertId != null && String(me.expertId) === String(e.id);
  const keeper = me.role === 'ADMIN' || me.role === 'REGISTRY_OFFICER';
  const state = { version: e.version, phone: e.phone || '', email: e.email || '', consent: e.consent, onCall: e.onCall };
  const listeners = []; // parts of the page that show the state

  const status = h('div', { class: 'save-status', role: 'status' });
  const topics = rowList('lectureTopics', e.lectureTopics, topicRow, '添加讲座主题');
  const ranges = rowList('availability-unavailable', e.availability.unavailable, rangeRow, '添加不能服务的日期');
  const audiences = checkGroup('服务对象', AUDIENCES, e.audiences, '您愿意为哪些人讲课或服务，可多选');
  const townships = checkGroup('服务乡镇', d.townships.map((t) => [t.name, t.name]), e.serviceTownships,
    '除所在乡镇外，还愿意去哪些乡镇服务，可多选', 'townships');
  const weekdays = checkGroup('每周可服务的日子', WEEKDAYS, e.availability.weekdays, '都不勾选表示每天都可以', 'days');
  audiences.dataset.field = 'audiences';
  townships.dataset.field = 'serviceTownships';
  weekdays.dataset.field = 'availability-weekdays';

  const contact = own || keeper;
  const consentCheck = h('input', { type: 'checkbox' });
  const consentField = h('div', { class: 'field consent-check', 'data-field': 'consent' },
    h('label', { class: 'check' }, consentCheck,
      own ? `我同意保存以上联系方式，仅用于${CONSENT_PURPOSE}` : `本人已同意保存以上联系方式（用于${CONSENT_PURPOSE}）`),
    h('p', { class: 'field-error', role: 'alert' }));

  const section = (title, ...kids) => h('section', {}, h('h2', {}, title), ...kids);
  const f = form([], '保存', async () => {
    status.replaceChildren();
    topics.renumber();
    ranges.renumber();
    const local = [];
    ranges.rows().forEach((li, i) => {
      for (const part of li.missing()) local.push({ field: `availability-unavailable-${i}-${part}`, message: '请选择日期' });
    });
    if (local.length) return local;
    const v = (name) => f.elements[name].value;
    const input = {
      id: e.id, version: state.version,
      title: v('title'), organization: v('organization'), township: v('township'), bio: v('bio'),
      expertise: v('expertise').split(/[、，,;；|]/).map((s) => s.trim()).filter(Boolean),
      audiences: checked(audiences), serviceTownships: checked(townships),
      lectureTopics: topics.rows().map((li) => li.collect()),
      availability: { weekdays: checked(weekdays).map(Number), unavailable: ranges.rows().map((li) => li.collect()), note: v('availability-note') },
    };
    if (v('maxEngagementsPerMonth') !== '') input.maxEngagementsPerMonth = Math.trunc(Number(v('maxEngagementsPerMonth')));
    if (contact) {
      // Contact data is sent only when changed, so a save by someone who
      // cannot see it never clears it.
      if (v('phone').trim() !== state.phone) input.phone = v('phone');
      if (v('email').trim() !== state.email) input.email = v('email');
      if (!state.consent && consentCheck.checked) input.consent = { purpose: CONSENT_PURPOSE };
    }
    const r = await gql(`mutation($in: UpdateExpertInput!) { updateExpert(input: $in) { expert { ${EXPERT_STATE} } ${USER_ERRORS} } }`, { in: input });
    const errors = r.updateExpert.userErrors;
    if (errors.length) {
      if (errors.some((x) => x.code === 'CONFLICT')) {
        status.append(h('button', { type: 'button', class: 'reload', onclick: () => location.reload() }, '重新载入最新资料'));
      }
      return errors.map((x) => place(f, x));
    }
    update(r.updateExpert.expert, true);
    status.replaceChildren(h('p', { class: 'ok-box' }, '已保存。'));
  });
  f.classList.add('profile-form');
  f.querySelector('.form-errors').before(
    section('基本信息',
      field({ name: 'title', label: '职称', value: e.title }),
      field({ name: 'organization', label: '工作单位', value: e.organization }),
      field({ name: 'township', label: '所在乡镇', type: 'select', value: e.township || '', options: [['', '未填写'], ...d.townships.map((t) => [t.name, t.name])] }),
      field({ name: 'expertise', label: '专长', value: e.expertise.join('、'), help: '几个关键词，用顿号或逗号分隔，例如：茶叶病虫害、绿色防控' }),
      field({ name: 'bio', label: '简介', type: 'textarea', rows: 5, value: e.bio })),
    contact ? section('联系方式',
      h('p', { class: 'muted' }, '只有本人、所在人才库的管理员，以及已接单需求的派单员和需求单位能看到。'),
      field({ name: 'phone', label: '手机或电话', type: 'tel', autocomplete: 'tel', value: state.phone, help: '11 位手机号，或带区号的固定电话' }),
      field({ name: 'email', label: '电子邮箱', autocomplete: 'email', inputmode: 'email', value: state.email, help: '可不填' }),
      consentField) : null,
    section('服务范围',
      audiences, townships,
      field({ name: 'maxEngagementsPerMonth', label: '每月最多服务次数', type: 'number', inputmode: 'numeric', value: e.maxEngagementsPerMonth,
        help: '每月最多接几次活动；填 0 表示暂不接受新的安排' })),
    section('讲座主题', h('p', { class: 'muted' }, '您能讲的题目。派单员按这些题目为学校、村和企业推荐您。'), topics.el),
    section('可服务时间',
      weekdays,
      h('h3', {}, '不能服务的日期'), h('p', { class: 'muted' }, '如外出、住院等，这些日子不会给您排活动。'), ranges.el,
      field({ name: 'availability-note', label: '时间说明', type: 'textarea', rows: 2, value: e.availability.note,
        help: '可不填，例如：上午比较方便；农忙时节不便外出' })));
  // update takes in what the API says the expert now is.
  function update(x, fields) {
    Object.assign(state, { version: x.version, phone: x.phone || '', email: x.email || '', consent: x.consent, onCall: x.onCall });
    if (contact && fields) {
      f.elements.phone.value = state.phone;
      f.elements.email.value = state.email;
    }
    consentField.hidden = !!state.consent;
    consentCheck.checked = false;
    for (const l of listeners) l();
  }
  update(e, false);

  const out = [
    h('h1', {}, (own ? '我的资料：' : '编辑资料：') + e.name),
    own ? h('p', { class: 'muted' }, '改好后点页面底部的“保存”。派单员按这些信息为您推荐合适的活动。') : null,
    !own && !keeper ? h('p', { class: 'muted' }, '这是其他专家的资料，只有本人和所在人才库的管理员可以修改。') : null,
    f, status,
  ];
  if ((own || keeper) && e.membership && e.membership.status === 'ADMITTED') out.push(onCallPanel(e, state, listeners, update));
  if (own) out.push(consentPanel(e, state, listeners, update), exportPanel(e));
  return out;
}

// place points an API error at the form field it is about: the longest
// leading part of its dotted path that names a field (lectureTopics.1.minutes
// → lectureTopics-1-minutes); otherwise it shows above the button.
function place(f, err) {
  let e = err;
  if (e.code === 'CONFLICT') {
    e = { ...e, message: '没有保存：您的资料刚刚在别处被修改过（可能是您在另一个窗口，或人才库管理员）。为免互相覆盖，请先记下要改的内容，点下面的“重新载入最新资料”后再改。' };
  } else if (e.code === 'CONSENT_REQUIRED') {
    e = { ...e, message: '保存电话或邮箱之前，须本人同意：请勾选上面的“同意”，或在页面下方“个人信息授权”中记录同意。' };
  }
  const parts = (e.field || '').split('.');
  for (let k = parts.length; k > 0; k--) {
    const name = parts.slice(0, k).join('-');
    if (name && f.querySelector(`[data-field="${CSS.escape(name)}"]`)) return { ...e, field: name };
  }
  return { ...e, field: '' };
}

function onCallPanel(e, state, listeners, update) {
  const now = h('p', {});
  const result = h('div', { role: 'alert' });
  const button = h('button', { type: 'button' });
  const show = () => {
    now.replaceChildren(...(state.onCall
      ? [badge('正在值守', 'ONCALL'), ' 发生突发事件时，您会收到应急召集。']
      : [badge('未在值守'), ' 您不会收到应急召集。']));
    button.textContent = state.onCall ? '结束值守' : '开始值守';
  };
  listeners.push(show);
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.replaceChildren();
    try {
      const d = await gql(`mutation($in: SetOnCallInput!) { setOnCall(input: $in) { expert { ${EXPERT_STATE} } ${USER_ERRORS} } }`,
        { in: { expertId: e.id, onCall: !state.onCall } });
      if (d.setOnCall.userErrors.length) result.append(...d.setOnCall.userErrors.map((x) => errorBox(x.message)));
      else update(d.setOnCall.expert, false);
    } catch (x) {
      result.append(errorBox(x.message));
    } finally {
      button.disabled = false;
    }
  });
  show();
  return h('section', { class: 'panel oncall' }, h('h2', {}, '应急值守'),
    h('p', { class: 'muted' }, '您在应急科普专家队伍中。值守期间，附近发生突发事件时派单员会召集您。'), now, button, result);
}

function consentPanel(e, state, listeners, update) {
  const record = h('p', {});
  const result = h('div', { role: 'alert' });
  const give = form([
    { name: 'consentPurpose', label: '用途', value: CONSENT_PURPOSE, help: '同意后，您的电话和邮箱只用于这个用途。' },
  ], '同意并记录', async (v) => {
    result.replaceChildren();
    const d = await gql(`mutation($in: SetExpertConsentInput!) { setExpertConsent(input: $in) { expert { ${EXPERT_STATE} } ${USER_ERRORS} } }`,
      { in: { expertId: e.id, consent: true, purpose: v.consentPurpose } });
    const errors = d.setExpertConsent.userErrors;
    if (errors.length) return errors.map((x) => (x.field === 'purpose' ? { ...x, field: 'consentPurpose' } : x));
    update(d.setExpertConsent.expert, false);
  });
  const withdraw = h('button', { type: 'button', class: 'danger' }, '撤回同意');
  withdraw.addEventListener('click', async () => {
    if (!confirm('撤回后，系统会同时删除您的电话和邮箱。确定撤回吗？')) return;
    withdraw.disabled = true;
    result.replaceChildren();
    try {
      const d = await gql(`mutation($in: SetExpertConsentInput!) { setExpertConsent(input: $in) { expert { ${EXPERT_STATE} } ${USER_ERRORS} } }`,
        { in: { expertId: e.id, consent: false } });
      if (d.setExpertConsent.userErrors.length) result.append(...d.setExpertConsent.userErrors.map((x) => errorBox(x.message)));
      else update(d.setExpertConsent.expert, true);
    } catch (x) {
      result.append(errorBox(x.message));
    } finally {
      withdraw.disabled = false;
    }
  });
  const show = () => {
    const c = state.consent;
    record.replaceChildren(c
      ? `您已于 ${dateTime(c.givenAt)} 同意保存联系方式，用途：${c.purpose}。`
      : '您尚未同意保存联系方式。同意之前，系统不保存您的电话和邮箱。');
    give.hidden = !!c;
    withdraw.hidden = !c;
  };
  listeners.push(show);
  show();
  return h('section', { class: 'panel consent' }, h('h2', {}, '个人信息授权'), record, give, withdraw, result);
}

function exportPanel(e) {
  const result = h('div', { role: 'status' });
  const button = h('button', { type: 'button' }, '导出我的数据');
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.replaceChildren();
    try {
      const d = await gql('query($e: ID!) { exportExpertData(expertId: $e) }', { e: e.id });
      download(`我的数据-${e.name}-${today()}.json`, d.exportExpertData, 'application/json;charset=utf-8');
      result.append(h('p', { class: 'ok-box' }, '已导出，文件名以“我的数据”开头。'));
      if (/MicroMessenger/i.test(navigator.userAgent)) {
        result.append(h('p', { class: 'muted' }, '微信里可能无法保存文件：请点右上角“…”，选“在浏览器打开”后再导出。'));
      }
    } catch (x) {
      result.append(errorBox(x.message));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'panel export' }, h('h2', {}, '我的数据'),
    h('p', { class: 'muted' }, '您可以随时导出系统保存的关于您的全部数据（资料、入库记录、服务记录和修改记录），为 JSON 文件。'),
    button, result);
}

export const routes = [
  [/^\/invitations$/, viewInvitations],
  [/^\/open$/, viewOpen],
  [/^\/history$/, viewHistory],
  [/^\/experts\/([^/]+)\/edit$/, viewEditExpert],
];

export const nav = {
  EXPERT: [['/invitations', '我的邀请'], ['/open', '可接需求'], ['/history', '服务记录'], ['/experts/{expert}/edit', '我的资料']],
};
