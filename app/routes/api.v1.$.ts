// Any other /api/v1/* path: a JSON 404 rather than the HTML error page.
import { apiRoute } from "#app/web/api.server";
import { notFound } from "#app/utils/errors";

const missing = () => {
  throw notFound();
};
const handle = apiRoute({ GET: missing, POST: missing, PATCH: missing, PUT: missing, DELETE: missing });

export const loader = handle;
export const action = handle;
