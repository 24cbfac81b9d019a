import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { SYSTEM_ACTOR } from '../../apps/api/src/platform/auth/actor';
import { createApp } from '../../apps/api/src/app/bootstrap';
import { AppConfig, loadConfig } from '../../apps/api/src/platform/config/app-config';
import { SetupService } from '../../apps/api/src/features/users/setup.service';
import { EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  url: string;
  app: INestApplication;
  store: EventStore;
  dataDir: string;
  request<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  login(username: string, password: string): Promise<string>;
  /** Creates the first administrator as `npm run cli -- users:add` would, and logs in. */
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

export const ADMIN = { username: 'admin', displayName: 'Administrator', password: 'correct horse battery staple' };

/** The real app on a temp DATA_DIR, listening on a free port, spoken to over real HTTP. */
export async function startTestApp(
  env: Record<string, string> = {},
  providers: NonNullable<Parameters<typeof createApp>[1]>['providers'] = [],
  options: { dataDir?: string } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rop-e2e-'));
  const config: AppConfig = loadConfig({ DATA_DIR: dataDir, PORT: '0', SQLITE_SYNCHRONOUS: 'NORMAL', ...env });
  const app = await createApp(config, { providers, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let admin: string | undefined;

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: body as any };
  };

  const login = async (username: string, password: string) => {
    const res = await request('POST', '/api/v1/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };

  return {
    url,
    app,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    request,
    login,
    async adminToken() {
      if (!admin) {
        const commandId = randomUUID();
        await app.get(SetupService).createAdministrator(ADMIN, { actor: SYSTEM_ACTOR, commandId, correlationId: commandId });
        admin = await login(ADMIN.username, ADMIN.password);
      }
      return admin;
    },
    async close() {
      await app.close();
      // A data dir the caller passed in is the caller's to remove (e.g. to restart on it).
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The settings of an app instance on EventStoreDB. The secrets are required there and shared by every
 * instance on one log; these are made once per test process.
 */
export const ESDB_SHARED_SECRETS = { JWT_SECRET: randomBytes(24).toString('base64url'), CLAIM_KEY_SECRET: randomBytes(24).toString('base64url') };
export function esdbEnv(connectionString: string): Record<string, string> {
  return { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: connectionString, ...ESDB_SHARED_SECRETS };
}

/** The real app on EventStoreDB, here the gRPC test double; closing the app stops the server too. */
export async function startEsdbTestApp(env: Record<string, string> = {}): Promise<TestApp & { server: EsdbTestServer }> {
  const server = await startEsdbTestServer();
  const t = await startTestApp({ ...ESDB_SHARED_SECRETS, ...env, EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: server.connectionString });
  return {
    ...t,
    server,
    async close() {
      await t.close();
      await server.stop();
    },
  };
}
