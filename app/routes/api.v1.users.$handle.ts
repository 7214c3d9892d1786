// GET /api/v1/users/:handle — a person's public profile (never their email address).
import { getProfile } from "#app/models/people/user.server";
import { apiJson, apiRoute, userToJson } from "#app/web/api.server";

const handle = apiRoute({
  GET: ({ params, viewer }) => apiJson(userToJson(getProfile({ handle: params.handle ?? "", viewer }))),
});

export const loader = handle;
export const action = handle;
