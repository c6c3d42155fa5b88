// Typing into the real search box and reading what the page shows: shared by the search
// evaluation test and the benchmark's browser measurements.

/// Chooses a province in the picker ("" for none), types `query` into the search box the way a
/// person does, waits until the page shows its answer to that query, and returns the addresses
/// of the results shown, in order, with the status line.
export async function typeAndRead(page, query, province, { timeout = 60000 } = {}) {
  await page.selectOption('#chon-tinh-tim', province === null || province === undefined ? '' : String(province));
  await page.fill('#o-tim-kiem', '');
  await page.type('#o-tim-kiem', query, { delay: 5 });
  await page.waitForFunction(
    (q) => {
      const status = document.querySelector('.search-status')?.textContent ?? '';
      const results = document.getElementById('ket-qua');
      return results && !results.hasAttribute('aria-busy') && status.includes(`“${q}”`);
    },
    query.trim(),
    { timeout },
  );
  return page.evaluate(() => ({
    status: document.querySelector('.search-status').textContent,
    shown: [...document.querySelectorAll('#ket-qua a')].map((a) => new URL(a.href).pathname),
    titles: [...document.querySelectorAll('#ket-qua .result-title')].map((e) => e.textContent),
  }));
}
