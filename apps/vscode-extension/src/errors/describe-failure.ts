/** The code and detail a failed call shows in a tree node. */
import { isApiError } from "../api/api-error.js";

/** An error of a level, shown as a node. Anything that is not an API answer is a bug: said as such. */
export function describe(error: unknown): { code: string; detail: string } {
  if (isApiError(error)) return { code: error.code, detail: error.message };
  return { code: "unexpected", detail: error instanceof Error ? error.message : String(error) };
}
