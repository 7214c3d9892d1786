// GET /api/v1/feeds/company — every thread in the company, newest first.
import { listCompanyFeed } from "#app/models/feeds/feed.server";
import { apiJson, apiRoute, feedToJson, parsePageParams } from "#app/web/api.server";

const handle = apiRoute({
  GET: ({ url, viewer }) => apiJson(feedToJson(listCompanyFeed({ viewer, ...parsePageParams(url) }))),
});

export const loader = handle;
export const action = handle;
