// Setup file of the Workers project: fails a test after which an unhandled rejection arrived,
// other than workerd's known DecompressionStream leak (workerd-rejections.ts).
import { afterEach, beforeEach, expect } from "vitest";
import { rejectionLog } from "./workerd-rejections.js";

const log = rejectionLog();
beforeEach(() => {
  log.ignored.length = 0;
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(log.unexpected.splice(0), "unhandled rejections").toEqual([]);
});
