// POST /api/v1/groups/:slug/join — joins a public group at once; asks a private group's admins
// ({status: "requested"}). A secret group cannot be asked (a non-member cannot find it: 404).
import { joinGroup } from "#app/models/groups/group.server";
import { apiJson, apiRoute } from "#app/web/api.server";

const handle = apiRoute({
  POST: ({ params, viewer }) => apiJson({ status: joinGroup({ viewer, slug: params.slug ?? "" }) }),
});

export const loader = handle;
export const action = handle;
