import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** The OpenAPI document, served at /api/openapi.json and used to check the UI's typed calls. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const { timeZone } = app.get<AppConfig>(APP_CONFIG);
  const config = new DocumentBuilder()
    .setTitle('ROP housing API')
    .setDescription(
      'Case management for supported housing. Commands are POST endpoints that answer with the stream revision ' +
        '(send it back as If-Match) and the global log position (pass it as minPosition to read your own write). ' +
        'Send Idempotency-Key to make a retry safe. Errors are RFC 9457 problem+json. ' +
        `Dates (YYYY-MM-DD) are calendar days in the municipality's time zone, ${timeZone} (x-time-zone): ` +
        '"today" and every count of days or nights starts from the day there, never from the UTC date.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return { ...document, info: { ...document.info, 'x-time-zone': timeZone } as OpenAPIObject['info'] };
}

export function serveOpenApi(app: INestApplication): void {
  const document = buildOpenApi(app);
  app.getHttpAdapter().get('/api/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
}
