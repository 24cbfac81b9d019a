import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { createCliContext } from '../app/bootstrap';
import { verifyLog } from '../features/audit/log-verifier';
import { describeReport } from '../features/audit/verify-report';
import { latestSealExport } from '../features/audit/seals/seal-export';
import { parseExportedSeal } from '../features/audit/seals/seal';
import { SealingService } from '../features/audit/seals/sealing.service';
import { AppConfig } from '../platform/config/app-config';
import { ProgressBar } from './progress-bar';

/**
 * Verifies the log (or one stream). Prints the verdict and findings, or (--json) the whole report as
 * one JSON document on stdout; the progress bar goes to stderr either way. Exits 1 on any finding.
 */
export async function auditVerify(args: string[], config: AppConfig): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { against: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const stream = positionals[0];
  let trustedKeys = config.seal.trustedKeys;
  let against;
  if (values.against) {
    let exported: ReturnType<typeof parseExportedSeal>;
    try {
      exported = parseExportedSeal(JSON.parse(readFileSync(values.against, 'utf8')));
    } catch (error) {
      exported = { problem: (error as NodeJS.ErrnoException).code ? 'cannot be read' : 'is not JSON' };
    }
    if ('problem' in exported) {
      process.stderr.write(`--against ${values.against}: ${exported.problem}\n`);
      return 2;
    }
    against = exported.seal;
    if (!trustedKeys.some((k) => k.keyId === exported.key.keyId)) trustedKeys = [...trustedKeys, exported.key];
  }
  const app = await createCliContext(config);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const total = stream ? null : await countEvents(store);
    const bar = new ProgressBar();
    const started = Date.now();
    const report = await verifyLog(store, {
      stream,
      trustedKeys,
      against,
      onProgress: (events) => {
        const rate = events / Math.max(0.001, (Date.now() - started) / 1000);
        bar.update(events, total, rate, total ? (total - events) / Math.max(rate, 1) : null);
      },
    });
    if (values.json) {
      bar.finish(report.ok ? 'OK' : 'BROKEN');
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      bar.finish(describeReport(report).join('\n'));
    }
    return report.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}

export async function auditSeal(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({ args, options: { export: { type: 'boolean' } }, strict: true });
  const app = await createCliContext(config);
  try {
    if (values.export) {
      const result = await latestSealExport(app.get<EventStore>(EVENT_STORE), config.seal.trustedKeys, new Date());
      if (!result.ok) {
        process.stderr.write(`Not exported: ${result.detail}\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(result.exported, null, 2)}\n`);
      return 0;
    }
    const sealer = app.get(SealingService).sealer;
    if (!sealer) {
      process.stderr.write('No signing key: set SEAL_KEY_FILE (outside DATA_DIR) or SEAL_PRIVATE_KEY\n');
      return 2;
    }
    const seal = await sealer.sealNow();
    const last = sealer.status().lastSeal;
    process.stdout.write(
      seal
        ? `Sealed: seal ${seal.sequence} covers ${seal.events.toLocaleString('en')} events up to position ${seal.upTo} (key ${seal.keyId})\n`
        : `Nothing new to seal${last ? `: seal ${last.sequence} covers ${last.events.toLocaleString('en')} events up to position ${last.upTo}` : ''}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Not sealed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

/** The number of events in the log, for the progress bar: the head position on SQLite, else unknown. */
async function countEvents(store: EventStore): Promise<number | null> {
  for await (const last of store.readAll({ direction: 'backwards', maxCount: 1 }))
    return last.position.commit === last.position.prepare ? Number(last.position.commit) : null;
  return 0;
}
