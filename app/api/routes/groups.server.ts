// Groups: find and create groups; read, edit and archive one; its posts; its members; join or ask to join.
import { createRoute, z } from "@hono/zod-openapi";
import { buildViewer } from "#app/access/viewer.server";
import {
  addMembers,
  archiveGroup,
  createGroup,
  getGroup,
  joinGroup,
  listGroups,
  listMembers,
  removeMember,
  requireGroup,
  setMemberRole,
  updateGroup,
} from "#app/models/groups/group.server";
import { listGroupFeed } from "#app/models/feeds/feed.server";
import { errorResponses, jsonBody, type Api } from "../operation.server";
import {
  AddMembersResultSchema,
  AddMembersSchema,
  CreateGroupSchema,
  FeedSchema,
  feedToJson,
  GroupEnvelope,
  GroupListQuerySchema,
  GroupPageSchema,
  groupToJson,
  MemberPageSchema,
  memberToJson,
  PageQuerySchema,
  PatchGroupSchema,
  RoleSchema,
} from "../schemas";
import { pageOf } from "./feeds.server";

const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <S>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const SlugParams = z.object({ slug: z.string().openapi({ param: { name: "slug", in: "path" } }) });
const MemberParams = SlugParams.extend({ handle: z.string().openapi({ param: { name: "handle", in: "path" } }) });
const tags = ["Groups"];

const list = createRoute({
  method: "get",
  path: "/api/v1/groups",
  tags,
  summary: "The groups the caller may find, by name",
  request: { query: GroupListQuerySchema },
  responses: { 200: json(GroupPageSchema, "A page of groups."), ...errorResponses },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/groups",
  tags,
  summary: "Create a group; the caller becomes its first admin",
  middleware: [jsonBody] as const,
  request: { body: body(CreateGroupSchema) },
  responses: { 201: json(GroupEnvelope, "The group."), ...errorResponses },
});
const read = createRoute({
  method: "get",
  path: "/api/v1/groups/{slug}",
  tags,
  summary: "Read a group",
  request: { params: SlugParams },
  responses: { 200: json(GroupEnvelope, "The group."), ...errorResponses },
});
const patch = createRoute({
  method: "patch",
  path: "/api/v1/groups/{slug}",
  tags,
  summary: "Edit a group (its admins): name, description, visibility, archived",
  middleware: [jsonBody] as const,
  request: { params: SlugParams, body: body(PatchGroupSchema) },
  responses: { 200: json(GroupEnvelope, "The group as edited."), ...errorResponses },
});
const archive = createRoute({
  method: "delete",
  path: "/api/v1/groups/{slug}",
  tags,
  summary: "Archive a group (read-only from then on; nothing is deleted)",
  request: { params: SlugParams },
  responses: { 204: { description: "Archived." }, ...errorResponses },
});
const posts = createRoute({
  method: "get",
  path: "/api/v1/groups/{slug}/posts",
  tags,
  summary: "A group's threads, newest first",
  request: { params: SlugParams, query: PageQuerySchema },
  responses: { 200: json(FeedSchema, "A page of posts."), ...errorResponses },
});
const members = createRoute({
  method: "get",
  path: "/api/v1/groups/{slug}/members",
  tags,
  summary: "A group's members, admins first",
  request: { params: SlugParams },
  responses: { 200: json(MemberPageSchema, "The members."), ...errorResponses },
});
const addMembersRoute = createRoute({
  method: "post",
  path: "/api/v1/groups/{slug}/members",
  tags,
  summary: "Add people by handle or email (group admins)",
  middleware: [jsonBody] as const,
  request: { params: SlugParams, body: body(AddMembersSchema) },
  responses: { 200: json(AddMembersResultSchema, "Who was added, already a member, or not found."), ...errorResponses },
});
const setRole = createRoute({
  method: "patch",
  path: "/api/v1/groups/{slug}/members/{handle}",
  tags,
  summary: "Promote or demote a member (group admins); a group keeps at least one admin",
  middleware: [jsonBody] as const,
  request: { params: MemberParams, body: body(RoleSchema) },
  responses: {
    200: json(z.object({ handle: z.string(), role: z.enum(["member", "admin"]) }), "The new role."),
    ...errorResponses,
  },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/groups/{slug}/members/{handle}",
  tags,
  summary: "Leave (one's own handle) or remove a member (group admins)",
  request: { params: MemberParams },
  responses: { 204: { description: "Removed." }, ...errorResponses },
});
const join = createRoute({
  method: "post",
  path: "/api/v1/groups/{slug}/join",
  tags,
  summary: "Join a public group, or ask a private group's admins",
  request: { params: SlugParams },
  responses: {
    200: json(z.object({ status: z.enum(["joined", "requested"]) }), "Joined, or the request is waiting."),
    ...errorResponses,
  },
});

