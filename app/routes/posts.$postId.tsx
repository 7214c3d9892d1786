import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  getThread,
  listReactors,
  listReplies,
  requirePostView,
  type PostView,
} from "#app/models/posts/read-model.server";
import { parseId } from "#app/utils/ids";
import { requireViewer } from "#app/web/auth.server";
import { appErrorToResponse } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { THREAD_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { useT } from "#app/utils/use-t";
import { markNotificationsRead } from "#app/models/notifications/notifications.server";
import { isThreadMuted } from "#app/models/notifications/settings.server";
import { AskSomeoneForm } from "#app/components/ask-someone";
import { MuteButton } from "#app/components/mute-button";
import { Composer } from "#app/components/composer";
import { PostCard, REACTION_EMOJI } from "#app/components/post-card";
import { contentTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(matches, data?.thread.root.title ?? data?.thread.root.author.name, "post.viewThread");

/** A question's answers per page: a whole thread for nearly every question, keyset pages past that. */
const ANSWERS_PER_PAGE = 50;

function requireId(raw: string | undefined) {
  const id = parseId(raw);
  if (id == null) throw new Response("Not found", { status: 404 });
  return id;
}

export const loader = pageLoader(({ params, viewer, url }) => {
  const postId = requireId(params.postId);
  const focus = requirePostView(postId, viewer);
  const root = focus.id === focus.threadId ? focus : requirePostView(focus.threadId, viewer);
  let thread: { root: PostView; replies: PostView[] };
  let nextCursor: string | null = null;
  if (root.kind === "question" && root.replyToId == null) {
    // A question's answers in answer order: the best one, then by votes, then oldest first (issue #9).
    const page = listReplies({
      viewer,
      postId: root.id,
      cursor: url.searchParams.get("cursor"),
      limit: ANSWERS_PER_PAGE,
    });
    thread = { root, replies: page.posts };
    nextCursor = page.nextCursor;
  } else {
    thread = getThread({ postId, viewer });
  }
  // Opening a thread reads its notifications (issue #11); the bell follows by the stream.
  markNotificationsRead(viewer, { threadId: root.id });
  return {
    thread,
    nextCursor,
    reactors: listReactors({ postId: thread.root.id, viewer }),
    muted: isThreadMuted(viewer, root.id),
  };
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
    intents: THREAD_INTENTS,
    threadId,
    afterDelete: (id) => (id === threadId ? "/home" : `/posts/${threadId}`),
  });
}

export default function Thread() {
  const { thread, reactors, nextCursor, muted } = useLoaderData<typeof loader>();
  const t = useT();
  const question = thread.root.kind === "question";
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <PostCard post={thread.root} showThreadLink={false} />
      <div className="thread-tools">
        <MuteButton postId={thread.root.id} muted={muted} />
      </div>
      {question && thread.root.can.request ? <AskSomeoneForm questionId={thread.root.id} /> : null}
      {reactors.length > 0 ? (
        <p className="muted">
          {t("reaction.who", {
            names: reactors.map((r) => `${REACTION_EMOJI[r.kind]} ${r.name}`).join(", "),
          })}
        </p>
      ) : null}
      <section
        className="replies stack"
        aria-label={
          question
            ? t("question.answers", { count: thread.root.replyCount })
            : t("post.replies", { count: thread.replies.length })
        }
      >
        {question && thread.replies.length === 0 ? <p className="muted">{t("question.noAnswers")}</p> : null}
        {thread.replies.map((reply) => (
          // Accept/Undo on an answer is what the question's `can.accept` allows (decided by app/access).
          <PostCard key={reply.id} post={reply} showThreadLink={false} accept={thread.root.can.accept} />
        ))}
        {nextCursor ? (
          <p>
            <Link to={`?cursor=${nextCursor}`} className="button" rel="next">
              {t("question.moreAnswers")}
            </Link>
          </p>
        ) : null}
        <div className="card">
          {question ? (
            <Composer
              intent="publish"
              replyToId={thread.root.id}
              label={t("question.answerLabel")}
              placeholder={t("question.answerPlaceholder")}
              submitLabel={t("question.answerSubmit")}
            />
          ) : (
            <Composer intent="publish" replyToId={thread.root.id} />
          )}
        </div>
      </section>
    </div>
  );
}
