/**
 * Worker-thread entry of the certificate analysis (see analysisPool.ts): receives one job at a
 * time, runs analyseCertificateFiles and posts the result back. The worker's own event loop
 * carries the CPU work, so the bot's host keeps answering while a hostile upload is analysed.
 */
import { parentPort } from 'worker_threads';
import { analyseCertificateFiles } from './analyse';
import { TrustStore } from './trustStore';
import type { UploadedFile } from './types';

export interface AnalysisJob {
  id: number;
  files: UploadedFile[];
  hostNames?: string[];
  now?: Date;
  /** DER certificates of a custom trust store; default the public roots. */
  trustStore?: Uint8Array[];
  maxSignatureChecks?: number;
  timeBudgetMs: number;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: AnalysisJob) => {
    analyseCertificateFiles(job.files, {
      hostNames: job.hostNames,
      now: job.now,
      trustStore: job.trustStore ? TrustStore.fromCertificates(job.trustStore) : undefined,
      maxSignatureChecks: job.maxSignatureChecks,
      timeBudgetMs: job.timeBudgetMs,
    }).then(
      (analysis) => port.postMessage({ id: job.id, analysis }),
      (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? error.name : 'Error' }),
    );
  });
}
