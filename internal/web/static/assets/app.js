// 人才专家库页面的外壳：登录、按角色的菜单和按路径选择页面。
// 各角色的页面在各自的模块里，每个模块导出 routes（路径 → 页面）和 nav（角色 → 菜单项）。
import { gql, h, form, errorBox, empty, USER_ERRORS, TOKEN } from './core.js';
import * as requests from './requests.js';
import * as expert from './expert.js';
import * as roster from './roster.js';
import * as stats from './stats.js';

const modules = [requests, expert, roster, stats];

// LANDING is where each role starts after signing in.
const LANDING = {
  REQUESTER: '/requests', DISPATCHER: '/queue', ADMIN: '/queue', EXPERT: '/invitations',
  REGISTRY_OFFICER: '/experts', ORGANIZER: '/statistics',
};

function home(me) {
  const to = LANDING[me.role];
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

const routes = [[/^\/$/, home], ...modules.flatMap((m) => m.routes)];

// NAV merges the modules' menus per role, in module order.
const NAV = {};
for (const m of modules) {
  for (const [role, links] of Object.entries(m.nav)) NAV[role] = [...(NAV[role] || []), ...links];
}


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
        app.replaceChildren(...nodes.filter((n) => n != null && n !== false)); // views may leave out parts
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
