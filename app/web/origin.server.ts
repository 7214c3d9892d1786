// Every mutation must come from Sori's own pages (or from an API client that sends no browser Origin).
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossOriginMutation({
  method,
  origin,
  secFetchSite,
  expectedOrigin,
}: {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  expectedOrigin: string;
}): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (origin && origin !== "null") return origin.toLowerCase() !== expectedOrigin.toLowerCase();
  if (origin === "null") return true;
  // No Origin: browsers always send one on cross-origin POSTs, but Fetch Metadata is a second line.
  return secFetchSite === "cross-site" || secFetchSite === "same-site";
}
