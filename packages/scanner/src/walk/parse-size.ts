import { DomainError } from "@regscan/core";

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kib: 1024,
  ki: 1024,
  mib: 1024 ** 2,
  mi: 1024 ** 2,
  gib: 1024 ** 3,
  gi: 1024 ** 3,
  tib: 1024 ** 4,
  ti: 1024 ** 4,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  tb: 1000 ** 4,
};

/**
 * Parses a byte size as users write it: plain bytes (`1048576`), binary units (`512MiB`, `8GiB`,
 * `1.5GiB`; also `Ki`, `Mi`, `Gi`, `Ti`) or decimal ones (`500MB` = 500,000,000 bytes), case
 * insensitive. Used by the CLI's size options and the API's size settings. Throws
 * `validation_failed` naming `what` for anything else, zero included.
 */
export function parseSize(text: string, what = "size"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] ?? "").toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new DomainError(
      "validation_failed",
      `${what} must be a positive size such as 8GiB, 512MiB or a number of bytes; got ${JSON.stringify(text)}.`,
      { value: text },
    );
  }
  return bytes;
}
