// Ids in URLs, forms, queries and API paths, defined once: a positive integer of at most 15 digits (safe in JS
// numbers), written in plain decimal — no sign, spaces, leading zeros, exponent or hex ("0x10", " 373").
import { z } from "zod";
import { typeErrors } from "./validation";

const ID_RE = /^[1-9]\d{0,14}$/;

/** The id, or null when `raw` is not one. */
export function parseId(raw: unknown): number | null {
  return typeof raw === "string" && ID_RE.test(raw) ? Number(raw) : null;
}

/** A form or query field holding an id (parseId as a zod schema); anything else fails with "error.invalid". */
export const IdSchema = z.string(typeErrors("error.invalid", "error.invalid")).transform((raw, ctx) => {
  const id = parseId(raw);
  if (id == null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "error.invalid" });
    return z.NEVER;
  }
  return id;
});
