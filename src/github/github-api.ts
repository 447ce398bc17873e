import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { HttpError } from '../errors';
import { redact, registerSecret } from '../log/redact';

export interface GitHubApiOptions {
  /** `GITHUB_API_URL`: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  /** `GITHUB_TOKEN` or an app token. Registered with the redactor; never logged, never in an error. */
  token: string;
  /** Per request. @default 15_000 */
  timeoutMs?: number;
  /** Most pages one listing may follow (100 items each). @default 30 */
  maxPages?: number;
}

export interface Page<T> {
  items: T[];
  /** More pages existed than `maxPages` allowed: the listing is incomplete. */
  truncated: boolean;
}

/**
 * The small slice of the GitHub REST API rampart needs, over axios directly: it talks to GitHub, not to
 * the API under test, so it does not go through the staging http client (no write guard, no audit).
 */
export class GitHubApi {
  private readonly http: AxiosInstance;
  private readonly base: URL;
  private readonly maxPages: number;

  constructor(options: GitHubApiOptions) {
    registerSecret(options.token);
    this.base = new URL(`${options.apiUrl.replace(/\/+$/, '')}/`);
    this.maxPages = options.maxPages ?? 30;
    this.http = axios.create({
      baseURL: this.base.href,
      timeout: options.timeoutMs ?? 15_000,
      maxRedirects: 0,
      validateStatus: () => true,
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${options.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'rampart',
      },
    });
  }

  get<T>(path: string, params?: Record<string, string | number>): Promise<T> {
    return this.send<T>('GET', path, undefined, params).then((r) => r.data);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body).then((r) => r.data);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body).then((r) => r.data);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body).then((r) => r.data);
  }

  /** A GET that answers null for 404 instead of throwing: "is it there?". */
  async find<T>(path: string, params?: Record<string, string | number>): Promise<T | null> {
    try {
      return await this.get<T>(path, params);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return null;
      throw error;
    }
  }

  /** Follows `Link: <…>; rel="next"` up to `maxPages`, and only ever to the API's own origin and path. */
  async paginate<T>(path: string, params: Record<string, string | number> = {}): Promise<Page<T>> {
    const items: T[] = [];
    let next: string | null = path;
    let query: Record<string, string | number> | undefined = { per_page: 100, ...params };
    for (let page = 0; page < this.maxPages && next !== null; page += 1) {
      const response: AxiosResponse<T[]> = await this.send<T[]>('GET', next, undefined, query);
      if (!Array.isArray(response.data))
        throw this.error('GET', next, response.status, 'answered with something other than a list');
      items.push(...response.data);
      next = this.nextLink(response.headers['link']);
      query = undefined; // the next link carries its own query
    }
    return { items, truncated: next !== null };
  }

  private nextLink(header: unknown): string | null {
    if (typeof header !== 'string') return null;
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(header);
    if (!match?.[1]) return null;
    const url = new URL(match[1], this.base);
    // The token goes wherever the link points: never follow one off the API.
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) {
      throw new HttpError(
        `GitHub API: refused to follow a pagination link to ${url.origin} (not ${this.base.origin})`,
        { method: 'GET', url: url.origin },
      );
    }
    return `${url.pathname.slice(this.base.pathname.length)}${url.search}`;
  }

  private async send<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    body?: unknown,
    params?: Record<string, string | number>,
  ): Promise<AxiosResponse<T>> {
    const relative = path.replace(/^\/+/, '');
    let response: AxiosResponse<T>;
    try {
      response = await this.http.request<T>({ method, url: relative, data: body, params });
    } catch (error) {
      // Not passed on as `cause`: axios errors carry the request headers, the token among them.
      const reason = error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
      throw this.error(method, relative, undefined, `failed: ${reason}`);
    }
    if (response.status >= 200 && response.status < 300) return response;
    const message = (response.data as { message?: unknown } | null)?.message;
    throw this.error(
      method,
      relative,
      response.status,
      `answered ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`,
    );
  }

  private error(method: string, relative: string, status: number | undefined, what: string): HttpError {
    const url = `${this.base.href}${relative.replace(/^\/+/, '')}`.replace(/\?.*$/, '');
    return new HttpError(redact(`GitHub API: ${method} ${url} ${what}`), {
      method,
      url,
      ...(status === undefined ? {} : { status }),
    });
  }
}
