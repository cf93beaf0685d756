/**
 * The part of `cloudflare:test` (@cloudflare/vitest-pool-workers) these tests use, typed
 * structurally like src/worker/cloudflare-bindings.ts (the pool's own declarations need
 * @cloudflare/workers-types, which would replace the DOM and Node globals of this project).
 */
declare module "cloudflare:test" {
  interface Self {
    fetch(input: string | Request, init?: RequestInit): Promise<Response>;
  }
  export const SELF: Self;
  export const env: Record<string, unknown>;
  export function createExecutionContext(): {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
    props: unknown;
  };
  export function waitOnExecutionContext(ctx: unknown): Promise<void>;
}
