// 人才专家库页面的公共部分：GraphQL 调用、DOM 构建、表单与错误显示。
// 所有读写都经 /graphql 并带上登录令牌，权限和校验全部由服务器决定；
// 页面只负责展示和转达。

export const TOKEN = 'talent.token';

export const REQUEST_STATUS = {
  SUBMITTED: '待派单', DISPATCHED: '已派单', ACCEPTED: '已接单', SCHEDULED: '已排期',
  COMPLETED: '已完成', RATED: '已评价', CANCELLED: '已取消', EXPIRED: '已过期',
};
export const INVITATION_STATUS = {
  PENDING: '待回复', ACCEPTED: '已接受', DECLINED: '已谢绝', EXPIRED: '已过期', CANCELLED: '已撤销', FILLED: '已满员',
};
export const ENGAGEMENT_STATUS = { ACCEPTED: '待排期', SCHEDULED: '已排期', COMPLETED: '已完成', CANCELLED: '已取消' };
export const KINDS = [['SCHOOL', '学校'], ['VILLAGE', '村（社区）'], ['ENTERPRISE', '企业']];
export const AUDIENCES = [
  ['PRIMARY_SCHOOL', '小学生'], ['MIDDLE_SCHOOL', '初中生'], ['HIGH_SCHOOL', '高中生'], ['FARMERS', '农民'],
  ['ENTERPRISE_STAFF', '企业职工'], ['ELDERLY', '老年人'], ['OFFICIALS', '领导干部'], ['PUBLIC', '社会公众'],
];
export const AUDIENCE = Object.fromEntries(AUDIENCES);
export const WEEKDAYS = [[1, '周一'], [2, '周二'], [3, '周三'], [4, '周四'], [5, '周五'], [6, '周六'], [7, '周日']];
export const WEEKDAY = Object.fromEntries(WEEKDAYS);
export const USER_ERRORS = 'userErrors { field code message }';

// ---- GraphQL ---------------------------------------------------------------

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('；'));
    this.code = errors[0].extensions && errors[0].extensions.code;
  }
}

export async function gql(query, variables) {
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
export function h(tag, props, ...kids) {
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

export const badge = (text, kind) => h('span', { class: 'badge ' + (kind || '') }, text);
export const errorBox = (message) => h('p', { class: 'error-box', role: 'alert' }, message);
export const empty = (text) => h('p', { class: 'muted' }, text);

export function dateTime(s) {
  if (!s) return '';
  return new Date(s).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).replaceAll('/', '-');
}

export function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function dl(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, v]) => v != null && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

// ---- forms -----------------------------------------------------------------

// form renders fields and calls submit(values) on submit. submit returns the
// payload's userErrors (shown next to their fields; the typed values stay)
// or nothing on success; a thrown error is shown above the button.
export function form(fields, label, submit) {
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

export function field(f) {
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

export function clearErrors(el, general) {
  general.replaceChildren();
  for (const p of el.querySelectorAll('.field-error')) p.textContent = '';
  for (const c of el.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
}

// showErrors puts each user error next to its field (the first part of the
// dotted path names the field); errors of the whole input go on top.
export function showErrors(el, general, errors) {
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


// download hands the browser a file made on the page (CSV, JSON) without a
// round trip; the data came from the API under the user's own token.
export function download(filename, text, mime) {
  const url = URL.createObjectURL(new Blob([text], { type: mime || 'text/plain;charset=utf-8' }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// csv renders rows as RFC 4180 text with a BOM, so that Excel opens the
// Chinese correctly; cells starting with = + - @ are quoted with a leading
// apostrophe to stop formula injection.
export function csv(rows) {
  const cell = (v) => {
    let s = v == null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
  };
  return '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
