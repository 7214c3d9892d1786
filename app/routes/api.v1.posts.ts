// POST /api/v1/posts — publish an update, or a reply with reply_to_id.
import { z } from "zod";
import { getPostView } from "#app/models/feeds/feed.server";
import { publishPost } from "#app/models/posts/post.server";
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
  },
  { required_error: "error.badRequest", invalid_type_error: "error.badRequest" },
);

const handle = apiRoute({
  POST: async ({ request, user }) => {
    const input = await readJson(request, NewPostSchema);
    const { id } = publishPost({ actor: user, body: input.body, replyToId: input.reply_to_id ?? null });
    return apiJson(postToJson(getPostView(id, user.id)), {
      status: 201,
      headers: { Location: `/api/v1/posts/${id}` },
    });
  },
});

export const loader = handle;
export const action = handle;
