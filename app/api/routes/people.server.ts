// People: the caller (with what only they may see) and others' public profiles.
import { createRoute, z } from "@hono/zod-openapi";
import { getProfile, getSettings } from "#app/models/people/user.server";
import { errorResponses, type Api } from "../operation.server";
import { MeSchema, UserSchema, userToJson } from "../schemas";

const me = createRoute({
  method: "get",
  path: "/api/v1/me",
  tags: ["People"],
  summary: "The token's owner, with their email address and settings",
  responses: {
    200: { description: "The caller.", content: { "application/json": { schema: MeSchema } } },
    ...errorResponses,
  },
});

const user = createRoute({
  method: "get",
  path: "/api/v1/users/{handle}",
  tags: ["People"],
  summary: "A person's public profile (never their email address)",
  request: { params: z.object({ handle: z.string().openapi({ param: { name: "handle", in: "path" } }) }) },
  responses: {
    200: { description: "The person.", content: { "application/json": { schema: UserSchema } } },
    ...errorResponses,
  },
});

export function registerPeopleRoutes(api: Api) {
  api.openapi(me, (c) => {
    const caller = c.get("user");
    const profile = getProfile({ handle: caller.handle, viewer: c.get("viewer") });
    const settings = getSettings(caller.id);
    return c.json(
      {
        ...userToJson(profile),
        email: settings.email,
        role: caller.role,
        locale: settings.locale,
        time_zone: settings.timeZone,
        scopes: caller.scopes,
      },
      200,
    );
  });

  api.openapi(user, (c) =>
    c.json(userToJson(getProfile({ handle: c.req.valid("param").handle, viewer: c.get("viewer") })), 200),
  );
}
