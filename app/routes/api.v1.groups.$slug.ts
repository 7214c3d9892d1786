// GET | PATCH | DELETE /api/v1/groups/:slug — read a group; its admins edit it (name, description, visibility,
// archived) or archive it (DELETE: read-only from then on, nothing is deleted).
import { z } from "zod";
import { archiveGroup, getGroup, GroupFieldsSchema, updateGroup } from "#app/models/groups/group.server";
import { apiJson, apiRoute, groupToJson, noContent, readJson } from "#app/web/api.server";

const PatchGroupSchema = z
  .object(
    {
      ...GroupFieldsSchema.partial().shape,
      archived: z.boolean({ invalid_type_error: "error.invalid" }).optional(),
    },
    { required_error: "error.badRequest", invalid_type_error: "error.badRequest" },
  )
  .refine((p) => Object.values(p).some((v) => v !== undefined), "error.badRequest");

const handle = apiRoute({
  GET: ({ params, viewer }) => apiJson({ group: groupToJson(getGroup({ viewer, slug: params.slug ?? "" })) }),
  PATCH: async ({ request, params, viewer }) => {
    const slug = params.slug ?? "";
    const { archived, ...patch } = await readJson(request, PatchGroupSchema);
    if (Object.values(patch).some((v) => v !== undefined)) updateGroup({ viewer, slug, patch });
    if (archived !== undefined) archiveGroup({ viewer, slug, archived });
    return apiJson({ group: groupToJson(getGroup({ viewer, slug })) });
  },
  DELETE: ({ params, viewer }) => {
    archiveGroup({ viewer, slug: params.slug ?? "" });
    return noContent();
  },
});

export const loader = handle;
export const action = handle;
