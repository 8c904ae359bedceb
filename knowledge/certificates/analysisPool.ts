/**
 * Certificate analysis off the event loop: a small pool of worker threads with a time budget
 * per analysis. The bot analyses uploads through here, so no upload (a chain-building bomb,
 * 200 certificates with 16,384-bit keys) can keep /healthz or another conversation waiting.
 *
 * - Each job gets `budgetMs` for its signature checks (inside the analysis: no check starts
 *   after it, the report names what was not finished) and `budgetMs + graceMs` in all: then
 *   the worker is terminated and replaced, and the answer says the files were not analysed.
 * - At most `size` analyses run at once and `maxQueued` wait; beyond that the answer is "busy".
 * - Workers have a heap limit; one that dies answers "failed".
 * The promise never rejects: every outcome is a CertificateAnalysis (`stopped` set when the
 * analysis did not run to its end).
 */
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { localized } from './catalogue';
import type { AnalyseOptions } from './analyse';
import type { AnalysisJob } from './analysisWorker';
import { ANALYSIS_TIME_BUDGET_MS } from './limits';
import type { CertificateAnalysis, UploadedFile } from './types';

export interface AnalysisPoolOptions {
  /** Worker threads (default: available cores, at least 2, at most 4). */
  size?: number;
  /** Jobs that may wait for a worker (default 16). */
  maxQueued?: number;
  /** Budget of the signature checks of one analysis (default ANALYSIS_TIME_BUDGET_MS). */
  budgetMs?: number;
  /** Extra time before a running analysis is terminated (default 2 s). */
  graceMs?: number;
  /** Heap limit of one worker (default 256 MB). */
  maxHeapMb?: number;
}

interface Job {
  message: AnalysisJob;
  files: UploadedFile[];
  options: AnalyseOptions;
  resolve(analysis: CertificateAnalysis): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

const WORKER_FILE = path.join(__dirname, 'analysisWorker.js');

export function stoppedAnalysis(
  files: readonly UploadedFile[],
  options: AnalyseOptions,
  reason: NonNullable<CertificateAnalysis['stopped']>,
  budgetMs: number,
): CertificateAnalysis {
  const names = [...new Set(files.map((file) => file.name || 'upload'))].slice(0, 10).join(', ');
  const key = reason === 'time-budget' ? 'analysis.stoppedTime' : reason === 'busy' ? 'analysis.stoppedBusy' : 'analysis.stoppedFailed';
  return {
    certificates: [],
    chains: [],
    findings: [],
    fileIssues: [
      {
        fileName: files[0]?.name ?? '',
        kind: 'analysis-stopped',
        message: localized(key, { files: names, seconds: Math.round(budgetMs / 1000) }),
      },
    ],
    pairs: [],
    hostNames: options.hostNames ?? [],
    analysedAt: (options.now ?? new Date()).toISOString(),
    stopped: reason,
  };
}

export class CertificateAnalysisPool {
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly budgetMs: number;
  private readonly graceMs: number;
  private readonly maxHeapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: AnalysisPoolOptions = {}) {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    this.size = Math.max(1, options.size ?? Math.min(4, Math.max(2, cores)));
    this.maxQueued = options.maxQueued ?? 16;
    this.budgetMs = options.budgetMs ?? ANALYSIS_TIME_BUDGET_MS;
    this.graceMs = options.graceMs ?? 2000;
    this.maxHeapMb = options.maxHeapMb ?? 256;
  }

  analyse(files: UploadedFile[], options: AnalyseOptions = {}): Promise<CertificateAnalysis> {
    const workerFree = this.slots.some((slot) => !slot.job) || this.slots.length < this.size;
    if (this.closed || (!workerFree && this.queue.length >= this.maxQueued))
      return Promise.resolve(stoppedAnalysis(files, options, 'busy', this.budgetMs));
    return new Promise((resolve) => {
      const message: AnalysisJob = {
        id: this.nextId++,
        files: files.map((file) => ({ name: file.name, bytes: file.bytes, contentType: file.contentType })),
        hostNames: options.hostNames,
        now: options.now,
        trustStore: options.trustStore?.certificates(),
        maxSignatureChecks: options.maxSignatureChecks,
        timeBudgetMs: Math.min(options.timeBudgetMs ?? this.budgetMs, this.budgetMs),
      };
      this.queue.push({ message, files, options, resolve });
      this.dispatch();
    });
  }

  /** Terminates every worker; jobs still waiting are answered "busy". */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(stoppedAnalysis(job.files, job.options, 'busy', this.budgetMs));
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.job) slot.job.resolve(stoppedAnalysis(slot.job.files, slot.job.options, 'busy', this.budgetMs));
        slot.job = undefined;
        return slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.fail(slot, 'time-budget'), job.message.timeBudgetMs + this.graceMs);
      slot.worker.postMessage(job.message);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, stackSizeMb: 4 } });
    const slot: Slot = { worker };
    worker.unref();
    worker.on('message', (reply: { id: number; analysis?: CertificateAnalysis; error?: string }) => {
      const job = slot.job;
      if (!job || job.message.id !== reply.id) return;
      this.release(slot);
      job.resolve(reply.analysis ?? stoppedAnalysis(job.files, job.options, 'failed', this.budgetMs));
    });
    // A worker that dies (heap limit, crash) answers its job "failed" and is replaced on demand.
    worker.on('error', () => this.fail(slot, 'failed'));
    worker.on('exit', () => this.fail(slot, 'failed'));
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.worker.unref();
    this.dispatch();
  }

  /** Ends the slot's job with `reason`, removes the worker and starts the next job on a fresh one. */
  private fail(slot: Slot, reason: 'time-budget' | 'failed'): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    if (job) job.resolve(stoppedAnalysis(job.files, job.options, reason, this.budgetMs));
    if (!this.closed) this.dispatch();
  }
}

let sharedPool: CertificateAnalysisPool | undefined;

/**
 * analyseCertificateFiles in a worker thread of a shared pool, with the time budget. The result
 * is the same analysis; when the budget runs out, the pool is busy or the worker fails, it is an
 * analysis with `stopped` set and a message saying so.
 */
export function analyseCertificateFilesOffThread(files: UploadedFile[], options: AnalyseOptions = {}): Promise<CertificateAnalysis> {
  sharedPool ??= new CertificateAnalysisPool();
  return sharedPool.analyse(files, options);
}
