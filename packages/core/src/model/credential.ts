export const REGIONS = ["fr-par", "nl-ams", "pl-waw"] as const;
export type Region = (typeof REGIONS)[number];

export const CREDENTIAL_STATUSES = ["unverified", "active", "invalid"] as const;
/** `unverified`: stored without a check; `active`: last check passed; `invalid`: last check failed. */
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export type Provider = "scaleway";

/** A registry credential as everyone may see it: no part of the secret. */
export interface RegistryCredential {
  id: string;
  orgId: string;
  provider: Provider;
  scalewayProjectId: string;
  region: Region;
  namespace: string;
  description: string | null;
  status: CredentialStatus;
  createdAt: Date;
  /** Token id of the creator. */
  createdBy: string;
  updatedAt: Date;
  lastVerifiedAt: Date | null;
}

/** The opaque envelope produced by a SecretCipher (key id + IV + ciphertext). */
export type EncryptedSecret = string;

/** What the repository stores: the public view plus the encrypted secret. */
export interface StoredCredential extends RegistryCredential {
  encryptedSecret: EncryptedSecret;
}

/**
 * A credential with its decrypted secret, handed only to the adapter that calls Scaleway.
 * Never serialised, never logged.
 */
export interface UsableCredential extends RegistryCredential {
  secretKey: string;
}
