import { data } from "@remix-run/node";
import type { z } from "zod";
import { AppError, type FieldErrors } from "#app/utils/errors";
import { toFieldErrors } from "#app/utils/validation";
import { MAX_FORM_BYTES, isBodyTooLarge, readCappedBody } from "./body-limits";

/**
 * Reads a urlencoded/multipart form, refusing bodies far larger than any Sori form (thrown as a 4xx response,
 * which the error boundary explains). The cap holds while the body streams in, Content-Length or not (issue
 * #8.2): the form is parsed only from the bytes read within it.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readCappedBody(request, maxBytes);
  } catch (error) {
    if (isBodyTooLarge(error)) throw new Response("Payload too large", { status: 413 });
    throw new Response("Bad form", { status: 400 });
  }
  try {
    return await new Response(bytes, {
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    }).formData();
  } catch {
    throw new Response("Bad form", { status: 400 });
  }
}

export function parseWith<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: toFieldErrors(result.error) };
}

/** Form fields as a plain object; repeated fields keep their first value, files are dropped. */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}

/** The 4xx answer of an action: field messages for the form, nothing written. */
export function invalid(errors: FieldErrors, status: number = 400, values?: Record<string, string>) {
  return data({ ok: false as const, errors, values }, { status });
}

/** Turns an expected use-case failure into the action's 4xx answer; anything else propagates. */
export function appErrorToAction(error: unknown, values?: Record<string, string>) {
  if (error instanceof AppError) {
    return invalid(error.fields ?? { form: { key: error.messageKey, vars: error.vars } }, error.status, values);
  }
  throw error;
}

/** Turns an expected use-case failure into an error response for a loader's error boundary. */
export function appErrorToResponse(error: unknown): never {
  if (error instanceof AppError) throw new Response(error.code, { status: error.status });
  throw error;
}
