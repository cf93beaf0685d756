/**
 * The in-process scan runner of the Node entry: up to `concurrency` scans at once, claimed from the
 * durable job table with a lease (so several API processes on one database share the work and
 * never run a job twice). It wakes when a scan is queued and polls for retries that come due and
 * for jobs whose runner died. `stop()` stops claiming and gives running jobs back to the queue.
 */
import { claimNextScan, runScan, type ScanDeps } from "@regscan/core";
import type { Logger } from "../http/logger.js";

export interface ScanRunnerOptions {
  /** Identifies this process's leases (`<host>:<pid>:<random>`). */
  owner: string;
  /** Scans running at once in this process (`REGSCAN_SCAN_CONCURRENCY`). */
  concurrency: number;
  /** How often to look for due retries and expired leases. */
  pollMs?: number;
  logger: Logger;
}

export interface ScanRunner {
  start(): void;
  /** Looks for claimable jobs now (called when a scan is queued). */
  wake(): void;
  /** Scans running in this process. */
  readonly running: number;
  /** Stops claiming, releases running jobs to the queue and waits until they are given back. */
  stop(): Promise<void>;
}

export function createScanRunner(deps: ScanDeps, options: ScanRunnerOptions): ScanRunner {
  const shutdown = new AbortController();
  const active = new Set<Promise<void>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let filling: Promise<void> | null = null;
  let again = false;

  const runOne = (job: NonNullable<Awaited<ReturnType<typeof claimNextScan>>>) => {
    const task = runScan(deps, job, { owner: options.owner, shutdown: shutdown.signal })
      .then((result) => {
        if (result.unexpected !== undefined) {
          options.logger.error("scan stopped by an unexpected error", {
            scanId: job.id,
            error: describe(result.unexpected),
          });
        }
        options.logger.info("scan run ended", { scanId: job.id, outcome: result.outcome, attempt: job.attempts });
      })
      .catch((error: unknown) => {
        // The database failed while recording the end of the run: the lease expires and the job is
        // claimed again. Logged, never swallowed.
        options.logger.error("scan run could not be recorded", { scanId: job.id, error: describe(error) });
      })
      .finally(() => {
        active.delete(task);
        if (!shutdown.signal.aborted) wake();
      });
    active.add(task);
  };

  async function fill(): Promise<void> {
    do {
      again = false;
      while (!shutdown.signal.aborted && active.size < options.concurrency) {
        const job = await claimNextScan(deps, options.owner);
        if (!job) break;
        runOne(job);
      }
    } while (again && !shutdown.signal.aborted);
  }

  function wake(): void {
    if (shutdown.signal.aborted) return;
    if (filling) {
      again = true;
      return;
    }
    filling = fill()
      .catch((error: unknown) => {
        options.logger.error("claiming scan jobs failed", { error: describe(error) });
      })
      .finally(() => {
        filling = null;
      });
  }

  return {
    start() {
      timer ??= setInterval(wake, options.pollMs ?? 1000);
      wake();
    },
    wake,
    get running() {
      return active.size;
    },
    async stop() {
      if (timer) clearInterval(timer);
      shutdown.abort();
      await filling;
      await Promise.allSettled([...active]);
    },
  };
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
  }
  return { value: String(error) };
}
