// GET /api/v1/groups?mine=1&q=&cursor=&limit= — the groups the caller may find, by name.
// POST /api/v1/groups — create a group; the caller becomes its first admin.
import { z } from "zod";
import { buildViewer } from "#app/access/viewer.server";
import { createGroup, getGroup, listGroups, NewGroupSchema } from "#app/models/groups/group.server";
import { apiJson, apiRoute, groupToJson, parsePageParams, readJson } from "#app/web/api.server";

const CreateGroupSchema = z.object(NewGroupSchema.shape, {
  required_error: "error.badRequest",
  invalid_type_error: "error.badRequest",
});

const FlagSchema = z.enum(["", "0", "1", "false", "true"], { errorMap: () => ({ message: "error.invalid" }) });
const ListParamsSchema = z.object({ mine: FlagSchema, q: z.string().max(200, "error.tooLong") });

const handle = apiRoute({
  GET: ({ url, viewer }) => {
    const params = ListParamsSchema.parse({
      mine: url.searchParams.get("mine") ?? "",
      q: url.searchParams.get("q") ?? "",
    });
    const page = listGroups({
      viewer,
      mine: params.mine === "1" || params.mine === "true",
      q: params.q,
      ...parsePageParams(url),
    });
    return apiJson({ data: page.groups.map(groupToJson), next_cursor: page.nextCursor });
  },
  POST: async ({ request, viewer }) => {
    const input = await readJson(request, CreateGroupSchema);
    const { slug } = createGroup({ viewer, input });
    // The caller is now the group's admin: a Viewer built after the write says so.
    const now = buildViewer({ id: viewer.id, role: viewer.role });
    return apiJson(
      { group: groupToJson(getGroup({ viewer: now, slug })) },
      { status: 201, headers: { Location: `/api/v1/groups/${slug}` } },
    );
  },
});

export const loader = handle;
export const action = handle;
