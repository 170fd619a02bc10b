// The organiser's statistics page and the requester's cancel form in
// headless Chromium, started by stats_test.go (TestStatisticsAndCancelPages)
// after it seeded requests through the store.
//
//   node stats.mjs statistics    organiser: presets, a custom period (a
//                                wrong one first), what the page shows,
//                                township sorting, two CSV downloads
//   node stats.mjs cancel-blank  school: sees who is coming and when; a
//                                cancel without a reason is refused
//   node stats.mjs cancel        school cancels with a reason; dispatcher
//                                cancels another request as the office
//
// Prints one JSON line of results (strings) on stdout; progress on stderr.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  env, base, shots, log, check, signIn, screenshot, fieldError, run,
} from './lib.mjs';

// shown reads what the page shows: the totals, and every row of every
// section in page order, numbers as displayed (without the hidden prefixes
// for screen readers).
async function shown(page) {
  return page.evaluate(() => {
    const visible = (el) => {
      if (!el) return ''; // e.g. no 完成 beside a month without requests
      const c = el.cloneNode(true);
      for (const s of c.querySelectorAll('.st-sr')) s.remove();
      return c.textContent.trim();
    };
    const tiles = {};
    for (const t of document.querySelectorAll('.st-tile')) {
      tiles[t.dataset.stat] = visible(t.querySelector('.st-tile-value'));
      tiles[t.dataset.stat + 'Note'] = visible(t.querySelector('.st-tile-note'));
    }
    const barRows = (id) => [...document.querySelectorAll(`#${id} .st-bar-row`)].map((r) => ({
      key: r.dataset.key, label: visible(r.querySelector('.st-bar-label')),
      requests: visible(r.querySelector('[data-stat="requests"]')), fulfilled: visible(r.querySelector('[data-stat="fulfilled"]')),
    }));
    const tableRows = (sel) => [...document.querySelectorAll(sel)].map((r) => ({
      key: r.dataset.key, label: visible(r.querySelector('th .st-name') || r.querySelector('th')),
      requests: visible(r.querySelector('[data-stat="requests"]')), fulfilled: visible(r.querySelector('[data-stat="fulfilled"]')),
      peopleReached: visible(r.querySelector('[data-stat="peopleReached"]')), median: visible(r.querySelector('[data-stat="median"]')),
    }));
    return {
      period: document.querySelector('.st-period').textContent,
      tiles,
      months: barRows('st-month'),
      monthTable: tableRows('#st-month tbody tr'),
      townships: tableRows('#st-township tbody tr'),
      registries: barRows('st-registry'),
      registryTable: tableRows('#st-registry tbody tr'),
      kinds: barRows('st-kind'),
      kindTable: tableRows('#st-kind tbody tr'),
    };
  });
}

// downloaded presses a section's 下载 CSV and returns the file's name and text.
async function downloaded(page, section) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#${section} .st-csv`).click()]);
  const text = await readFile(await file.path(), 'utf8');
  log(`downloaded ${file.suggestedFilename()} (${text.length} characters)`);
  return { name: file.suggestedFilename(), text };
}

// settled waits until the figures for the period in the address are on the page.
async function settled(page, query) {
  await page.waitForURL((u) => u.search === query);
  await page.locator('.st-results:not([aria-busy])').waitFor();
  await page.locator('.st-summary').waitFor();
}

