// GET /api/v1/groups/:slug/members — members, admins first (only for those who may read the group).
// POST /api/v1/groups/:slug/members — a group admin adds people by handle or email: reports who was added,
// who already was a member and what was not found.
import { z } from "zod";
import { addMembers, listMembers, type MemberView } from "#app/models/groups/group.server";
import { EmailSchema, HandleSchema } from "#app/utils/validation";
import { apiJson, apiRoute, readJson } from "#app/web/api.server";

const MAX_BATCH = 500;

const AddMembersBodySchema = z
  .object(
    {
      handle: HandleSchema.optional(),
      email: EmailSchema.optional(),
      handles: z
        .array(HandleSchema, { invalid_type_error: "error.invalid" })
        .max(MAX_BATCH, "error.tooLong")
        .optional(),
      emails: z.array(EmailSchema, { invalid_type_error: "error.invalid" }).max(MAX_BATCH, "error.tooLong").optional(),
      role: z.enum(["member", "admin"], { errorMap: () => ({ message: "error.invalid" }) }).default("member"),
    },
    { required_error: "error.badRequest", invalid_type_error: "error.badRequest" },
  )
  .transform((b) => ({
    handles: [...(b.handle ? [b.handle] : []), ...(b.handles ?? [])],
    emails: [...(b.email ? [b.email] : []), ...(b.emails ?? [])],
    role: b.role,
  }))
  .refine((b) => b.handles.length + b.emails.length > 0, "error.required")
  .refine((b) => b.handles.length + b.emails.length <= MAX_BATCH, "error.tooLong");

function memberToJson(m: MemberView) {
  return {
    handle: m.handle,
    name: m.name,
    department: m.department,
    title: m.title,
    role: m.role,
    guest: m.guest,
    ...(m.guest ? { organization: m.organization } : {}),
  };
}

const handle = apiRoute({
  GET: ({ params, viewer }) =>
    apiJson({ data: listMembers({ viewer, slug: params.slug ?? "" }).map(memberToJson), next_cursor: null }),
  POST: async ({ request, params, viewer }) => {
    const input = await readJson(request, AddMembersBodySchema);
    const r = addMembers({ viewer, slug: params.slug ?? "", input });
    return apiJson({ added: r.added, already: r.already, not_found: r.notFound });
  },
});

export const loader = handle;
export const action = handle;
