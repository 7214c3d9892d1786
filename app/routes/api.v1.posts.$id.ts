// GET | PATCH | DELETE /api/v1/posts/:id — read a post; its author edits it; its author or an admin deletes it.
import { z } from "zod";
import { getPostView } from "#app/models/feeds/feed.server";
import { deletePost, editPost } from "#app/models/posts/post.server";
import { apiJson, apiRoute, noContent, parseId, postToJson, readJson } from "#app/web/api.server";
import { PostBodySchema } from "#app/utils/validation";

const EditPostSchema = z.object(
  { body: PostBodySchema },
  { required_error: "error.badRequest", invalid_type_error: "error.badRequest" },
);

const handle = apiRoute({
  GET: ({ params, user }) => apiJson(postToJson(getPostView(parseId(params.id), user.id))),
  PATCH: async ({ request, params, user }) => {
    const postId = parseId(params.id);
    const input = await readJson(request, EditPostSchema);
    editPost({ actor: user, postId, body: input.body });
    return apiJson(postToJson(getPostView(postId, user.id)));
  },
  DELETE: ({ params, user }) => {
    deletePost({ actor: user, postId: parseId(params.id) });
    return noContent();
  },
});

export const loader = handle;
export const action = handle;
