import { isDomainError } from "../errors/domain-error.js";
import type { ScanJob, ScanProgress } from "../model/scan.js";
import type { ScanDeps } from "./scan-deps.js";

/** Why a running scan was told to stop. */
export type StopReason = "cancel" | "lost" | "shutdown" | "timeout";

/**
 * Keeps a claimed job's lease alive while it runs: a heartbeat every `intervalMs` (and at each
 * phase change) records the latest progress and extends the lease. The heartbeat's answer stops
 * the run: a cancel request, or a lease another runner took over. Heartbeats that keep failing
 * (the database is unreachable) for two thirds of the lease also stop it, before the lease can
 * expire under a scan that still runs.
 */
export class ScanLease {
  readonly signal: AbortSignal;
  #reason: StopReason | null = null;
  /** A heartbeat failure that was not a DomainError (a bug): the run stops and reports it. */
  unexpected: unknown = undefined;
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #deadline: ReturnType<typeof setTimeout>;
  #progress: ScanProgress;
  #digest: string | null;
  #lastHeld: number;
  #beating: Promise<void> = Promise.resolve();
  readonly #onShutdown = () => this.stop("shutdown");

  constructor(
    private readonly deps: Pick<ScanDeps, "scans" | "clock" | "scanPolicy">,
    private readonly job: ScanJob,
    private readonly owner: string,
    intervalMs: number,
    private readonly shutdown?: AbortSignal,
  ) {
    this.signal = this.#controller.signal;
    this.#progress = job.progress;
    this.#digest = job.digest;
    this.#lastHeld = deps.clock.now().getTime();
    this.#timer = setInterval(() => this.beat(), intervalMs);
    // A run that outlives its time limit stops, whatever it is waiting for (a registry that
    // trickles bytes just fast enough to pass every idle timeout still ends).
    this.#deadline = setTimeout(() => this.stop("timeout"), deps.scanPolicy.maxRunMs);
    if (shutdown?.aborted) this.stop("shutdown");
    else shutdown?.addEventListener("abort", this.#onShutdown, { once: true });
  }

  get reason(): StopReason | null {
    return this.#reason;
  }

  get progress(): ScanProgress {
    return this.#progress;
  }

  get digest(): string | null {
    return this.#digest;
  }

  /** Records progress; a new phase is sent at once, the rest with the next heartbeat. */
  update(progress: ScanProgress, digest?: string | null): void {
    const phaseChanged = progress.phase !== this.#progress.phase;
    this.#progress = progress;
    if (digest !== undefined) this.#digest = digest;
    if (phaseChanged) this.beat();
  }

  stop(reason: StopReason): void {
    if (this.#reason !== null) return;
    this.#reason = reason;
    this.#controller.abort(new ScanStopped(reason));
  }

  /** Stops the heartbeats and waits for one in flight. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    clearTimeout(this.#deadline);
    this.shutdown?.removeEventListener("abort", this.#onShutdown);
    await this.#beating;
  }

  private beat(): void {
    this.#beating = this.#beating.then(() => this.#heartbeat());
  }

  async #heartbeat(): Promise<void> {
    if (this.#reason !== null) return;
    const now = this.deps.clock.now().getTime();
    try {
      const answer = await this.deps.scans.heartbeat(this.job.id, this.owner, {
        progress: this.#progress,
        digest: this.#digest,
        leaseUntil: new Date(now + this.deps.scanPolicy.leaseMs),
      });
      if (!answer.held) this.stop("lost");
      else if (answer.cancelRequested) this.stop("cancel");
      else this.#lastHeld = now;
    } catch (error) {
      if (!isDomainError(error)) {
        this.unexpected = error;
        this.stop("lost");
        return;
      }
      // The database did not answer this heartbeat (a DomainError from the storage adapter, e.g.
      // while it is briefly locked); the lease still runs. Stop before it can expire under us, so
      // no second runner overlaps.
      if (now - this.#lastHeld > (this.deps.scanPolicy.leaseMs * 2) / 3) this.stop("lost");
    }
  }
}

/** The abort reason of a scan stopped by its lease (never shown to users). */
export class ScanStopped extends Error {
  override readonly name = "ScanStopped";
  constructor(readonly reason: StopReason) {
    super(`scan stopped: ${reason}`);
  }
}
