import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ApiTags, DECORATORS, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC, REQUIRED_ACTION } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { describeProblems, OperationFacts } from './openapi-problems';
import { ProblemDetailsDto } from './problem-details.dto';

/**
 * The one list of tags: every operation has exactly one of them (test/api/openapi-lint.e2e-spec.ts
 * checks). The order is the order of the sections in /api/docs.
 */
export const API_TAGS = {
  auth: 'Logging in, and who is logged in',
  cases: 'A case from referral to closing: reading and searching cases, and every case command',
  people: 'The people the cases are about: registration, corrections, comments, their timeline, their export, forgetting',
  journal: 'Journal notes on cases, the shift handover and note search',
  facilities: 'Facilities and their occupancy',
  units: 'The units (flats) of a facility and their service state',
  'waiting-list': 'The waiting lists of the facilities',
  'work-queue': 'What waits for the caller: the team lead’s inbox and the case worker’s queue',
  dashboards: 'What supervisors act on: agreements near their end or limit, obligations with deadlines',
  reports: 'Outcome and returns reports over a period',
  audit: 'For auditors: the audit log, late entries, replays, the access log, verification and seals',
  users: 'User accounts and their roles, grant requests, and the first run',
  health: 'Liveness and readiness, for load balancers and orchestrators',
} as const;
export type ApiTag = keyof typeof API_TAGS;

/** The controller's tag, from API_TAGS. */
export const ApiTag = (tag: ApiTag) => ApiTags(tag);

/** Operations that answer without the event store or the key store, so never 503. */
const ALWAYS_ANSWERS = new Set(['healthLive']);

/**
 * What the document cannot see in the swagger decorators, read from the metadata the guard reads
 * (@Public, @Requires), so that security and 401/403 cannot disagree with what the server does.
 */
function routeFacts(app: INestApplication) {
  const controllers = new Map<string, Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) if (wrapper.metatype) controllers.set(wrapper.metatype.name, wrapper.metatype as Type);
  }
  const reflector = new Reflector();
  const facts = new Map<string, OperationFacts>();
  /** A readable operationId: the declared one, else `Controller_method` (the lint test refuses those). */
  const operationIdFactory = (controllerKey: string, methodKey: string) => {
    const controller = controllers.get(controllerKey);
    const handler = controller?.prototype[methodKey] as (() => unknown) | undefined;
    const declared = handler && (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined);
    const id = declared?.operationId ?? `${controllerKey}_${methodKey}`;
    if (controller && handler) {
      const targets = [handler, controller];
      facts.set(id, {
        public: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        requiredAction: reflector.getAllAndOverride<string | undefined>(REQUIRED_ACTION, targets),
        alwaysAnswers: ALWAYS_ANSWERS.has(id),
      });
    }
    return id;
  };
  return { facts, operationIdFactory };
}

/** The OpenAPI document, served at /api/openapi.json and used to check the UI's typed calls. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const { timeZone } = app.get<AppConfig>(APP_CONFIG);
  const builder = new DocumentBuilder()
    .setTitle('ROP housing API')
    .setDescription(
      'Case management for supported housing. Commands are POST endpoints that answer with the stream revision ' +
        '(send it back as If-Match) and the global log position (pass it as minPosition to read your own write). ' +
        'Send Idempotency-Key to make a retry safe. Errors are RFC 9457 problem+json. ' +
        `Dates (YYYY-MM-DD) are calendar days in the municipality's time zone, ${timeZone} (x-time-zone): ` +
        '"today" and every count of days or nights starts from the day there, never from the UTC date.',
    )
    .setVersion('1')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken from POST /api/v1/auth/login, or an OpenID Connect token' },
      'bearer',
    );
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const { facts, operationIdFactory } = routeFacts(app);
  const config = builder.build();
  // No licence is granted (package.json: UNLICENSED); a licence object needs a name, and no URL.
  config.info.license = { name: 'UNLICENSED' };
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory, extraModels: [ProblemDetailsDto], autoTagControllers: false });
  describeProblems(document, facts);
  return { ...document, info: { ...document.info, 'x-time-zone': timeZone } as OpenAPIObject['info'] };
}

/** Where Swagger UI is served (its CSP is in security-headers.ts). */
export const API_DOCS_PATH = '/api/docs';

/** The document at /api/openapi.json, and Swagger UI over it at /api/docs (its only copy of the document is that one). */
export function serveOpenApi(app: INestApplication): void {
  const document = buildOpenApi(app);
  app.getHttpAdapter().get('/api/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, document, {
    raw: false,
    customSiteTitle: 'ROP housing API',
    // No badge from an outside validator: the page talks to this server only.
    swaggerOptions: { validatorUrl: null },
  });
}
