import { afterEach, beforeEach } from "vitest";

/** An implementation under test, plus how to release it (close a database, delete a file). */
export interface ContractSubject<R> {
  repo: R;
  close?: () => Promise<void> | void;
}

/** Builds a fresh, empty implementation for one test. Called once per test. */
export type MakeSubject<R> = () => Promise<ContractSubject<R>> | ContractSubject<R>;

/**
 * Registers `beforeEach`/`afterEach` hooks that build a fresh subject for every test and close it
 * afterwards. Returns a getter for the current test's repository.
 */
export function useSubject<R>(make: MakeSubject<R>): () => R {
  let current: ContractSubject<R> | undefined;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    const subject = current;
    current = undefined;
    await subject?.close?.();
  });
  return () => {
    if (!current) throw new Error("contract subject used outside of a test");
    return current.repo;
  };
}

/** What a DomainError with `code` looks like to `expect(...).rejects.toMatchObject`. */
export function domainError(code: string): { name: string; code: string } {
  return { name: "DomainError", code };
}
