import type { Feature } from "./model/organization.js";
import type { RegistryGateway } from "./ports/registry-gateway.js";
import type { Repositories, TransactionRunner } from "./ports/repositories.js";
import type { SecretCipher } from "./ports/secret-cipher.js";
import type { Clock, IdGenerator, TokenHasher } from "./ports/system.js";

/** Instance-wide rules the operator configures (read once by the app, passed down). */
export interface CoreSettings {
  /** Who may create organizations: instance admins only (default), or any authenticated token. */
  orgCreation: "admin" | "any";
  /** Plan features of a new organization (the bootstrap organization always gets every feature). */
  defaultFeatures: Feature[];
}

/** The settings when the operator sets none. */
export const DEFAULT_CORE_SETTINGS: CoreSettings = { orgCreation: "admin", defaultFeatures: [] };

/**
 * Everything the use cases need, passed explicitly (built once by each app's composition root).
 * The repositories outside `transaction` are for reads and single writes; a use case that writes
 * more than once (or audits a write) does so inside `transaction`.
 */
export interface CoreDeps extends Repositories, TransactionRunner {
  cipher: SecretCipher;
  clock: Clock;
  ids: IdGenerator;
  hasher: TokenHasher;
  settings: CoreSettings;
  /** Optional until the Scaleway adapter is wired: without it credentials are stored unverified. */
  registry?: RegistryGateway;
}

/**
 * `deps` with its repositories replaced by a transaction's, for code that runs inside `work`. A
 * nested `transaction` call joins the open one (it must not wait for itself).
 */
export function inTransaction(deps: CoreDeps, repos: Repositories): CoreDeps {
  return { ...deps, ...repos, transaction: (work) => work(repos) };
}

/** Runs `work` in one transaction with transaction-bound deps (see {@link inTransaction}). */
export function withTransaction<T>(deps: CoreDeps, work: (tx: CoreDeps) => Promise<T>): Promise<T> {
  return deps.transaction((repos) => work(inTransaction(deps, repos)));
}
