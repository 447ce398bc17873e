import { ConfigError } from '../errors';
import { registerSecret } from '../log/redact';

type Env = Readonly<Record<string, string | undefined>>;

export interface GitHubEnv {
  apiUrl: string;
  token: string;
  repository: string;
  /** `GITHUB_EVENT_PATH`, when Actions provides it. */
  eventPath: string | null;
  /** `GITHUB_SERVER_URL`, for links to the run. @default https://github.com */
  serverUrl: string;
  /** `GITHUB_RUN_ID`, when running in Actions. */
  runId: string | null;
}

/** What Actions provides to a job, checked: a missing or malformed variable is a ConfigError naming it. */
export function readGitHubEnv(env: Env = process.env): GitHubEnv {
  const token = required(env, 'GITHUB_TOKEN');
  registerSecret(token);
  const apiUrl = (env['GITHUB_API_URL']?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    throw new ConfigError('GITHUB_API_URL must be an http(s) URL (environment variable GITHUB_API_URL)', {
      variable: 'GITHUB_API_URL',
    });
  }
  const parsedApiUrl = new URL(apiUrl);
  if (parsedApiUrl.username !== '' || parsedApiUrl.password !== '') {
    const why = 'must not contain a user name or password; the token goes in GITHUB_TOKEN';
    throw new ConfigError(`GITHUB_API_URL ${why} (environment variable GITHUB_API_URL)`, {
      variable: 'GITHUB_API_URL',
    });
  }
  const repository = required(env, 'GITHUB_REPOSITORY');
  parseRepository(repository);
  return {
    apiUrl,
    token,
    repository,
    eventPath: env['GITHUB_EVENT_PATH']?.trim() || null,
    serverUrl: (env['GITHUB_SERVER_URL']?.trim() || 'https://github.com').replace(/\/+$/, ''),
    runId: env['GITHUB_RUN_ID']?.trim() || null,
  };
}

function required(env: Env, variable: string): string {
  const value = env[variable]?.trim();
  if (!value)
    throw new ConfigError(`${variable} is not set (environment variable ${variable}; GitHub Actions provides it)`, {
      variable,
    });
  return value;
}

export function parseRepository(repository: string): { owner: string; name: string } {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository.trim());
  if (!match?.[1] || !match[2]) {
    throw new ConfigError(
      `GITHUB_REPOSITORY must look like owner/name, got "${repository}" (environment variable GITHUB_REPOSITORY)`,
      {
        variable: 'GITHUB_REPOSITORY',
      },
    );
  }
  return { owner: match[1], name: match[2] };
}
