/** What a running scan is doing, in one line for the progress notification and the status bar. */
import type { Scan } from "../api/api-types.js";
import { bytes } from "./time-and-size.js";

const PHASE_WORDS = {
  queued: "Waiting for a scanner",
  resolving: "Reading the manifest",
  pulling: "Reading layers",
  matching: "Matching advisories",
  done: "Done",
} as const satisfies Record<Scan["progress"]["phase"], string>;

/** "Reading layers: 2 of 5 layers, 12.3 MB of 51.2 MB". */
export function progressText(progress: Scan["progress"]): string {
  const phase = PHASE_WORDS[progress.phase] ?? progress.phase;
  if (progress.phase !== "pulling" || progress.layersTotal === 0) return phase;
  const layers = `${progress.layersDone} of ${progress.layersTotal} layers`;
  const size = progress.bytesTotal > 0 ? `, ${bytes(progress.bytesDone)} of ${bytes(progress.bytesTotal)}` : "";
  return `${phase}: ${layers}${size}`;
}

/** Percent done (0–100): bytes while pulling, then the phases that follow. */
export function progressPercent(progress: Scan["progress"]): number {
  switch (progress.phase) {
    case "queued":
      return 0;
    case "resolving":
      return 5;
    case "pulling": {
      const ratio =
        progress.bytesTotal > 0
          ? progress.bytesDone / progress.bytesTotal
          : progress.layersTotal > 0
            ? progress.layersDone / progress.layersTotal
            : 0;
      return 5 + Math.round(Math.min(1, Math.max(0, ratio)) * 85);
    }
    case "matching":
      return 92;
    case "done":
      return 100;
  }
}
