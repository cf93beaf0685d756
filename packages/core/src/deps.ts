import type { RegistryGateway } from "./ports/registry-gateway.js";
import type { AuditLog, CredentialRepository, OrgRepository, TokenRepository } from "./ports/repositories.js";
import type { SecretCipher } from "./ports/secret-cipher.js";
import type { Clock, IdGenerator, TokenHasher } from "./ports/system.js";

/** Everything the use cases need, passed explicitly (built once by each app's composition root). */
export interface CoreDeps {
  orgs: OrgRepository;
  tokens: TokenRepository;
  credentials: CredentialRepository;
  audit: AuditLog;
  cipher: SecretCipher;
  clock: Clock;
  ids: IdGenerator;
  hasher: TokenHasher;
  /** Optional until the Scaleway adapter is wired: without it credentials are stored unverified. */
  registry?: RegistryGateway;
}
