// Shared parts of the page scripts: the browser, signing in at phone size,
// checked screenshots and the phase runner. Each script (e2e.mjs for the
// order flow, and one per area) imports these and calls run(phases).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
export const base = env('E2E_BASE_URL');
export const shots = env('E2E_SCREENSHOTS');
export const password = env('E2E_PASSWORD');
const { chromium } = await import(pathToFileURL(join(env('E2E_PLAYWRIGHT'), 'index.mjs')).href);

const browser = await chromium.launch({
  executablePath: env('E2E_CHROMIUM'),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
});
const problems = [];
export const log = (...a) => console.error(...a);

export function check(ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
}

// signIn opens a fresh phone-sized context and logs in through the page.
export async function signIn(login, shot) {
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => problems.push(`${login}: page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${login}: console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${login}: ${r.status()} for ${r.url()}`); });
  await page.goto(base + '/');
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname !== '/login' && u.pathname !== '/');
  log(`${login}: signed in, at ${new URL(page.url()).pathname}`);
  return page;
}

// screenshot saves the whole page, after checking nothing is wider than the phone.
export async function screenshot(page, name) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 375, `${name}: page is ${width}px wide at a 375px screen`);
  await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
  log(`screenshot ${name}.png`);
}

export const fieldError = (page, name) => page.locator(`[data-field="${name}"] .field-error`);

export function beijingDay(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d);
}

// run executes the phase named on the command line, fails on any page
// error, console error or HTTP error seen on the way, and prints the
// phase's result as one JSON line for the Go test.
export async function run(phases) {
  let result;
  try {
    const phase = phases[process.argv[2]];
    if (!phase) throw new Error(`unknown phase ${process.argv[2]}; want ${Object.keys(phases).join(' or ')}`);
    result = await phase();
    if (problems.length) throw new Error('browser reported problems:\n' + problems.join('\n'));
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result || {}));
}
