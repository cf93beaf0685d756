/**
 * Time limits of the registry client, with web standards only (timers, AbortController, a timer
 * around the body reader), so they hold on Workers too. A registry that stalls before its headers,
 * trickles a body, or never finishes a manifest ends in `upstream_unavailable` naming it.
 */
import { DomainError, isDomainError } from "@regscan/core";
import { redactUserinfo } from "./image-reference.js";

export interface RegistryTimeouts {
  /**
   * From sending a request until its response headers arrive. This includes connecting (DNS, TCP,
   * TLS): fetch does not expose the connection phase, so connect and header time share this bound.
   */
  headersMs: number;
  /**
   * Longest a response body may wait without delivering `MIN_PROGRESS_BYTES` (or ending): a body
   * that stalls, or trickles a few bytes at a time, fails. Time the consumer spends between reads
   * does not count.
   */
  idleMs: number;
  /**
   * Longest a small document (manifest, index, config, token response, error body) may take to
   * arrive whole once its headers are in.
   */
  documentMs: number;
}

export const DEFAULT_REGISTRY_TIMEOUTS: RegistryTimeouts = { headersMs: 30_000, idleMs: 30_000, documentMs: 60_000 };

/** Bytes a body must deliver per `idleMs` of waiting (a body that trickles slower fails). */
export const MIN_PROGRESS_BYTES = 16 * 1024;

export function registryTimeouts(partial?: Partial<RegistryTimeouts>): RegistryTimeouts {
  const t = { ...DEFAULT_REGISTRY_TIMEOUTS, ...partial };
  for (const [name, ms] of Object.entries(t)) {
    if (!Number.isFinite(ms) || ms <= 0) {
      throw new DomainError("validation_failed", `Registry timeout ${name} must be a positive number of milliseconds.`);
    }
  }
  return t;
}

/** "30 s", "1.5 s", "250 ms": for messages. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** The cause of a failed fetch or read, without URLs that may carry credentials. */
export function errorText(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const text = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : "network error");
  return redactUserinfo(text);
}

export interface WatchBodyOptions {
  timeouts: RegistryTimeouts;
  /** Whether the body is a small document that must arrive whole within `documentMs`. */
  document: boolean;
  /** Who is talking, for messages: "registry 127.0.0.1:5000 (manifest)". */
  label: string;
  /** The caller's signal: its abort passes through as is. */
  signal?: AbortSignal;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Passes `body` through, failing it with `upstream_unavailable` when it stalls (less than
 * `MIN_PROGRESS_BYTES` within `idleMs` of waiting), when a document takes longer than
 * `documentMs`, or when the connection breaks; the underlying body is then cancelled.
 */
export function watchBody(body: ReadableStream<Uint8Array>, o: WatchBodyOptions): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const deadline = o.document ? Date.now() + o.timeouts.documentMs : Number.POSITIVE_INFINITY;
  let windowBytes = 0;
  let windowWaited = 0;
  const stalled = () =>
    new DomainError(
      "upstream_unavailable",
      `${capitalized(o.label)} stalled: its response sent less than ${MIN_PROGRESS_BYTES / 1024} KiB in ${formatDuration(o.timeouts.idleMs)}; try again, or allow more time (regscan: --timeout).`,
    );
  const tooSlow = () =>
    new DomainError(
      "upstream_unavailable",
      `${capitalized(o.label)} did not send the whole response within ${formatDuration(o.timeouts.documentMs)}; try again, or allow more time (regscan: --timeout).`,
    );
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const started = Date.now();
        const idleLeft = o.timeouts.idleMs - windowWaited;
        const deadlineLeft = deadline - started;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), Math.max(0, Math.min(idleLeft, deadlineLeft)));
        });
        try {
          const result = await Promise.race([reader.read(), timeout]);
          if (result === "timeout") {
            const error = deadlineLeft <= idleLeft ? tooSlow() : stalled();
            await reader.cancel(error).catch(() => undefined); // the body is abandoned either way
            controller.error(error);
            return;
          }
          if (result.done) {
            controller.close();
            return;
          }
          windowWaited += Date.now() - started;
          windowBytes += result.value.byteLength;
          if (windowBytes >= MIN_PROGRESS_BYTES) {
            windowBytes = 0;
            windowWaited = 0;
          }
          controller.enqueue(result.value);
        } catch (e) {
          if (isDomainError(e) || o.signal?.aborted) {
            controller.error(e);
            return;
          }
          controller.error(
            new DomainError(
              "upstream_unavailable",
              `The response of ${o.label} broke off (${errorText(e)}); try again.`,
            ),
          );
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