async function statistics() {
  const page = await signIn(env('E2E_ORGANIZER'));
  check(new URL(page.url()).pathname === '/statistics', 'an organiser lands on the statistics');
  check((await page.getByRole('link', { name: '统计' }).getAttribute('aria-current')) === 'page', 'the menu marks 统计');
  await page.locator('.st-summary').waitFor();
  check((await page.getByRole('heading', { level: 1 }).innerText()) === '需求统计', 'the page is called 需求统计');

  // The whole history, then this year: the address and the buttons follow.
  await page.getByRole('button', { name: '全部' }).click();
  await settled(page, '?all');
  check((await page.getByRole('button', { name: '全部' }).getAttribute('aria-pressed')) === 'true', '全部 is pressed');
  const all = await shown(page);
  await page.getByRole('button', { name: '本年' }).click();
  const year = env('E2E_TODAY').slice(0, 4);
  await settled(page, `?from=${year}-01-01&to=${env('E2E_TODAY')}`);
  const thisYear = (await shown(page)).tiles.requests;

  // A period that ends before it starts is caught next to 结束日期.
  await page.getByLabel('开始日期').fill(env('E2E_CUSTOM_FROM'));
  await page.getByLabel('结束日期').fill('2020-01-01');
  await page.getByRole('button', { name: '查看', exact: true }).click();
  await fieldError(page, 'to').filter({ hasText: '结束日期不能早于开始日期' }).waitFor();
  await page.getByLabel('结束日期').fill(env('E2E_TODAY'));
  await page.getByRole('button', { name: '查看', exact: true }).click();
  await settled(page, `?from=${env('E2E_CUSTOM_FROM')}&to=${env('E2E_TODAY')}`);
  check((await fieldError(page, 'to').innerText()) === '', 'the error is gone once the period is right');
  const custom = await shown(page);

  // The last twelve months: what the Go test compares with the store.
  await page.getByRole('button', { name: '近12个月' }).click();
  await page.waitForURL((u) => u.searchParams.get('to') === env('E2E_TODAY') && u.searchParams.get('from') !== env('E2E_CUSTOM_FROM'));
  await settled(page, new URL(page.url()).search);
  check((await page.getByRole('button', { name: '近12个月' }).getAttribute('aria-pressed')) === 'true', '近12个月 is pressed');
  const from = await page.getByLabel('开始日期').inputValue();
  const to = await page.getByLabel('结束日期').inputValue();
  const last12 = await shown(page);
  check(last12.months.length === 12, `twelve months of bars: ${last12.months.length}`);
  await screenshot(page, '40-statistics');
  const monthCSV = await downloaded(page, 'st-month');
  const townshipCSV = await downloaded(page, 'st-township');

  // Sorting the townships by people reached puts the largest first.
  await page.locator('#st-township thead').getByRole('button', { name: /服务人数/ }).click();
  check((await page.locator('#st-township th[aria-sort]').getAttribute('data-sort')) === 'peopleReached', 'sorted by 服务人数');
  const byPeople = (await shown(page)).townships;
  const widthNow = await page.evaluate(() => document.documentElement.scrollWidth);
  check(widthNow <= 375, `the page is ${widthNow}px wide with the table sorted`);
  await page.locator('#st-township').screenshot({ path: join(shots, '41-statistics-townships.png') });
  log('screenshot 41-statistics-townships.png');
  const byPeopleCSV = await downloaded(page, 'st-township');

  return {
    from, to,
    shown: JSON.stringify(last12),
    all: JSON.stringify(all.tiles), thisYear,
    custom: JSON.stringify(custom.tiles), customMonths: String(custom.months.length),
    byPeople: JSON.stringify(byPeople.map((r) => r.label)),
    monthCSVName: monthCSV.name, monthCSV: monthCSV.text,
    townshipCSVName: townshipCSV.name, townshipCSV: townshipCSV.text,
    byPeopleCSV: byPeopleCSV.text,
  };
}

// openCancel opens a request's page and unfolds its cancel form.
async function openCancel(page, id) {
  await page.goto(`${base}/requests/${id}`);
  await page.getByRole('heading', { name: '谁来、何时' }).waitFor();
  await page.getByText('取消这项需求').click();
  await page.getByLabel('取消原因').waitFor();
}

async function cancelBlank() {
  const school = await signIn(env('E2E_SCHOOL'));
  await openCancel(school, env('E2E_CANCEL_ID'));
  // Who is coming and when is on the page before anything is cancelled.
  const coming = await school.locator('.card', { hasText: env('E2E_TOP_CANDIDATE') }).innerText();
  check(coming.includes('已排期') && coming.includes(env('E2E_SLOT')), `the school sees who comes and when: ${coming}`);
  await school.getByLabel('取消原因').fill('   ');
  await school.getByRole('button', { name: '取消需求' }).click();
  const error = fieldError(school, 'reason').filter({ hasText: /\S/ });
  await error.waitFor();
  check((await school.getByLabel('取消原因').getAttribute('aria-invalid')) === 'true', 'the reason is marked invalid');
  check((await school.getByText('已排期', { exact: true }).count()) >= 1, 'the status is unchanged on the page');
  await screenshot(school, '15-cancel-request');
  return { error: await error.innerText(), coming };
}

async function cancel() {
  const reason = env('E2E_CANCEL_REASON');
  const school = await signIn(env('E2E_SCHOOL'));
  await openCancel(school, env('E2E_CANCEL_ID'));
  check((await school.locator('.rq-cancel').innerText()).includes(env('E2E_TOP_CANDIDATE')), 'the form says the expert will be told');
  await school.getByLabel('取消原因').fill(reason);
  await school.getByRole('button', { name: '取消需求' }).click();
  await school.locator('h1 + p .badge', { hasText: '已取消' }).waitFor();
  const history = school.locator('.history li').last();
  await history.filter({ hasText: reason }).waitFor();
  check((await school.getByText('需求已取消，不再安排专家。').count()) === 1, 'nobody is listed as coming any more');
  check((await school.locator('.rq-cancel').count()) === 0, 'no cancel form on a cancelled request');
  check((await school.locator('li', { hasText: '（需求已取消，安排随之取消）' }).count()) === 1,
    'the accepted invitation says the booking went with the request');
  const schoolHistory = await history.innerText();
  await screenshot(school, '15-cancel-request-done');

  const dispatcher = await signIn(env('E2E_DISPATCHER'));
  await openCancel(dispatcher, env('E2E_OFFICE_CANCEL_ID'));
  await dispatcher.getByLabel('取消原因').fill('与另一场活动合并');
  await dispatcher.getByRole('button', { name: '取消需求' }).click();
  await dispatcher.locator('h1 + p .badge', { hasText: '已取消' }).waitFor();
  const officeHistory = await dispatcher.locator('.history li').last().innerText();
  return { schoolHistory, officeHistory };
}

await run({ statistics, 'cancel-blank': cancelBlank, cancel });
