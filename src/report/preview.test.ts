import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderMarkdown } from './markdown';
import type { RunReport } from './model';
import { parseRunReport } from './parse-report';
import { COMMENT_WIDTH_PX, renderPreviewPage, renderReportHtml } from './preview';
import { runReportPreview } from './preview-command';

/** Debian's Chromium (what `.ci/run` installs), then the names GitHub's Ubuntu runners link. */
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const FAILING_RUN = join(__dirname, '__fixtures__', 'failing-run.json');

/** The report of `npm run verify -- --spec-revision next` against the sandbox, as written by a real run. */
function failingRun(): RunReport {
  return parseRunReport(readFileSync(FAILING_RUN, 'utf8'), FAILING_RUN);
}

describe('renderReportHtml', () => {
  test('renders GitHub-flavoured Markdown: tables, fences, <details>', () => {
    const html = renderReportHtml(
      '| a | b |\n|---|---|\n| 1 | 2 |\n\n<details><summary>more</summary>\n\n- x\n\n</details>\n\n```text\nq\n```\n',
    );
    expect(html).toContain('<table>');
    expect(html).toContain('<details><summary>more</summary>');
    expect(html).toContain('<pre><code class="language-text">q\n</code></pre>');
  });

  test('shows any other raw HTML as text, drops comments and unsafe links', () => {
    const html = renderReportHtml(
      '<!-- hidden -->\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [click](javascript:alert(1)) <details open ontoggle=alert(1)>\n',
    );
    expect(html).not.toMatch(/<script|<img|<a |<details open|hidden/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('npm run report:preview', () => {
  test('writes a standalone page beside the report, and one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-preview-'));
    try {
      const input = join(dir, 'verify.md');
      writeFileSync(input, renderMarkdown(failingRun()));
      const lines: string[] = [];
      expect(await runReportPreview({ input, log: (l) => lines.push(l) })).toBe(0);
      const page = readFileSync(join(dir, 'verify.html'), 'utf8');
      expect(page.startsWith('<!doctype html>')).toBe(true);
      expect(page).toContain('<article class="markdown-body">');
      expect(page).toContain('Breaking: 3 root causes');
      expect(lines).toEqual([`preview: ${join(dir, 'verify.html')} (open it in a browser)`]);
      await expect(runReportPreview({ input: join(dir, 'missing.md') })).rejects.toThrow(
        /^cannot read .*missing\.md: run npm run verify first/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Runs in the page (the project compiles without the DOM library, so it is sent as source). */
function measure(width: number): string {
  return `(() => {
    document.querySelectorAll('details').forEach((d) => d.setAttribute('open', ''));
    const found = [];
    if (document.documentElement.scrollWidth > ${width}) found.push('page ' + document.documentElement.scrollWidth + 'px');
    for (const el of Array.from(document.querySelectorAll('.markdown-body *'))) {
      const box = el.getBoundingClientRect();
      const scrolls = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
      if (scrolls || box.right > ${width} + 0.5) {
        found.push(el.tagName.toLowerCase() + ' ' + el.scrollWidth + 'px: ' + (el.textContent || '').slice(0, 60));
      }
    }
    return found;
  })()`;
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const browserPath = BROWSERS.find((path) => existsSync(path));
if (browserPath === undefined) {
  process.stdout.write(
    `preview.test.ts: the headless-browser checks are skipped: none of ${BROWSERS.join(', ')} is installed (apt-get install -y chromium)\n`,
  );
}
const inBrowser = browserPath === undefined ? describe.skip : describe;

inBrowser("the comment in a real browser at a comment's width", () => {
  // One browser and one page for both checks: each renders its own document into the page.
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: browserPath, headless: true, args: FLAGS });
    page = await browser.newPage({ viewport: { width: COMMENT_WIDTH_PX, height: 1000 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Every element wider than its box or reaching past the comment's right edge, with every <details> open. */
  async function overflowing(markdown: string): Promise<string[]> {
    await page.setContent(renderPreviewPage(markdown));
    return page.evaluate<string[]>(measure(COMMENT_WIDTH_PX));
  }

  test("nothing in the failing run's comment overflows 760 px", async () => {
    expect(await overflowing(renderMarkdown(failingRun()))).toEqual([]);
  }, 30_000);

  test('the check sees a table that would need sideways scrolling', async () => {
    // Four columns, two of them holding words that cannot break (an operation path, a pact file): wider than a comment.
    const op = '`GET /developer/v1/transactions/{transaction_id}/receipts/{receipt_id}`';
    const file = '`pacts/spend-sync-ramp-developer-api-with-a-long-consumer-name.json`';
    const wide = `| Rule | Operation | Pact | Consumer interactions affected |\n|---|---|---|---|\n| response-required-property-removed | ${op} | ${file} | spend-sync › a request |\n`;
    expect((await overflowing(wide)).some((line) => line.startsWith('table'))).toBe(true);
  }, 30_000);
});
