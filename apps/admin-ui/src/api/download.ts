import { ApiError, authorizedFetch, withQuery, type Query } from './client';
import type { Problem } from './types';

export interface DownloadProgress {
  received: number;
  /** From Content-Length; null when the server streams without one. */
  total: number | null;
}

/**
 * Fetches a file with the bearer token (a plain link would not send it) and saves it through a Blob
 * URL under the server's file name (Content-Disposition) or `fallbackName`. Reports bytes as they come.
 */
export async function downloadWithToken(path: string, query: Query, fallbackName: string, onProgress: (p: DownloadProgress) => void): Promise<string> {
  const res = await authorizedFetch(withQuery(path, query));
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as Problem | null;
    throw new ApiError(res.status, problem ?? { type: 'about:blank', title: res.statusText, status: res.status });
  }
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total });
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress({ received, total });
    }
  }
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  const name = fileName(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the browser has taken the file; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

function fileName(disposition: string | null): string | null {
  const match = disposition?.match(/filename="?([^";]+)"?/);
  return match ? match[1] : null;
}
