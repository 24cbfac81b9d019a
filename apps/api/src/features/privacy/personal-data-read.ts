import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { from, mergeMap, Observable } from 'rxjs';
import { AccessView, MAX_ACCESS_PURPOSE_LENGTH } from '@app/domain';
import { AccessDecision, AccessLogService } from './access-log.service';

const VIEW = 'privacy:personal-data-view';
export const ACCESS_PURPOSE_HEADER = 'x-access-purpose';

/**
 * Marks a route that shows a person's personal data. Every such read is recorded in the person's
 * access log (the OpenAPI document carries `x-personal-data`, which a test uses to check them all).
 */
export const PersonalDataRead = (view: AccessView) =>
  applyDecorators(
    SetMetadata(VIEW, view),
    ApiExtension('x-personal-data', view),
    ApiHeader({
      name: 'X-Access-Purpose',
      required: false,
      description: 'Why you read this file; required outside your own facilities (the read is then flagged for review)',
    }),
  );

/**
 * The purpose stated in X-Access-Purpose, refused (400, naming the limit) when longer than the access
 * log keeps: it was stored verbatim at any length. The purpose itself is never repeated in the answer.
 */
export function accessPurposeOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers[ACCESS_PURPOSE_HEADER];
  const purpose = Array.isArray(value) ? value.join(', ') : value;
  if (purpose !== undefined && purpose.trim().length > MAX_ACCESS_PURPOSE_LENGTH) {
    throw new BadRequestException({
      error: 'Access purpose too long',
      message: `X-Access-Purpose has at most ${MAX_ACCESS_PURPOSE_LENGTH} characters`,
      rule: 'access.purpose_too_long',
      field: 'X-Access-Purpose',
      details: { max: MAX_ACCESS_PURPOSE_LENGTH },
    });
  }
  return purpose;
}

/**
 * Marks a route that writes about a person (AccessLogService.decideWrite): outside the person's
 * facilities it needs X-Access-Purpose, and the write is then flagged in their access log.
 */
export const PersonalDataWrite = () =>
  ApiHeader({
    name: 'X-Access-Purpose',
    required: false,
    description: 'Why you change this file; required outside your own facilities (the change is then flagged for review)',
  });

/**
 * What a personal-data route calls once it knows the file's facilities: allowed (maybe flagged) or
 * 403. The answer says which facilities' cases the route may show.
 */
export interface FileAccess {
  /** `personId`: whose file it is, for answers that cannot say so themselves (a letter as HTML or PDF). */
  allow(facilityIds: readonly string[], personId?: string): AccessDecision;
}

export const FileAccessParam = createParamDecorator((_: unknown, ctx: ExecutionContext): FileAccess => ctx.switchToHttp().getRequest().fileAccess);

/**
 * Records each read of personal data after the route has decided access and produced its answer, and
 * before the answer is sent: a read that cannot be recorded does not happen.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessLogService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest();
    // Checked on every route that gets one, not only the reads that use it.
    const purpose = accessPurposeOf(request.headers);
    const view = this.reflector.get<AccessView | undefined>(VIEW, context.getHandler());
    if (!view) return next.handle();
    let decision: AccessDecision | undefined;
    let whose: string | undefined;
    request.fileAccess = {
      allow: (facilityIds: readonly string[], personId?: string) => {
        whose = personId;
        return (decision = this.access.decide(request.actor, facilityIds, purpose));
      },
    } satisfies FileAccess;
    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(
          (async () => {
            if (!decision) throw new Error(`The ${view} route answered without deciding access`);
            // Whose file it was: the answer names it (a case names its person), else the route does.
            const named = body as { personId?: string; caseId?: string } | undefined;
            const personId = named?.personId ?? whose ?? request.params.personId;
            const caseId = named?.caseId ?? request.params.caseId;
            await this.access.record(request.actor, { personId, caseId, view }, decision);
            return body;
          })(),
        ),
      ),
    );
  }
}
