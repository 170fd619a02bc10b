// The expert's pages in headless Chromium, started by expert_test.go.
//
//   node expert.mjs work     the menu; 可接需求 lists a fitting request (not
//                            an unfitting one) and 接单 takes it; 服务记录
//                            shows it and a delivered, rated engagement
//   node expert.mjs profile  我的资料: a wrong talk length and a phone
//                            without consent come back next to their fields
//                            with the typed values kept; consent recorded,
//                            profile saved, on call, data exported, a save
//                            from a stale tab refused, consent withdrawn and
//                            given again with the phone
//
// Prints one JSON line of results on stdout; progress goes to stderr.
import { readFile } from 'node:fs/promises';
import {
  env, base, log, check, signIn, screenshot, fieldError, beijingDay, run,
} from './lib.mjs';

const own = env('E2E_OWN_EXPERT_ID');

async function work() {
  const page = await signIn(env('E2E_EXPERT'));
  const nav = page.locator('#nav');
  for (const [text, href] of [['我的邀请', '/invitations'], ['可接需求', '/open'], ['服务记录', '/history'], ['我的资料', `/experts/${own}/edit`]]) {
    const got = await nav.getByRole('link', { name: text, exact: true }).getAttribute('href');
    check(got === href, `menu ${text} goes to ${href}, not ${got}`);
  }

  // 可接需求: the request that fits, with its facts; not the one for the elderly.
  await nav.getByRole('link', { name: '可接需求' }).click();
  await page.waitForURL('**/open');
  const title = env('E2E_OPEN_TITLE');
  const card = page.locator('.card', { hasText: title });
  await card.waitFor();
  const facts = await card.innerText();
  for (const want of [env('E2E_OPEN_ORG'), '浮梁镇 科学教室', '小学生，约 60 人', env('E2E_OPEN_FROM'), '月相']) {
    check(facts.includes(want), `the open request shows ${want}: ${facts}`);
  }
  check((await page.locator('.card', { hasText: env('E2E_UNFIT_TITLE') }).count()) === 0, 'a request for an audience the expert does not serve is not listed');
  await screenshot(page, '21-expert-open-requests');
  await card.getByRole('button', { name: '接单' }).click();
  await card.locator('.ok-box').filter({ hasText: '接单成功' }).waitFor();
  check((await card.getByRole('button', { name: '接单' }).count()) === 0, 'the claimed card has no 接单 button left');
  check((await card.getByText('已接单').count()) === 1, 'the claimed card says 已接单');
  await page.reload();
  await page.getByRole('heading', { name: '可接需求' }).waitFor();
  check((await page.locator('.card', { hasText: title }).count()) === 0, 'a claimed request leaves the open list');

  // 服务记录: the claim, waiting for a time; the delivered and rated one.
  await nav.getByRole('link', { name: '服务记录' }).click();
  await page.waitForURL('**/history');
  const claimed = page.locator('.card', { hasText: title });
  await claimed.getByText('待排期').waitFor();
  check((await claimed.innerText()).includes('主动接单'), 'the history says the request was claimed');
  const past = page.locator('.card', { hasText: env('E2E_PAST_TITLE') });
  await past.waitFor();
  const pastText = await past.innerText();
  if (env('E2E_PAST_RATED') === 'yes') {
    for (const want of ['已完成', '86 人', '4 分', env('E2E_PAST_COMMENT')]) check(pastText.includes(want), `the delivered engagement shows ${want}: ${pastText}`);
    check((await page.locator('main p.muted').first().innerText()).includes('服务 86 人'), 'the summary counts the people reached');
  }
  await screenshot(page, '22-expert-history');
  return { cards: String(await page.locator('.history-card').count()) };
}

