import { EventStore, RecordedEvent, StreamNotFoundError } from '@app/event-store';
import { checkSignature, exportSeal, ExportedSeal, parseSeal, SEAL_STREAM } from './seal';
import { TrustedKey } from '../../../platform/crypto/seal-keys';

export type LatestSealExport =
  | { readonly ok: true; readonly exported: ExportedSeal }
  | { readonly ok: false; readonly problem: 'no_seal' | 'no_trusted_key' | 'not_verified'; readonly detail: string };

/**
 * The latest seal with the public key that signed it, for an auditor to keep outside the system. Only a
 * seal that verifies with a trusted key (from configuration, never from DATA_DIR) is exported, with
 * that key: a seal forged in the log cannot be laundered into an auditor's file.
 */
export async function latestSealExport(store: EventStore, trusted: readonly TrustedKey[], now: Date): Promise<LatestSealExport> {
  let latest: RecordedEvent | undefined;
  try {
    for await (const e of store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 })) latest = e;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  const seal = latest && parseSeal(latest.data);
  if (!seal) return { ok: false, problem: 'no_seal', detail: latest ? 'The latest event of the seal stream is not a seal' : 'The log holds no seal yet' };
  const key = trusted.find((k) => k.keyId === seal.keyId);
  if (!key)
    return {
      ok: false,
      problem: 'no_trusted_key',
      detail: `The latest seal is signed by key ${seal.keyId}, which is not configured here (SEAL_KEY_FILE, SEAL_PRIVATE_KEY or SEAL_PUBLIC_KEY_FILE)`,
    };
  if (checkSignature(seal, [key]) !== 'ok')
    return { ok: false, problem: 'not_verified', detail: 'The latest seal does not verify with its key: run audit:verify' };
  return { ok: true, exported: exportSeal(seal, key, now) };
}
