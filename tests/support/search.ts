// Search indexing is asynchronous (a worker consumes the domain events); tests drain it explicitly before they search.
import { drainSearch as drainSearchOnce } from "#app/events/consumers/search.server";

export async function drainSearch(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await drainSearchOnce();
    if (r.failed) throw new Error(`search indexing failed for ${r.failed} rows`);
    if (!r.more && !r.busy) return;
  }
  throw new Error("search events did not drain");
}
