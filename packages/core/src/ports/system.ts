/** The current time. Tests use a fixed clock. */
export interface Clock {
  now(): Date;
}

/** New unique ids. Tests use sequential ids. */
export interface IdGenerator {
  next(): string;
}

/** Cryptographic randomness and hashing for tokens (Web Crypto in production). */
export interface TokenHasher {
  /** A new random token value, e.g. `rgs_<base64url>`. */
  generate(): string;
  /** Lowercase hex SHA-256 of the value. */
  hash(value: string): Promise<string>;
}
