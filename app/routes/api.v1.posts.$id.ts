// GET | PATCH | DELETE /api/v1/posts/:id — read a post; its author edits it; its author or an admin deletes it.
import { z } from "zod";
import { requirePostView } from "#app/models/posts/read-model.server";
import { deletePost, editPost } from "#app/models/posts/post.server";
import { apiJson, apiRoute, noContent, parseId, postToJson, readJson } from "#app/web/api.server";
import { PostBodySchema } from "#app/utils/validation";

const EditPostSchema = z.object(
  { body: PostBodySchema },
  { required_error: "error.badRequest", invalid_type_error: "error.badRequest" },
);

const handle = apiRoute({
  GET: ({ params, viewer }) => apiJson(postToJson(requirePostView(parseId(params.id), viewer))),
  PATCH: async ({ request, params, viewer }) => {
    const postId = parseId(params.id);
    const input = await readJson(request, EditPostSchema);
    editPost({ viewer, postId, body: input.body });
    return apiJson(postToJson(requirePostView(postId, viewer)));
  },
  DELETE: ({ params, viewer }) => {
    deletePost({ viewer, postId: parseId(params.id) });
    return noContent();
  },
});

export const loader = handle;
export const action = handle;
