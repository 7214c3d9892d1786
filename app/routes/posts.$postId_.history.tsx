import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listRevisions, requirePostView } from "#app/models/posts/read-model.server";
import { parseId } from "#app/utils/ids";
import { pageLoader } from "#app/web/page.server";
import { formatDateTime } from "#app/utils/i18n";
import { useLocale, useT, useTimeZone } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "post.historyOf", { name: data.post.author.name }) : pageTitle(matches, "post.history");

/**
 * A post's edit history, for everyone who may see the post (issue #12 item 4: "(edited)" opens it). Both reads
 * go through the access rule: a post the viewer may not see answers 404 like a missing one.
 */
export const loader = pageLoader(({ params, viewer }) => {
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  const post = requirePostView(postId, viewer);
  return {
    post: {
      id: post.id,
      threadId: post.threadId,
      html: post.html,
      title: post.title,
      editedAt: post.editedAt,
      createdAt: post.createdAt,
      author: { name: post.author.name, handle: post.author.handle },
    },
    // Newest first, under the current version.
    revisions: listRevisions({ postId, viewer }).reverse(),
  };
});

export default function PostHistory() {
  const { post, revisions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>{t("post.historyOf", { name: post.author.name })}</h1>
      <p>
        <Link to={`/posts/${post.threadId}#post-${post.id}`}>{t("post.backToPost")}</Link>
      </p>
      <section className="card" aria-labelledby="history-current">
        <h2 id="history-current">
          {t("post.historyCurrent")}{" "}
          <span className="muted">{formatDateTime(locale, post.editedAt ?? post.createdAt, timeZone)}</span>
        </h2>
        {post.title ? <p className="post-title">{post.title}</p> : null}
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      </section>
      {revisions.length === 0 ? <p className="muted">{t("post.historyNone")}</p> : null}
      <ol className="stack history" reversed>
        {revisions.map((r) => (
          <li key={r.id} className="card">
            <h2>{t("post.historyVersion", { date: formatDateTime(locale, r.createdAt, timeZone) })}</h2>
            <pre className="revision-body">{r.body}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
