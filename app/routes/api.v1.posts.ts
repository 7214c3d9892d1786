// POST /api/v1/posts — publish an update, question or announcement (company-wide or in `group`), or a reply with
// reply_to_id (which inherits its thread's group).
import { z } from "zod";
import { PostKindSchema, publishPost } from "#app/models/posts/post.server";
import { requirePostView } from "#app/models/posts/read-model.server";
import { GroupSlugSchema } from "#app/models/groups/group.server";
import { apiJson, apiRoute, postToJson, readJson } from "#app/web/api.server";
import { PostBodySchema } from "#app/utils/validation";

const NewPostSchema = z.object(
  {
    body: PostBodySchema,
    reply_to_id: z
      .number({ invalid_type_error: "error.invalid" })
      .int("error.invalid")
      .positive("error.invalid")
      .nullish(),
    group: GroupSlugSchema.nullish(),
    kind: PostKindSchema.optional(),
  },
  { required_error: "error.badRequest", invalid_type_error: "error.badRequest" },
);

const handle = apiRoute({
  POST: async ({ request, viewer }) => {
    const input = await readJson(request, NewPostSchema);
    const { id } = publishPost({
      viewer,
      body: input.body,
      replyToId: input.reply_to_id ?? null,
      group: input.group ?? null,
      kind: input.kind,
    });
    return apiJson(postToJson(requirePostView(id, viewer)), {
      status: 201,
      headers: { Location: `/api/v1/posts/${id}` },
    });
  },
});

export const loader = handle;
export const action = handle;
