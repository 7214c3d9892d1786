// Ids in URLs, forms and API paths, defined once: a positive integer of at most 15 digits (safe in JS numbers).
const ID_RE = /^[1-9]\d{0,14}$/;

/** The id, or null when `raw` is not one. */
export function parseId(raw: unknown): number | null {
  return typeof raw === "string" && ID_RE.test(raw) ? Number(raw) : null;
}
