/**
 * The few Workers runtime types regscan uses, declared structurally (the project's TypeScript
 * setup is DOM + Node; @cloudflare/workers-types would replace those globals). The workerd tests
 * exercise each of them against the real runtime.
 */

/** A Queue producer binding (`queues.producers` in wrangler.jsonc). */
export interface QueueProducer<Body> {
  send(body: Body, options?: { delaySeconds?: number }): Promise<void>;
}

/** One message of a consumer batch. */
export interface QueueMessage<Body = unknown> {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: Body;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** What the `queue` handler receives. */
export interface QueueBatch<Body = unknown> {
  readonly queue: string;
  readonly messages: readonly QueueMessage<Body>[];
  ackAll(): void;
  retryAll(options?: { delaySeconds?: number }): void;
}

/** An R2 bucket binding, as far as the layer cache uses it. */
export interface R2BucketBinding {
  head(key: string): Promise<{ size: number } | null>;
  get(key: string): Promise<{ size: number; arrayBuffer(): Promise<ArrayBuffer> } | null>;
  put(key: string, value: Uint8Array | ArrayBuffer): Promise<unknown>;
}

/** The rate-limiting binding (`ratelimits` in wrangler.jsonc). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The handlers' execution context (what Hono's `c.executionCtx` is). */
export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props: unknown;
}

/** What the `scheduled` handler receives. */
export interface ScheduledControllerLike {
  readonly scheduledTime: number;
  readonly cron: string;
}
