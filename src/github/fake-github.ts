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
export interface FakePull {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  head: { ref: string; label: string };
  base: { ref: string };
  labels: Array<{ name: string }>;
  html_url: string;
  user: { login: string };
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
  readonly pulls: FakePull[] = [];
  /** Branch → path → file content. `main` starts empty; add files with `setFile`. */
  readonly branches = new Map<string, { sha: string; files: Map<string, string> }>([
    ['main', { sha: 'c0ffee'.padEnd(40, '0'), files: new Map() }],
  ]);
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

  setFile(branch: string, path: string, content: string): void {
    const target = this.branches.get(branch) ?? { sha: this.sha(), files: new Map<string, string>() };
    target.files.set(path, content);
    this.branches.set(branch, target);
  }

  /** A pull request as if someone opened it (e.g. from a fork: `head.label` is `fork-owner:branch`). */
  addPull(
    pull: Omit<FakePull, 'number' | 'html_url' | 'state' | 'labels' | 'user'> &
      Partial<Pick<FakePull, 'labels' | 'user'>>,
  ): FakePull {
    const number = this.issues.length + this.pulls.length + 1;
    const created: FakePull = {
      state: 'open',
      labels: [],
      user: { login: this.options.botLogin ?? 'github-actions[bot]' },
      ...pull,
      number,
      html_url: `https://github.test/pull/${number}`,
    };
    this.pulls.push(created);
    return created;
  }

  private sha(): string {
    this.nextId += 1;
    return this.nextId.toString(16).padStart(40, 'a');
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
    this.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      body,
    });

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
      if (method === 'GET')
        return this.page(
          url,
          this.issues.filter((i) => url.searchParams.get('state') !== 'open' || i.state === 'open'),
          send,
        );
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
    const repo = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const owner = repo?.[1] ?? '';
    const rest = repo?.[3] ?? '';
    if (repo && rest === '' && method === 'GET')
      return send(200, { default_branch: 'main', full_name: `${owner}/${repo[2]}` });
    if ((m = /^\/git\/ref\/heads\/(.+)$/.exec(rest)) && method === 'GET') {
      const branch = this.branches.get(decodeURIComponent(m[1]!));
      return branch ? send(200, { object: { sha: branch.sha } }) : send(404, { message: 'Not Found' });
    }
    if (rest === '/git/refs' && method === 'POST') {
      const { ref, sha } = body as { ref: string; sha: string };
      const name = ref.replace(/^refs\/heads\//, '');
      if (this.branches.has(name)) return send(422, { message: 'Reference already exists' });
      const from = [...this.branches.values()].find((b) => b.sha === sha);
      this.branches.set(name, { sha: this.sha(), files: new Map(from?.files ?? []) });
      return send(201, { ref, object: { sha } });
    }
    if ((m = /^\/git\/refs\/heads\/(.+)$/.exec(rest)) && method === 'PATCH') {
      const name = decodeURIComponent(m[1]!);
      const from = [...this.branches.values()].find((b) => b.sha === (body as { sha: string }).sha);
      if (!this.branches.has(name) || !from) return send(422, { message: 'Reference does not exist' });
      this.branches.set(name, { sha: this.sha(), files: new Map(from.files) });
      return send(200, { object: { sha: (body as { sha: string }).sha } });
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest))) {
      const path = decodeURIComponent(m[1]!);
      const branchName =
        method === 'GET'
          ? (url.searchParams.get('ref') ?? 'main')
          : String((body as { branch?: string }).branch ?? 'main');
      const branch = this.branches.get(branchName);
      if (!branch) return send(404, { message: 'No commit found for the ref' });
      const existing = branch.files.get(path);
      const fileSha = (text: string) => Buffer.from(text).toString('base64').slice(0, 40).padEnd(40, '0');
      if (method === 'GET') {
        return existing === undefined
          ? send(404, { message: 'Not Found' })
          : send(200, {
              sha: fileSha(existing),
              content: Buffer.from(existing).toString('base64'),
              encoding: 'base64',
            });
      }
      if (method === 'PUT') {
        const { content, sha } = body as { content: string; sha?: string };
        if (existing !== undefined && sha !== fileSha(existing)) return send(409, { message: 'sha does not match' });
        const text = Buffer.from(content, 'base64').toString('utf8');
        branch.files.set(path, text);
        branch.sha = this.sha();
        return send(existing === undefined ? 201 : 200, {
          content: { path, sha: fileSha(text) },
          commit: { sha: branch.sha },
        });
      }
    }
    if (rest === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      return this.page(
        url,
        this.pulls.filter((p) => (state === 'all' || p.state === state) && (head === null || p.head.label === head)),
        send,
      );
    }
    if (rest === '/pulls' && method === 'POST') {
      const { title, body: text, head, base } = body as { title: string; body: string; head: string; base: string };
      if (this.pulls.some((p) => p.state === 'open' && p.head.label === `${owner}:${head}`))
        return send(422, { message: `A pull request already exists for ${owner}:${head}.` });
      return send(
        201,
        this.addPull({ title, body: text, head: { ref: head, label: `${owner}:${head}` }, base: { ref: base } }),
      );
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      const pull = this.pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return send(404, { message: 'Not Found' });
      Object.assign(pull, body);
      return send(200, pull);
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(rest)) && method === 'POST') {
      const pull = this.pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return send(404, { message: 'Not Found' });
      for (const name of (body as { labels: string[] }).labels)
        if (!pull.labels.some((l) => l.name === name)) pull.labels.push({ name });
      return send(200, pull.labels);
    }
    return send(404, { message: 'Not Found' });
  }

  private page<T>(
    url: URL,
    items: T[],
    send: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  ): void {
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
