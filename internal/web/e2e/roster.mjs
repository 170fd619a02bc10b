// The registry officer's pages in headless Chromium, started by
// roster_test.go with the server's address, the logins and the files in
// E2E_* variables.
//
//   node roster.mjs browse   the roster: paging, CSV download (with contact
//                            data for the officer, without for a dispatcher),
//                            filters in the address, text search, one
//                            expert's file
//   node roster.mjs check    import: the template, a GBK CSV checked (dry
//                            run) with its row-by-row report
//   node roster.mjs import   import: the same CSV skipping the bad row, then
//                            an xlsx
//
// Prints one JSON line of results on stdout; progress goes to stderr.
import { readFileSync } from 'node:fs';
import {
  env, base, log, check, signIn, screenshot, run,
} from './lib.mjs';

const cardCount = (page, n) => page.waitForFunction((want) => document.querySelectorAll('.roster-card').length === want, n);

// download clicks a button and returns the text of the file it hands over.
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = readFileSync(await file.path(), 'utf8');
  log(`downloaded ${file.suggestedFilename()} (${text.length} characters)`);
  return { name: file.suggestedFilename(), text };
}

// csvTable splits simple CSV (no quoted line breaks) into rows of cells.
function csvTable(text) {
  check(text.startsWith('\ufeff'), 'the CSV starts with a BOM for Excel');
  return text.slice(1).split('\r\n').filter(Boolean).map((line) => {
    const cells = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      cells.push(m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1]);
      if (!m[2]) break;
    }
    return cells;
  });
}

async function browse() {
  const listed = Number(env('E2E_LISTED'));
  const floodId = env('E2E_FLOOD_ID');
  const page = await signIn(env('E2E_OFFICER'));
  check(new URL(page.url()).pathname === '/experts', 'an officer lands on 专家名册');
  await page.locator('.roster-card').first().waitFor();
  const count = page.locator('.roster-count');
  check((await page.locator('.roster-card').count()) === 20, 'the first page shows 20 experts');
  check((await count.innerText()).includes(`共 ${listed} 位专家`), `the count says ${listed}: ${await count.innerText()}`);

  // 加载更多 appends the next page and disappears at the end.
  await page.getByRole('button', { name: '加载更多' }).click();
  await cardCount(page, listed);
  check(await page.getByRole('button', { name: '加载更多' }).isHidden(), 'no 加载更多 after the last page');
  check((await page.locator('.roster-card', { hasText: '钱旧档' }).count()) === 0, 'archived experts are not listed by default');

  // The CSV has every page, with the contact columns the officer may see.
  const { name, text } = await download(page, page.getByRole('button', { name: '下载 CSV' }));
  check(/^专家名册-\d{4}-\d{2}-\d{2}\.csv$/.test(name), `CSV file name: ${name}`);
  const table = csvTable(text);
  const phoneCol = table[0].indexOf('电话');
  check(phoneCol > 0, `the officer's CSV has 电话: ${table[0]}`);
  const floodRow = table.find((r) => r.includes('王汛'));
  check(floodRow && floodRow.join(',').includes('应急科普专家队伍：已入库'), `王汛's row: ${floodRow}`);
  await page.getByText(`已导出 ${listed} 位专家`).waitFor();

  // A filter narrows the list and lives in the address: a reload keeps it.
  await page.locator('.roster-more summary').click();
  await page.getByLabel('人才库').selectOption('EMERGENCY_EXPERT');
  await page.getByRole('button', { name: '应用筛选' }).click();
  await page.waitForURL(/[?&]registry=EMERGENCY_EXPERT/);
  await cardCount(page, 1);
  const card = page.locator('.roster-card').first();
  const cardText = await card.innerText();
  check(cardText.includes('王汛') && cardText.includes('县水利局') && cardText.includes('江村乡'), `the filtered card: ${cardText}`);
  check(cardText.includes('应急科普专家队伍 · 已入库') && cardText.includes('值守中'), `the card's badges: ${cardText}`);
  check((await count.innerText()).includes('共 1 位专家'), 'the count follows the filter');
  await screenshot(page, '30-roster');
  await page.reload();
  await cardCount(page, 1);
  check((await page.getByLabel('人才库').inputValue()) === 'EMERGENCY_EXPERT', 'the reloaded page shows the filter it applies');

  // Township plus archived: the archived expert appears, marked.
  await page.goto(base + '/experts');
  await page.locator('.roster-more summary').click();
  await page.getByLabel('乡镇').selectOption('浮梁镇');
  await page.getByLabel('包括已归档的专家').check();
  await page.getByRole('button', { name: '应用筛选' }).click();
  await page.waitForURL(/township=/);
  await page.locator('.roster-card', { hasText: '钱旧档' }).getByText('已归档').waitFor();
  const names = await page.locator('.roster-card .card-title').allInnerTexts();
  check(names.includes('程星河') && !names.includes('李茗') && !names.includes('王汛'), `浮梁镇 with archived: ${names}`);

  // Text switches to the full-text search.
  await page.goto(base + '/experts');
  await page.getByLabel('查找专家').fill('山洪预警');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.waitForURL(/[?&]q=/);
  await page.locator('.roster-card').first().waitFor();
  const found = await page.locator('.roster-card .card-title').allInnerTexts();
  check(found[0] === '王汛', `searching 山洪预警 finds 王汛 first: ${found}`);

  // One expert's file: facts, contact, memberships with their history.
  await page.getByRole('link', { name: '王汛' }).click();
  await page.waitForURL(`**/experts/${floodId}`);
  await page.getByRole('heading', { name: '人才库成员资格' }).waitFor();
  const profile = await page.locator('main').innerText();
  for (const want of ['13900002222', 'wangxun@example.cn', '科普活动联络', '应急科普专家队伍', '已提名 → 审核中', '审核中 → 已入库',
    '乡镇推荐', '周一、周三、周五', '汛期随叫随到', '防汛抗洪', '山洪预警', '山洪来了怎么办', '60 分钟 · 初中生、农民',
    '2030-08-01 至 2030-08-10（外出培训）']) {
    check(profile.includes(want), `the profile shows ${want}`);
  }
  const edit = page.getByRole('link', { name: '编辑资料' });
  check((await edit.getAttribute('href')) === `/experts/${floodId}/edit`, 'the profile links to its edit page');
  check((await page.getByRole('link', { name: '← 返回专家名册' }).getAttribute('href')).includes('q='), 'back goes to the searched list');
  await screenshot(page, '31-expert-profile');

  // A dispatcher is not entitled to the contact data: the API hides it,
  // and so the file and the CSV leave it out.
  const dispatcher = await signIn(env('E2E_DISPATCHER'));
  await dispatcher.goto(`${base}/experts/${floodId}`);
  await dispatcher.getByRole('heading', { name: '联系方式' }).waitFor();
  const seen = await dispatcher.locator('main').innerText();
  check(!seen.includes('13900002222') && seen.includes('您无权查看'), 'a dispatcher does not see the phone');
  await dispatcher.goto(`${base}/experts?registry=EMERGENCY_EXPERT`);
  const other = csvTable((await download(dispatcher, dispatcher.getByRole('button', { name: '下载 CSV' }))).text);
  check(!other[0].includes('电话') && !other[0].includes('邮箱') && other.length === 2, `the dispatcher's CSV: ${other}`);

  return { csvRows: String(table.length - 1), csvPhone: floodRow[phoneCol] };
}

