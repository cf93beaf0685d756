import { DomainError } from "@regscan/core";

/**
 * Counts uncompressed bytes across all layers of one scan and stops the scan with
 * `image_too_large` when the configured total is exceeded.
 */
export class ByteBudget {
  #used = 0;
  constructor(readonly max: number) {}

  get used(): number {
    return this.#used;
  }

  consume(bytes: number): void {
    this.#used += bytes;
    if (this.#used > this.max) {
      throw new DomainError(
        "image_too_large",
        `The image holds more than ${formatBytes(this.max)} of uncompressed layer data, the configured limit (the CLI's --max-uncompressed-size sets it).`,
        { limitBytes: this.max },
      );
    }
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
