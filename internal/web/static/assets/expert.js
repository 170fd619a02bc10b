// 专家的页面：我的邀请（一键接受或婉拒）、编辑本人资料。
import {
  gql, h, form, badge, errorBox, empty, dateTime, today, dl, USER_ERRORS, REQUEST_STATUS, INVITATION_STATUS,
  ENGAGEMENT_STATUS, KINDS, AUDIENCES, AUDIENCE,
} from './core.js';

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


export const routes = [
  [/^\/invitations$/, viewInvitations],
  [/^\/experts\/([^/]+)\/edit$/, viewEditExpert],
];

export const nav = {
  EXPERT: [['/invitations', '我的邀请'], ['/experts/{expert}/edit', '我的资料']],
};