async function openImport() {
  const page = await signIn(env('E2E_OFFICER'));
  await page.getByRole('link', { name: '表格导入' }).click();
  await page.waitForURL('**/import');
  await page.getByLabel('选择文件').waitFor();
  return page;
}

async function pick(page, path, name, mimeType) {
  await page.getByLabel('选择文件').setInputFiles({ name, mimeType, buffer: readFileSync(path) });
  await page.getByRole('heading', { name: '检查结果' }).waitFor();
}

const countOf = async (page, label) => (await page.locator('.imp-counts > div', { hasText: label }).locator('dd').innerText()).trim();

async function checkCSV(page) {
  await pick(page, env('E2E_IMPORT_CSV'), '名册.csv', 'text/csv');
  const report = page.locator('.imp-result');
  const text = await report.innerText();
  check(text.includes('GBK'), `the GBK file is recognised: ${text}`);
  check(await countOf(page, '新增') === '3' && await countOf(page, '有问题') === '1' && await countOf(page, '数据行') === '4',
    `the counts: ${await page.locator('.imp-counts').innerText()}`);
  const bad = report.locator(`tr[data-row="${env('E2E_BAD_ROW')}"]`);
  check((await bad.count()) === 1 && (await report.locator('tbody tr').count()) === 1, `one problem, on the bad row: ${text}`);
  const badText = await bad.innerText();
  for (const want of [`第 ${env('E2E_BAD_ROW')} 行`, '乡镇', 'UNKNOWN_TOWNSHIP', env('E2E_BAD_VALUE')]) {
    check(badText.includes(want), `the bad row's report shows ${want}: ${badText}`);
  }
  return { page, report, text };
}

async function checkPhase() {
  const page = await openImport();
  const { text: template } = await download(page, page.getByRole('button', { name: '下载模板（CSV）' }));
  const header = csvTable(template)[0];
  check(header[0] === '外部编号*' && header[1] === '姓名*' && header.includes('讲座主题') && header.length === 16, `the template's header: ${header}`);
  const { text } = await checkCSV(page);
  const confirm = page.getByRole('button', { name: /确认导入/ });
  check(await confirm.isDisabled(), 'with a bad row, import waits for 跳过有问题的行');
  await screenshot(page, '32-import-report');
  return { report: text };
}

async function importPhase() {
  const page = await openImport();
  await checkCSV(page);
  await page.getByLabel('跳过有问题的行').check();
  await page.getByRole('button', { name: '确认导入（3 位专家），跳过有问题的行' }).click();
  await page.getByRole('heading', { name: '导入完成' }).waitFor();
  const done = await page.locator('.imp-result').innerText();
  check(done.includes('新增 3 位') && done.includes('跳过了 1 行'), `the result: ${done}`);
  await screenshot(page, '33-import-done');

  // An xlsx, checked and imported without problems.
  await page.getByRole('link', { name: '导入其他文件' }).click();
  await page.getByLabel('选择文件').waitFor();
  await pick(page, env('E2E_IMPORT_XLSX'), '名册.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  check((await page.locator('.imp-result').innerText()).includes('工作表“Sheet1”'), 'the xlsx sheet is named');
  await page.getByText('没有发现问题，可以导入。').waitFor();
  await page.getByRole('button', { name: '确认导入（3 位专家）' }).click();
  await page.getByRole('heading', { name: '导入完成' }).waitFor();
  check((await page.locator('.imp-result').innerText()).includes('新增 3 位'), 'the xlsx imported three experts');
  return {};
}

await run({ browse, check: checkPhase, import: importPhase });
