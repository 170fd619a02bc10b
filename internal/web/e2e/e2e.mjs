// End-to-end run of the pages in headless Chromium, started by e2e_test.go
// with the server's address, the logins and the browser in E2E_* variables.
//
//   node e2e.mjs order   school submits (a wrong phone first), dispatcher
//                        invites the top candidate, expert accepts, school
//                        sees it; an expert cannot save another's profile
//   node e2e.mjs rate    school rates the delivered engagement
//
// Prints one JSON line of results on stdout; progress goes to stderr.
import {
  env, base, log, check, signIn, screenshot, fieldError, beijingDay, run,
} from './lib.mjs';

async function order() {
  const title = '五年级天文科普讲座';
  const school = await signIn(env('E2E_SCHOOL'), '01-login');
  check(new URL(school.url()).pathname === '/requests', 'a requester lands on 我的需求');
  await school.getByRole('link', { name: '提交新需求' }).click();
  await school.waitForURL('**/requests/new');
  await school.getByLabel('需求类型').selectOption('SCHOOL');
  await school.getByLabel('标题').fill(title);
  await school.getByLabel('需要什么').fill('想请懂天文的老师给五年级学生讲讲星空，认识四季星座，学生约120人');
  await school.getByLabel('所在乡镇').selectOption('浮梁镇');
  await school.getByLabel('具体地点').fill('学校礼堂');
  await school.getByLabel('听众').selectOption('PRIMARY_SCHOOL');
  await school.getByLabel('预计人数').fill('120');
  await school.getByLabel('最早日期').fill(beijingDay(1));
  await school.getByLabel('最晚日期').fill(beijingDay(14));
  await school.getByLabel('联系人').fill('王老师');
  await school.getByLabel('联系电话').fill('12345');
  await school.getByRole('button', { name: '提交需求' }).click();
  // The API's user error shows next to the phone field; what was typed stays.
  await fieldError(school, 'contactPhone').filter({ hasText: /\S/ }).waitFor();
  check((await school.getByLabel('标题').inputValue()) === title, 'the title is kept after a validation error');
  check((await school.getByLabel('联系电话').getAttribute('aria-invalid')) === 'true', 'the phone field is marked invalid');
  await screenshot(school, '02-submit-error');
  await school.getByLabel('联系电话').fill('13900001111');
  await school.getByRole('button', { name: '提交需求' }).click();
  await school.waitForURL(/\/requests\/\d+$/);
  const requestId = new URL(school.url()).pathname.split('/').pop();
  await school.getByText('待派单', { exact: true }).first().waitFor();
  await screenshot(school, '03-request-submitted');

  const dispatcher = await signIn(env('E2E_DISPATCHER'));
  check(new URL(dispatcher.url()).pathname === '/queue', 'a dispatcher lands on 待派单');
  await dispatcher.getByRole('link', { name: title }).waitFor();
  await screenshot(dispatcher, '04-queue');
  await dispatcher.getByRole('link', { name: title }).click();
  const top = dispatcher.locator('.candidate').first();
  await top.waitFor();
  const topText = await top.innerText();
  check(topText.includes(env('E2E_TOP_CANDIDATE')), `the top candidate is ${env('E2E_TOP_CANDIDATE')}: ${topText}`);
  check(topText.includes('讲座主题吻合'), `the reasons are shown as people read them: ${topText}`);
  await screenshot(dispatcher, '05-candidates');
  await top.getByRole('button', { name: '邀请' }).click();
  await dispatcher.locator('.candidate').first().getByRole('button', { name: '已邀请' }).waitFor();
  await dispatcher.getByText('已派单', { exact: true }).first().waitFor();
  await screenshot(dispatcher, '06-invited');

  const expert = await signIn(env('E2E_EXPERT'));
  check(new URL(expert.url()).pathname === '/invitations', 'an expert lands on 我的邀请');
  const card = expert.locator('.card', { hasText: title });
  await card.getByText('待回复').waitFor();
  await screenshot(expert, '07-invitations');
  await card.getByRole('button', { name: '接受' }).click();
  await expert.locator('.card', { hasText: title }).getByText('已接受').waitFor();
  await screenshot(expert, '08-accepted');

  // Another expert's profile: the page opens (profiles are public), but
  // saving gets the API's FORBIDDEN and nothing is written.
  await expert.goto(`${base}/experts/${env('E2E_OTHER_EXPERT_ID')}/edit`);
  await expert.getByLabel('简介').fill('被他人改写的简介');
  await expert.getByRole('button', { name: '保存' }).click();
  const denied = expert.locator('.form-errors .error-box[data-code="FORBIDDEN"]');
  await denied.waitFor();
  log('forbidden edit says:', await denied.innerText());
  check((await expert.locator('.ok-box').count()) === 0, 'no 已保存 on another expert\'s profile');
  await screenshot(expert, '09-edit-other-forbidden');
  // One's own profile saves.
  await expert.goto(`${base}/experts/${env('E2E_OWN_EXPERT_ID')}/edit`);
  await expert.getByLabel('专长').fill('天文、星座观测、科学实验');
  await expert.getByRole('button', { name: '保存' }).click();
  await expert.locator('.ok-box').waitFor();
  await screenshot(expert, '10-edit-own');

  await school.reload();
  const coming = school.locator('.card', { hasText: env('E2E_TOP_CANDIDATE') });
  await coming.getByText('待排期').waitFor();
  await school.getByText('已接单', { exact: true }).first().waitFor();
  await screenshot(school, '11-school-sees-acceptance');
  await school.getByRole('link', { name: '我的需求' }).click();
  await school.getByRole('link', { name: title }).waitFor();
  await screenshot(school, '12-my-requests');
  return { requestId };
}

async function rate() {
  const school = await signIn(env('E2E_SCHOOL'));
  await school.goto(`${base}/requests/${env('E2E_REQUEST_ID')}`);
  await school.getByText('已完成', { exact: true }).first().waitFor();
  await school.getByLabel('评分').selectOption('5');
  await school.getByLabel('评语').fill('讲得生动，学生很喜欢');
  await screenshot(school, '13-rate');
  await school.getByRole('button', { name: '提交评价' }).click();
  await school.getByText('评价：5 分，讲得生动，学生很喜欢').waitFor();
  await school.getByText('已评价', { exact: true }).first().waitFor();
  await screenshot(school, '14-rated');
  return {};
}

await run({ order, rate });
