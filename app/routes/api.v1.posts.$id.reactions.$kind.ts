// POST | DELETE /api/v1/posts/:id/reactions/:kind — add or remove the token owner's reaction; idempotent.
import { getPostView } from "#app/models/feeds/feed.server";
import { isReactionKind, setReaction } from "#app/models/posts/post.server";
import { apiJson, apiRoute, parseId, postToJson, type ApiContext } from "#app/web/api.server";
import { AppError } from "#app/utils/errors";

function react(on: boolean) {
  return ({ params, user }: ApiContext) => {
    const postId = parseId(params.id);
    const kind = params.kind;
    if (!isReactionKind(kind)) {
      throw new AppError(400, "invalid_reaction", "error.invalid", { kind: "error.invalid" });
    }
    setReaction({ actor: user, postId, kind, on });
    return apiJson(postToJson(getPostView(postId, user.id)));
  };
}

const handle = apiRoute({ POST: react(true), DELETE: react(false) });

export const loader = handle;
export const action = handle;
