import { Finding, VerificationReport } from './log-verifier';

const n = (value: number) => value.toLocaleString('en');

/** The lines `audit:verify` prints: the verdict, each finding, and what the seals cover. */
export function describeReport(report: VerificationReport): string[] {
  const scope = `${n(report.events)} events in ${n(report.streams)} streams verified in ${report.seconds.toFixed(2)} s (${n(report.eventsPerSecond)} events/s)`;
  const lines = [report.ok ? `OK: ${scope}` : `BROKEN: ${n(report.findings.length + report.findingsOmitted)} finding(s); ${scope}`];
  for (const finding of report.findings) lines.push(`  ${describeFinding(finding)}`);
  if (report.findingsOmitted > 0) lines.push(`  … and ${n(report.findingsOmitted)} more`);
  lines.push(describeSeals(report));
  return lines;
}

export function describeFinding(f: Finding): string {
  const where = [
    f.stream && `in ${f.stream}`,
    f.revision !== undefined && `at revision ${f.revision}`,
    f.position !== undefined && `(position ${f.position})`,
    f.seal !== undefined && `[seal ${f.seal}]`,
  ]
    .filter(Boolean)
    .join(' ');
  return `${f.kind}${where ? ` ${where}` : ''}: ${f.detail}`;
}

function describeSeals(report: VerificationReport): string {
  const s = report.seals;
  const latest = s.latest
    ? `the latest, seal ${s.latest.sequence}, covers ${n(s.latest.events)} events up to position ${s.latest.upTo} (sealed ${s.latest.sealedAt}, key ${s.latest.keyId})`
    : '';
  const since = s.eventsAfterLatest !== undefined ? `; ${n(s.eventsAfterLatest)} event(s) since, not sealed yet` : '';
  const against = s.against ? `; the exported seal ${s.against.sequence} is ${s.against.found ? 'in the log' : 'NOT in the log'}` : '';
  const scope = s.scope === 'stream' ? ' (one stream: its heads in the seals are compared, not the running hash of the log)' : '';
  switch (s.status) {
    case 'not_configured':
      return 'Seals: NONE. Sealing is not configured (no SEAL_KEY_FILE or SEAL_PRIVATE_KEY): a deleted tail, a deleted stream or a rewrite with recomputed hashes cannot be detected.';
    case 'none':
      return `Seals: none in the log yet${since}.`;
    case 'unverifiable':
      return `Seals: ${n(s.count)} in the log, NOT checked: no public key is configured (SEAL_KEY_FILE, SEAL_PRIVATE_KEY, SEAL_PUBLIC_KEY_FILE) or given (--against).`;
    case 'broken':
      return `Seals: ${n(s.count)} in the log, BROKEN (see the findings)${latest ? `; ${latest}` : ''}${against}${scope}.`;
    case 'verified':
      return `Seals: ${n(s.count)} verified; ${latest}${since}${against}${scope}.`;
  }
}