export function registerGroupRoutes(api: Api) {
  api.openapi(list, (c) => {
    const { mine, q, ...page } = c.req.valid("query");
    const result = listGroups({
      viewer: c.get("viewer"),
      mine: mine === "1" || mine === "true",
      q: q ?? "",
      ...pageOf(page),
    });
    return c.json({ data: result.groups.map(groupToJson), next_cursor: result.nextCursor }, 200);
  });

  api.openapi(create, (c) => {
    const viewer = c.get("viewer");
    const { slug } = createGroup({ viewer, input: c.req.valid("json") });
    // The caller is now the group's admin: a Viewer built after the write says so.
    const now = buildViewer({ id: viewer.id, role: viewer.role });
    return c.json({ group: groupToJson(getGroup({ viewer: now, slug })) }, 201, { Location: `/api/v1/groups/${slug}` });
  });

  api.openapi(read, (c) =>
    c.json({ group: groupToJson(getGroup({ viewer: c.get("viewer"), slug: c.req.valid("param").slug })) }, 200),
  );

  api.openapi(patch, (c) => {
    const viewer = c.get("viewer");
    const { slug } = c.req.valid("param");
    const { archived, ...fields } = c.req.valid("json");
    if (Object.values(fields).some((v) => v !== undefined)) updateGroup({ viewer, slug, patch: fields });
    if (archived !== undefined) archiveGroup({ viewer, slug, archived });
    return c.json({ group: groupToJson(getGroup({ viewer, slug })) }, 200);
  });

  api.openapi(archive, (c) => {
    archiveGroup({ viewer: c.get("viewer"), slug: c.req.valid("param").slug });
    return c.body(null, 204);
  });

  api.openapi(posts, (c) => {
    const viewer = c.get("viewer");
    const group = requireGroup(viewer, c.req.valid("param").slug);
    return c.json(feedToJson(listGroupFeed({ viewer, groupId: group.id, ...pageOf(c.req.valid("query")) })), 200);
  });

  api.openapi(members, (c) =>
    c.json(
      {
        data: listMembers({ viewer: c.get("viewer"), slug: c.req.valid("param").slug }).map(memberToJson),
        next_cursor: null,
      },
      200,
    ),
  );

  api.openapi(addMembersRoute, (c) => {
    const b = c.req.valid("json");
    const input = {
      handles: [...(b.handle ? [b.handle] : []), ...(b.handles ?? [])],
      emails: [...(b.email ? [b.email] : []), ...(b.emails ?? [])],
      role: b.role,
    };
    const r = addMembers({ viewer: c.get("viewer"), slug: c.req.valid("param").slug, input });
    return c.json({ added: r.added, already: r.already, not_found: r.notFound }, 200);
  });

  api.openapi(setRole, (c) => {
    const { slug, handle } = c.req.valid("param");
    const { role } = c.req.valid("json");
    setMemberRole({ viewer: c.get("viewer"), slug, handle, role });
    return c.json({ handle: handle.toLowerCase(), role }, 200);
  });

  api.openapi(remove, (c) => {
    const { slug, handle } = c.req.valid("param");
    removeMember({ viewer: c.get("viewer"), slug, handle });
    return c.body(null, 204);
  });

  api.openapi(join, (c) =>
    c.json({ status: joinGroup({ viewer: c.get("viewer"), slug: c.req.valid("param").slug }) }, 200),
  );
}
