import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server standing in for the slice of the GitHub REST API rampart uses: issue comments
 * (paginated with `Link` headers), issues, pull requests. For tests only.
 */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string };
  html_url: string;
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason?: string | null;
  html_url: string;
  pull_request?: Record<string, unknown>;
}
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeGitHubOptions {
  token: string;
  /** Items per page whatever `per_page` asks, to exercise pagination with few items. @default 100 */
  pageSize?: number;
  /** Login that comments made through the API are attributed to. @default 'github-actions[bot]' */
  botLogin?: string;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, FakeComment[]>();
  readonly issues: FakeIssue[] = [];
  readonly pullHeads = new Map<number, string>();
  /** When set, writes answer 403 like a read-only fork token. */
  readOnly = false;
  /** When set, the comment listing's `next` link points here instead (to prove it is not followed). */
  foreignNextLink: string | null = null;
  private server: Server | null = null;
  private nextId = 1000;

  constructor(private readonly options: FakeGitHubOptions) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake GitHub is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addComment(issue: number, body: string, login = this.options.botLogin ?? 'github-actions[bot]'): FakeComment {
    const comment = { id: this.nextId++, body, user: { login }, html_url: `https://github.test/pr/${issue}#c` };
    const list = this.comments.get(issue) ?? [];
    list.push(comment);
    this.comments.set(issue, list);
    comment.html_url = `https://github.test/pr/${issue}#issuecomment-${comment.id}`;
    return comment;
  }

  addIssue(issue: Omit<FakeIssue, 'number' | 'html_url' | 'state'> & Partial<Pick<FakeIssue, 'state'>>): FakeIssue {
    const number = this.issues.length + 1;
    const created: FakeIssue = { state: 'open', ...issue, number, html_url: `https://github.test/issues/${number}` };
    this.issues.push(created);
    return created;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, body });

    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${this.options.token}`) return send(401, { message: 'Bad credentials' });
    if (method !== 'GET' && this.readOnly) return send(403, { message: 'Resource not accessible by integration' });

    let m: RegExpExecArray | null;
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const issue = Number(m[1]);
      if (method === 'GET') return this.page(url, this.comments.get(issue) ?? [], send);
      if (method === 'POST') {
        const created = this.addComment(issue, String((body as { body: string }).body));
        return send(201, created);
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
      const id = Number(m[1]);
      const comment = [...this.comments.values()].flat().find((c) => c.id === id);
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = String((body as { body: string }).body);
      return send(200, comment);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname)) && method === 'GET') {
      const sha = this.pullHeads.get(Number(m[1]));
      return sha ? send(200, { number: Number(m[1]), head: { sha } }) : send(404, { message: 'Not Found' });
    }
    if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(url.pathname)) {
      if (method === 'GET') return this.page(url, this.issues.filter((i) => url.searchParams.get('state') !== 'open' || i.state === 'open'), send);
      if (method === 'POST') {
        const { title, body: text } = body as { title: string; body: string };
        return send(201, this.addIssue({ title, body: text }));
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
      const issue = this.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return send(404, { message: 'Not Found' });
      Object.assign(issue, body);
      return send(200, issue);
    }
    return send(404, { message: 'Not Found' });
  }

  private page<T>(url: URL, items: T[], send: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    const size = this.options.pageSize ?? Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * size, page * size);
    const headers: Record<string, string> = {};
    if (page * size < items.length) {
      const next = new URL(url.pathname, this.foreignNextLink ?? this.url);
      next.search = url.search;
      next.searchParams.set('page', String(page + 1));
      headers['link'] = `<${next.href}>; rel="next", <${next.href}>; rel="last"`;
    }
    send(200, slice, headers);
  }
}
