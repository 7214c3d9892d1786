import type { ActionFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listRevisions, requirePostView } from "#app/models/posts/read-model.server";
import { requireViewer } from "#app/web/auth.server";
import { parseId } from "#app/utils/ids";
import { pageLoader } from "#app/web/page.server";
import { handlePostAction } from "#app/web/post-actions.server";
import { formatDateTime } from "#app/utils/i18n";
import { useLocale, useT } from "#app/utils/use-t";
import { Composer } from "#app/components/composer";

// The no-JavaScript way to edit a post; with JavaScript the card edits in place.
export const loader = pageLoader(({ params, viewer }) => {
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  const post = requirePostView(postId, viewer);
  if (!post.can.edit) throw new Response("Forbidden", { status: 403 });
  return { post, revisions: listRevisions({ postId, viewer }) };
});

export async function action({ request, params }: ActionFunctionArgs) {
  const response = await handlePostAction(request);
  // After a successful save go to the conversation instead of back to this form.
  if (response instanceof Response && response.status >= 300 && response.status < 400) {
    const { viewer } = await requireViewer(request);
    const post = requirePostView(parseId(params.postId) ?? 0, viewer);
    response.headers.set("Location", `/posts/${post.threadId}#post-${post.id}`);
  }
  return response;
}

export default function EditPost() {
  const { post, revisions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <div className="card">
        <Composer intent="edit" postId={post.id} defaultValue={post.body} label={t("post.edit")} />
      </div>
      {revisions.length ? (
        <section className="card">
          <h2>{t("post.history")}</h2>
          <ol>
            {revisions.map((r) => (
              <li key={r.id}>
                <span className="muted">{formatDateTime(locale, r.createdAt)}</span>
                <pre style={{ whiteSpace: "pre-wrap" }}>{r.body}</pre>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
