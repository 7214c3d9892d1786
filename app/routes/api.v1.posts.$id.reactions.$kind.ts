// POST | DELETE /api/v1/posts/:id/reactions/:kind — add or remove the token owner's reaction; idempotent.
import { setReaction } from "#app/models/posts/post.server";
import { requirePostView } from "#app/models/posts/read-model.server";
import { isReactionKind } from "#app/utils/reactions";
import { apiJson, apiRoute, parseId, postToJson, type ApiContext } from "#app/web/api.server";
import { AppError } from "#app/utils/errors";

function react(on: boolean) {
  return ({ params, viewer }: ApiContext) => {
    const postId = parseId(params.id);
    const kind = params.kind;
    if (!isReactionKind(kind)) {
      throw new AppError(400, "invalid_reaction", "error.invalid", { kind: "error.invalid" });
    }
    setReaction({ viewer, postId, kind, on });
    return apiJson(postToJson(requirePostView(postId, viewer)));
  };
}

const handle = apiRoute({ POST: react(true), DELETE: react(false) });

export const loader = handle;
export const action = handle;
