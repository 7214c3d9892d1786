import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getThread, listReactors, requirePostView } from "#app/models/posts/read-model.server";
import { parseId } from "#app/utils/ids";
import { requireViewer } from "#app/web/auth.server";
import { appErrorToResponse } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { CARD_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { useT } from "#app/utils/use-t";
import { Composer } from "#app/components/composer";
import { PostCard, REACTION_EMOJI } from "#app/components/post-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.thread.root.author.name ?? ""} — Sori` },
];

function requireId(raw: string | undefined) {
  const id = parseId(raw);
  if (id == null) throw new Response("Not found", { status: 404 });
  return id;
}

export const loader = pageLoader(({ params, viewer }) => {
  const thread = getThread({ postId: requireId(params.postId), viewer });
  return { thread, reactors: listReactors({ postId: thread.root.id, viewer }) };
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const id = requireId(params.postId);
  let threadId: number;
  try {
    threadId = requirePostView(id, viewer).threadId;
  } catch (error) {
    return appErrorToResponse(error);
  }
  // Replies go to this thread and the cards act on its posts only, whatever ids the body carries.
  return handlePostAction(request, {
    intents: ["publish", ...CARD_INTENTS],
    threadId,
    afterDelete: (id) => (id === threadId ? "/home" : `/posts/${threadId}`),
  });
}

export default function Thread() {
  const { thread, reactors } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <PostCard post={thread.root} showThreadLink={false} />
      {reactors.length > 0 ? (
        <p className="muted">
          {t("reaction.who", {
            names: reactors.map((r) => `${REACTION_EMOJI[r.kind]} ${r.name}`).join(", "),
          })}
        </p>
      ) : null}
      <section className="replies stack" aria-label={t("post.replies", { count: thread.replies.length })}>
        {thread.replies.map((reply) => (
          <PostCard key={reply.id} post={reply} showThreadLink={false} />
        ))}
        <div className="card">
          <Composer intent="publish" replyToId={thread.root.id} />
        </div>
      </section>
    </div>
  );
}
