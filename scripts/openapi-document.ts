import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createApp } from '../apps/api/src/app/bootstrap';
import { loadConfig } from '../apps/api/src/platform/config/app-config';
import { buildOpenApi } from '../apps/api/src/platform/http/openapi';

/**
 * The OpenAPI document the API serves at /api/openapi.json, built without listening: the app is made on
 * a throwaway DATA_DIR (nothing is started, nothing written there but the empty stores) and closed.
 */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rop-openapi-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), { logger: false });
  try {
    return buildOpenApi(app);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void openApiDocument().then((doc) => process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`));
}
