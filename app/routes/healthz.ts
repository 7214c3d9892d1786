// Public liveness says only ok or not ok (the status code and `{ status }`); the details — counts, the search
// engine and its errors — need an administrator's API token (issue #8.16).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isAlive, checkHealth } from "#app/models/health.server";
import { ApiError, apiJson, requireApiUser, toApiErrorResponse } from "#app/api/http.server";
import { localeFromAcceptLanguage } from "#app/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!request.headers.has("Authorization")) {
    return isAlive() ? apiJson({ status: "ok" }) : apiJson({ status: "error" }, { status: 503 });
  }
  let locale = localeFromAcceptLanguage(request.headers.get("Accept-Language"));
  try {
    const user = requireApiUser(request);
    if (user.locale) locale = user.locale;
    // The same rule as the admin pages (requireAdmin): only network administrators.
    if (user.role !== "admin") throw new ApiError(403, "forbidden", "error.forbidden");
    return apiJson(await checkHealth());
  } catch (error) {
    if (error instanceof ApiError) return toApiErrorResponse(error, locale);
    console.error("healthz: details failed", error);
    return apiJson({ status: "error", database: "error" }, { status: 503 });
  }
}
