// The process's singletons — the database connection, the parsed environment, the session manager, the search
// engine and worker — in one explicit registry instead of scattered globalThis properties. It lives on
// globalThis under one symbol because the custom server (server.ts) and the Remix build are separate module
// graphs in development that must share one connection. Tests reset it between databases (tests/setup/db.ts).

type Entry = { value: unknown; dispose?: (value: unknown) => void };

const KEY = Symbol.for("sori.registry");
const holder = globalThis as unknown as { [KEY]?: Map<string, Entry> };
const entries: Map<string, Entry> = (holder[KEY] ??= new Map());

/** The value registered under `name`, created on first use. */
export function singleton<T>(name: string, create: () => T, dispose?: (value: T) => void): T {
  let entry = entries.get(name);
  if (!entry) {
    entry = { value: create(), dispose: dispose as Entry["dispose"] };
    entries.set(name, entry);
  }
  return entry.value as T;
}

/** The value registered under `name`, if any (never creates it). */
export function peekSingleton<T>(name: string): T | undefined {
  return entries.get(name)?.value as T | undefined;
}

/** Replaces or removes one singleton (disposing the old value). */
export function setSingleton<T>(name: string, value: T | undefined, dispose?: (value: T) => void) {
  const old = entries.get(name);
  if (old) {
    entries.delete(name);
    old.dispose?.(old.value);
  }
  if (value !== undefined) entries.set(name, { value, dispose: dispose as Entry["dispose"] });
}

/** Disposes every singleton, newest first (tests: a fresh database; benches: reopening). */
export function resetRegistry() {
  const all = [...entries.values()].reverse();
  entries.clear();
  for (const entry of all) entry.dispose?.(entry.value);
}
