import { formatBytes } from "../walk/byte-budget.js";
import type { WalkProgress } from "../walk/walk-image-layers.js";
import type { CliOutput } from "./cli-io.js";

/**
 * A one-line progress display on stderr ("layers 2/5 · 120.3 MiB / 300.1 MiB"), redrawn at most
 * every `intervalMs`. Silent unless stderr is a terminal and the user did not ask for --quiet.
 */
export function createProgressLine(out: CliOutput, enabled: boolean, intervalMs = 100, now: () => number = Date.now) {
  let last = -Infinity;
  let shown = false;
  return {
    update(p: WalkProgress): void {
      if (!enabled) return;
      const t = now();
      if (t - last < intervalMs && p.layersDone < p.layersTotal) return;
      last = t;
      shown = true;
      out.write(
        `\r\u001b[Klayers ${p.layersDone}/${p.layersTotal} · ${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}`,
      );
    },
    done(): void {
      if (shown) out.write("\r\u001b[K");
      shown = false;
    },
  };
}
