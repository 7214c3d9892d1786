// Search indexing is asynchronous (a worker drains the change log); tests drain it explicitly before they search.
import { drainOutbox } from "#search/index.server";

export async function drainSearch(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await drainOutbox();
    if (r.failed) throw new Error(`search indexing failed for ${r.failed} rows`);
    if (!r.more && !r.busy) return;
  }
  throw new Error("search outbox did not drain");
}
