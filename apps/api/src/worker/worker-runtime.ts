/**
 * What one Worker isolate serves from: the configuration parsed once from the bindings, the
 * dependencies built once, the schema checked, the empty database bootstrapped. Failures become a
 * problem every request answers: a bad setting 500 (until the next deploy), missing migrations or
 * an unreachable database 503 (checked again by the next request, so the Worker recovers by
 * itself once the migrations are applied).
 */
import { bootstrap, DomainError, isDomainError } from "@regscan/core";
import { createDatabase, pendingMigrations } from "@regscan/storage";
import { type App, createApp } from "../app.js";
import { buildWorkerDeps, openWorkerDatabase } from "../build-worker-deps.js";
import type { Config } from "../config.js";
import type { AppDeps } from "../deps.js";
import { createJsonLogger, type Logger } from "../http/logger.js";
import { type WorkerEnv, workerConfig } from "./worker-env.js";

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export interface Prepared {
  config: Config;
  deps: AppDeps;
}

const MIGRATE_HINT =
  "run `pnpm --filter @regscan/api migrate` with REGSCAN_DB_URL and REGSCAN_DB_AUTH_TOKEN of this database (the README's Deploy to Cloudflare)";

export class WorkerRuntime {
  readonly logger: Logger = createJsonLogger();
  #config: Outcome<Config> | undefined;
  #prepared: Promise<Outcome<Prepared>> | undefined;
  #served: Promise<Outcome<{ prepared: Prepared; app: App }>> | undefined;

  constructor(private readonly env: WorkerEnv) {}

  /** The configuration, dependencies and a migrated schema (what the queue and Cron handlers need). */
  prepare(): Promise<Outcome<Prepared>> {
    this.#prepared ??= this.#prepare().then((outcome) => {
      // Only the configuration's verdict is final; database problems are looked at again.
      if (!outcome.ok && outcome.error.code !== "internal") this.#prepared = undefined;
      return outcome;
    });
    return this.#prepared;
  }

  /** What the fetch handler needs on top: the HTTP app, and a bootstrapped database. */
  serve(): Promise<Outcome<{ prepared: Prepared; app: App }>> {
    this.#served ??= this.#serve().then((outcome) => {
      if (!outcome.ok && outcome.error.code !== "internal") this.#served = undefined;
      return outcome;
    });
    return this.#served;
  }

  async #prepare(): Promise<Outcome<Prepared>> {
    this.#config ??= attempt(() => workerConfig(this.env));
    if (!this.#config.ok) return this.#config;
    const config = this.#config.value;
    const client = openWorkerDatabase(config);
    try {
      const pending = await pendingMigrations(createDatabase(client));
      if (pending.length > 0) {
        client.close();
        return failed(
          new DomainError(
            "service_unavailable",
            `The database lacks ${pending.length} migration(s) of this version (${pending.join(", ")}): ${MIGRATE_HINT}. The Worker never migrates by itself.`,
            { pendingMigrations: pending },
          ),
        );
      }
    } catch (error) {
      client.close();
      this.logger.error("the database cannot be read", { error: describeError(error) });
      return failed(unreachable(error));
    }
    try {
      const deps = await buildWorkerDeps(config, this.env as Parameters<typeof buildWorkerDeps>[1], {
        client,
        logger: this.logger,
      });
      return { ok: true, value: { config, deps } };
    } catch (error) {
      client.close();
      this.logger.error("the Worker's dependencies could not be built", { error: describeError(error) });
      return failed(isDomainError(error) ? error : unreachable(error));
    }
  }

  async #serve(): Promise<Outcome<{ prepared: Prepared; app: App }>> {
    const prepared = await this.prepare();
    if (!prepared.ok) return prepared;
    const { config, deps } = prepared.value;
    try {
      if (config.REGSCAN_BOOTSTRAP_TOKEN) {
        const boot = await bootstrap(deps.core, { tokenValue: config.REGSCAN_BOOTSTRAP_TOKEN }).catch(
          async (error: unknown) => {
            // Two isolates bootstrapping one empty database at once: the second one's insert
            // conflicts, and the organization exists by then.
            if (isDomainError(error) && error.code === "conflict" && (await deps.core.orgs.countOrgs()) > 0) {
              return { created: false };
            }
            throw error;
          },
        );
        if (boot.created) this.logger.info("bootstrapped an empty database: organization and project `default`");
      } else if ((await deps.core.orgs.countOrgs()) === 0) {
        return failed(
          new DomainError(
            "service_unavailable",
            "The database has no organization yet and REGSCAN_BOOTSTRAP_TOKEN is not set: run `wrangler secret put REGSCAN_BOOTSTRAP_TOKEN` (at least 16 characters); the Worker then creates the organization `default` with that owner token.",
          ),
        );
      }
    } catch (error) {
      this.logger.error("bootstrap failed", { error: describeError(error) });
      return failed(isDomainError(error) && error.code !== "internal" ? error : unreachable(error));
    }
    return { ok: true, value: { prepared: prepared.value, app: createApp(deps) } };
  }
}

/** Runtimes of the binding sets seen by this isolate (one in production), newest last. */
const runtimes = new Map<string, WorkerRuntime>();
const MAX_RUNTIMES = 4;
const bindingIds = new WeakMap<object, number>();
let nextBindingId = 0;

/**
 * The isolate's runtime for these bindings. Workers hand every request of an isolate the same
 * bindings; another set (a test, a new deploy in the same isolate) gets a runtime of its own.
 */
export function workerRuntime(env: WorkerEnv): WorkerRuntime {
  const fingerprint = fingerprintOf(env);
  let runtime = runtimes.get(fingerprint);
  if (!runtime) {
    runtime = new WorkerRuntime(env);
    runtimes.set(fingerprint, runtime);
    for (const old of runtimes.keys()) if (runtimes.size > MAX_RUNTIMES) runtimes.delete(old);
  }
  return runtime;
}

/** The settings' values and the bindings' identities. */
function fingerprintOf(env: WorkerEnv): string {
  const identity = (value: unknown) => {
    if (typeof value === "string") return value;
    if (typeof value !== "object" || value === null) return typeof value;
    let id = bindingIds.get(value);
    if (id === undefined) {
      id = nextBindingId++;
      bindingIds.set(value, id);
    }
    return `#${id}`;
  };
  return JSON.stringify(
    Object.entries(env)
      .map(([name, value]) => [name, identity(value)])
      .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
  );
}

function attempt<T>(work: () => T): Outcome<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (isDomainError(error)) return failed(error);
    throw error;
  }
}

function failed(error: DomainError): { ok: false; error: DomainError } {
  return { ok: false, error };
}

function unreachable(error: unknown): DomainError {
  const code = (error as { code?: unknown }).code;
  return new DomainError(
    "service_unavailable",
    `The database at REGSCAN_DB_URL cannot be used${typeof code === "string" ? ` (${code})` : ""}: check REGSCAN_DB_URL and REGSCAN_DB_AUTH_TOKEN, and that the database is up. Retry later.`,
    typeof code === "string" ? { databaseCode: code } : undefined,
  );
}

export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
  }
  return { value: String(error) };
}
