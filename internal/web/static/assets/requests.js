// 需求方与派单员的页面：提交需求、我的需求、需求详情（推荐专家、邀请、评价、取消）、待派单。
import {
  gql, h, form, badge, errorBox, empty, dateTime, today, dl, USER_ERRORS, REQUEST_STATUS, INVITATION_STATUS,
  ENGAGEMENT_STATUS, KINDS, AUDIENCES, AUDIENCE,
} from './core.js';

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

const REQUEST_DETAIL = `id title kind kindName status statusName version nextStatuses township place audience headcount description
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
  const nobody = { CANCELLED: '需求已取消，不再安排专家。', EXPIRED: '需求已过期，没有专家接单。' }[r.status] || '还没有专家接单。';
  out.push(h('h2', {}, '谁来、何时'), live.length
    ? h('ul', { class: 'cards' }, live.map((e) => engagementCard(me, e, rerender)))
    : empty(nobody));
  if (r.invitations.length) {
    // An accepted invitation of a request cancelled since stays accepted in
    // the record; say that the booking went with the request.
    const cancelled = r.status === 'CANCELLED';
    out.push(h('h2', {}, '邀请情况'), h('ul', { class: 'plain' }, r.invitations.map((i) =>
      h('li', {}, i.expert.name, ' ', badge(INVITATION_STATUS[i.status], i.status),
        cancelled && i.status === 'ACCEPTED' ? h('span', { class: 'muted' }, '（需求已取消，安排随之取消）') : null))));
  }
  if ((me.role === 'DISPATCHER' || me.role === 'ADMIN') && (r.status === 'SUBMITTED' || r.status === 'DISPATCHED')) {
    out.push(h('h2', {}, '推荐专家'), await candidates(r, rerender));
  }
  out.push(h('h2', {}, '办理记录'), h('ol', { class: 'history' }, r.history.map((e) =>
    h('li', {}, h('div', {}, dateTime(e.at), ' ', e.from ? `${REQUEST_STATUS[e.from]} → ` : '', REQUEST_STATUS[e.to]),
      h('div', { class: 'muted' }, e.actor === 'system' ? '系统' : e.actor, e.reason ? '：' + e.reason : '')))));
  const canCancel = me.role === 'REQUESTER' || me.role === 'DISPATCHER' || me.role === 'ADMIN';
  if (canCancel && r.nextStatuses.includes('CANCELLED')) out.push(cancelForm(me, r, live, rerender));
  return out;
}

// cancelForm lets the requester (their own request: the API only shows
// them those) or an officer cancel a request not yet delivered, with a
// reason that goes into the history and to everyone involved. It sits
// folded at the bottom so that it is not pressed by mistake.
function cancelForm(me, r, live, rerender) {
  const by = me.role === 'REQUESTER' ? 'REQUESTER' : 'OFFICER';
  const told = [by === 'REQUESTER' ? '派单员' : '需求单位', ...live.map((e) => e.expert.name)].join('、');
  const f = form([{
    name: 'reason', label: '取消原因', type: 'textarea', rows: 3, required: true,
    help: '例如：活动时间有变，另行安排。原因会写进办理记录，并通知相关人员。',
  }], '取消需求', async (v) => {
    const d = await gql(`mutation($in: CancelRequestInput!) { cancelRequest(input: $in) { request { id status } ${USER_ERRORS} } }`,
      { in: { requestId: r.id, reason: v.reason, by, version: r.version } });
    if (d.cancelRequest.userErrors.length) return d.cancelRequest.userErrors;
    await rerender();
  });
  // The server checks the reason, and its message shows next to the field
  // like every other check's, rather than the browser's own bubble.
  f.noValidate = true;
  return h('details', { class: 'rq-cancel' },
    h('summary', {}, '取消这项需求'),
    h('p', { class: 'muted' }, `取消后不能恢复，${told}会收到通知。`),
    f);
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
    candidates { score canTake reasons expert { id name title organization township } } } }`, { in: input });
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
      c.canTake ? null : h('p', { class: 'muted' }, '按现状暂不能承接（尚未正式入库，或所选时间内不可服务），邀请前请先确认。'),
      button, result);
  }));
}


export const routes = [
  [/^\/requests$/, viewRequests],
  [/^\/requests\/new$/, viewSubmit],
  [/^\/requests\/([^/]+)$/, viewRequest],
  [/^\/queue$/, viewQueue],
];

export const nav = {
  REQUESTER: [['/requests/new', '提交需求'], ['/requests', '我的需求']],
  DISPATCHER: [['/queue', '待派单'], ['/requests', '全部需求']],
  ADMIN: [['/queue', '待派单'], ['/requests', '全部需求']],
};
