import { Marked, type Tokens } from 'marked';

/** The width GitHub gives a pull-request comment's body on a desktop screen, in CSS pixels. */
export const COMMENT_WIDTH_PX = 760;

/** The only raw HTML a report uses; every other tag is shown as text, as GitHub's sanitiser would drop it. */
const ALLOWED_TAGS = new Set(['details', '/details', 'summary', '/summary', 'br']);
const SAFE_URL = /^(?:https?:|mailto:|#|\/(?!\/)|\.{0,2}\/)/i;

/**
 * Renders a report's Markdown (GitHub-flavoured) into HTML the way a comment shows it, sanitised: raw
 * HTML other than `<details>`, `<summary>` and `<br>` becomes visible text, HTML comments vanish, links
 * and images keep only http(s) and relative URLs.
 */
export function renderReportHtml(markdown: string): string {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return sanitizeHtml(text);
      },
      link({ href, title, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        if (!SAFE_URL.test(href)) return inner;
        return `<a href="${attr(href)}"${title ? ` title="${attr(title)}"` : ''} rel="nofollow">${inner}</a>`;
      },
      image({ href, text }: Tokens.Image): string {
        return SAFE_URL.test(href) ? `<img src="${attr(href)}" alt="${attr(text)}">` : escapeText(text);
      },
    },
  });
  return marked.parse(markdown) as string;
}

/** A standalone page: the rendered report in a column as wide as a comment, styled like GitHub. */
export function renderPreviewPage(markdown: string, title = 'rampart report'): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeText(title)}</title>`,
    `<style>${GITHUB_STYLE}</style>`,
    '</head>',
    '<body>',
    `<article class="markdown-body">\n${renderReportHtml(markdown)}</article>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function sanitizeHtml(html: string): string {
  return html
    .split(/(<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>)/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeText(part);
      if (part.startsWith('<!--')) return '';
      const name = /^<(\/?[A-Za-z]+)/.exec(part)?.[1]?.toLowerCase() ?? '';
      const bare = /^<\/?[A-Za-z]+\s*\/?>$/.test(part);
      return ALLOWED_TAGS.has(name) && bare ? `<${name}>` : escapeText(part);
    })
    .join('');
}

/** Escapes markup but keeps character references Markdown already wrote (`&lt;`). */
function escapeText(text: string): string {
  return text
    .replace(/&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** The rules of GitHub's `markdown-body` that decide layout and width; colours of its light theme. */
const GITHUB_STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#fff;color:#1f2328}
.markdown-body{max-width:${COMMENT_WIDTH_PX}px;margin:0 auto;padding:16px;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;word-wrap:break-word}
.markdown-body>*:first-child{margin-top:0}
.markdown-body p,.markdown-body ul,.markdown-body ol,.markdown-body table,.markdown-body pre,.markdown-body details,.markdown-body blockquote{margin-top:0;margin-bottom:16px}
.markdown-body h1,.markdown-body h2,.markdown-body h3,.markdown-body h4,.markdown-body h5,.markdown-body h6{margin-top:24px;margin-bottom:16px;font-weight:600;line-height:1.25}
.markdown-body h3{font-size:1.25em}.markdown-body h4{font-size:1em}
.markdown-body ul,.markdown-body ol{padding-left:2em}
.markdown-body li+li{margin-top:.25em}
.markdown-body a{color:#0969da;text-decoration:underline}
.markdown-body code{padding:.2em .4em;margin:0;font-size:85%;white-space:break-spaces;background:rgba(129,139,152,.12);border-radius:6px;font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
.markdown-body pre{padding:16px;overflow:auto;font-size:85%;line-height:1.45;background:#f6f8fa;border-radius:6px;word-wrap:normal}
.markdown-body pre code{padding:0;background:transparent;white-space:pre;font-size:100%;word-break:normal}
.markdown-body table{display:block;width:max-content;max-width:100%;overflow:auto;border-spacing:0;border-collapse:collapse}
.markdown-body table th{font-weight:600}
.markdown-body table th,.markdown-body table td{padding:6px 13px;border:1px solid #d1d9e0}
.markdown-body table tr:nth-child(2n){background:#f6f8fa}
.markdown-body details summary{cursor:pointer;display:list-item}
.markdown-body blockquote{padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0}
.markdown-body del{color:#59636e}
`;
