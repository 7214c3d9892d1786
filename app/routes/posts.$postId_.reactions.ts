import { listReactors } from "#app/models/posts/read-model.server";
import { parseId } from "#app/utils/ids";
import { pageLoader } from "#app/web/page.server";

/**
 * Who reacted to a post, for the card's "who reacted" disclosure (issue #12 item 7). listReactors reads through
 * the access rule: a post the viewer may not see answers 404 like a missing one.
 */
export const loader = pageLoader(({ params, viewer }) => {
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  return { reactors: listReactors({ postId, viewer }) };
});
