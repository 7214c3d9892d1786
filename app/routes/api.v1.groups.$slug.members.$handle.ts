// PATCH /api/v1/groups/:slug/members/:handle {role} — a group admin promotes or demotes a member.
// DELETE /api/v1/groups/:slug/members/:handle — a member leaves (their own handle) or an admin removes someone.
// A group keeps at least one admin (409 last_admin).
import { z } from "zod";
import { setMemberRole, removeMember } from "#app/models/groups/group.server";
import { apiJson, apiRoute, noContent, readJson } from "#app/web/api.server";

const RoleSchema = z.object(
  { role: z.enum(["member", "admin"], { errorMap: () => ({ message: "error.invalid" }) }) },
  { required_error: "error.badRequest", invalid_type_error: "error.badRequest" },
);

const handle = apiRoute({
  PATCH: async ({ request, params, viewer }) => {
    const { role } = await readJson(request, RoleSchema);
    const handle = params.handle ?? "";
    setMemberRole({ viewer, slug: params.slug ?? "", handle, role });
    return apiJson({ handle: handle.toLowerCase(), role });
  },
  DELETE: ({ params, viewer }) => {
    removeMember({ viewer, slug: params.slug ?? "", handle: params.handle ?? "" });
    return noContent();
  },
});

export const loader = handle;
export const action = handle;
