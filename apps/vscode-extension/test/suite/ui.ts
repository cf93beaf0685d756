/**
 * What the suite asks of the browser around the workbench (code-server runs): type into an input
 * box, press keys, take a screenshot into the artifacts folder. Without a driver (test-electron),
 * typing is not possible and screenshots are skipped.
 */
import * as vscode from "vscode";
import type { TestWorld } from "./world.js";

async function control(world: TestWorld, path: string, body: unknown): Promise<unknown> {
  if (!world.driverUrl) return null;
  const res = await fetch(`${world.driverUrl}${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`driver ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export const hasDriver = (world: TestWorld): boolean => Boolean(world.driverUrl);

/** Waits until the workbench shows `text` (an input box's prompt, a notification). */
export async function visible(world: TestWorld, text: string, timeoutMs = 10_000): Promise<boolean> {
  return (await control(world, "/visible", { text, timeoutMs })) === true;
}

export async function type(world: TestWorld, text: string): Promise<void> {
  await control(world, "/type", { text });
}

export async function press(world: TestWorld, key: string): Promise<void> {
  await control(world, "/press", { key });
}

/** Clicks a workbench element (CSS selector) showing `text`. */
export async function click(world: TestWorld, selector: string, text: string, timeoutMs = 10_000): Promise<void> {
  await control(world, "/click", { selector, text, timeoutMs });
}

/** Saves a screenshot, after `settleMs` for the workbench to paint (CodeLens re-renders are debounced). */
export async function screenshot(world: TestWorld, name: string, settleMs = 800): Promise<void> {
  await vscode.commands.executeCommand("notifications.clearAll");
  await new Promise((r) => setTimeout(r, settleMs));
  await control(world, "/screenshot", { name });
}