async function profile() {
  const page = await signIn(env('E2E_EXPERT'));
  await page.locator('#nav').getByRole('link', { name: '我的资料' }).click();
  await page.waitForURL(`**/experts/${own}/edit`);
  const form = page.locator('form.profile-form');
  const consent = page.locator('section.consent');
  const oncall = page.locator('section.oncall');
  await consent.getByText('尚未同意').waitFor();
  await oncall.getByText('未在值守').waitFor();

  // Fill in everything; the talk is too short and there is no consent yet.
  const topicTitle = '家庭小实验：自制简易望远镜';
  const [from, to] = [beijingDay(20), beijingDay(27)];
  await page.getByLabel('手机或电话').fill('138 0013 8000');
  await form.locator('[data-field="audiences"]').getByLabel('老年人').check();
  const townships = form.locator('[data-field="serviceTownships"]');
  await townships.getByLabel('浮梁镇').check();
  await townships.getByLabel('湘湖镇').check();
  await page.getByLabel('每月最多服务次数').fill('5');
  await page.getByRole('button', { name: '添加讲座主题' }).click();
  const topic = form.locator('.topic').nth(1);
  await topic.getByLabel('讲座题目').fill(topicTitle);
  await topic.getByLabel('时长（分钟）').fill('5');
  await topic.getByLabel('小学生').check();
  await topic.getByLabel('初中生').check();
  await topic.getByLabel('内容提要').fill('用放大镜和纸筒做望远镜，边做边讲光的折射。');
  const days = form.locator('[data-field="availability-weekdays"]');
  await days.getByLabel('周六').check();
  await days.getByLabel('周日').check();
  await page.getByRole('button', { name: '添加不能服务的日期' }).click();
  const range = form.locator('.range').first();
  await range.getByLabel('从').fill(from);
  await range.getByLabel('到').fill(to);
  await range.getByLabel('原因').fill('外出开会');
  await page.getByLabel('时间说明').fill('上午比较方便');
  await page.getByRole('button', { name: '保存' }).click();
  const minutesError = fieldError(page, 'lectureTopics-1-minutes').filter({ hasText: /\S/ });
  await minutesError.waitFor();
  log('too short a talk says:', await minutesError.innerText());
  await fieldError(page, 'consent').filter({ hasText: /\S/ }).waitFor();
  check((await topic.getByLabel('时长（分钟）').getAttribute('aria-invalid')) === 'true', 'the minutes field is marked invalid');
  check((await topic.getByLabel('讲座题目').inputValue()) === topicTitle, 'the typed topic title is kept');
  check((await topic.getByLabel('时长（分钟）').inputValue()) === '5', 'the typed minutes are kept');
  check((await page.getByLabel('手机或电话').inputValue()) === '138 0013 8000', 'the typed phone is kept');
  check(await days.getByLabel('周日').isChecked(), 'the ticked weekday is kept');
  check((await range.getByLabel('从').inputValue()) === from, 'the typed date is kept');
  check((await fieldError(page, 'lectureTopics-0-minutes').innerText()) === '', 'the first topic has no error');
  check((await page.locator('.save-status .ok-box').count()) === 0, 'nothing says 已保存 after errors');
  await screenshot(page, '20a-expert-profile-errors');

  // Consent through its own panel (setExpertConsent), then the save goes through.
  check((await consent.getByLabel('用途').inputValue()) === '科普活动联络', 'the consent purpose is filled in');
  await consent.getByRole('button', { name: '同意并记录' }).click();
  await consent.getByText('用途：科普活动联络').waitFor();
  check(await form.locator('[data-field="consent"]').isHidden(), 'the consent tick box goes once consent is recorded');
  await topic.getByLabel('时长（分钟）').fill('45');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.save-status .ok-box').waitFor();
  check((await minutesError.count()) === 0, 'the minutes error is cleared');
  check((await page.getByLabel('手机或电话').inputValue()) === '13800138000', 'the phone is shown as saved');

  // On call (the expert is in the emergency registry).
  await oncall.getByRole('button', { name: '开始值守' }).click();
  await oncall.getByText('正在值守').waitFor();
  await oncall.getByRole('button', { name: '结束值守' }).waitFor();

  // A save from an older tab is refused with CONFLICT and a way to reload.
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await stale.getByLabel('简介').waitFor();
  const bio = '退休物理教师，长期带学生观星，也做家庭科学小实验。';
  await page.getByLabel('简介').fill(bio);
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.save-status .ok-box').waitFor();
  await stale.getByLabel('职称').fill('被旧页面改写的职称');
  await stale.getByRole('button', { name: '保存' }).click();
  const conflict = stale.locator('.form-errors .error-box', { hasText: '重新载入' });
  await conflict.waitFor();
  log('conflict says:', await conflict.innerText());
  await Promise.all([stale.waitForEvent('load'), stale.getByRole('button', { name: '重新载入最新资料' }).click()]);
  await stale.getByLabel('简介').waitFor();
  check((await stale.getByLabel('简介').inputValue()) === bio, 'after reloading, the other tab shows the saved bio');
  await stale.close();

  // Export: a JSON file with everything about the expert.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出我的数据' }).click()]);
  const exported = await readFile(await file.path(), 'utf8');
  check(file.suggestedFilename().startsWith('我的数据-') && file.suggestedFilename().endsWith('.json'), `export file name ${file.suggestedFilename()}`);
  await page.locator('section.export .ok-box').waitFor();

  // Withdrawing consent deletes the phone; consent given again with the
  // tick box in the form keeps the phone typed back in.
  page.once('dialog', (d) => d.accept());
  await consent.getByRole('button', { name: '撤回同意' }).click();
  await consent.getByText('尚未同意').waitFor();
  check((await page.getByLabel('手机或电话').inputValue()) === '', 'withdrawing consent empties the phone');
  await page.getByLabel('手机或电话').fill('13800138000');
  await form.locator('[data-field="consent"]').getByRole('checkbox').check();
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.save-status .ok-box').waitFor();
  await consent.getByText('用途：科普活动联络').waitFor();

  // What was saved is what the page shows when opened again.
  await page.reload();
  await consent.getByText('用途：科普活动联络').waitFor();
  const saved = form.locator('.topic').nth(1);
  check((await saved.getByLabel('讲座题目').inputValue()) === topicTitle, 'the new topic is there after reloading');
  check((await saved.getByLabel('时长（分钟）').inputValue()) === '45', 'its length is there after reloading');
  check(await days.getByLabel('周六').isChecked(), 'the weekdays are there after reloading');
  check((await form.locator('.range').first().getByLabel('到').inputValue()) === to, 'the unavailable dates are there after reloading');
  await screenshot(page, '20-expert-profile');
  return { export: exported, bio, from, to, topicTitle };
}

await run({ work, profile });
