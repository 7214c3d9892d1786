import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { followHashtag, listFollowedHashtags, listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { searchContent } from "#app/models/search/search.server";
import { AppError } from "#app/utils/errors";
import { requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { normaliseTag } from "#app/utils/hashtags";
import { useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hashtags.title");

/**
 * /hashtags (issue #12 item 16): trending, the hashtags the viewer follows (with unfollow) and a search. Each
 * list is the viewer's: trending and the search read only posts they may see, counts likewise.
 */
export const loader = pageLoader(async ({ url, viewer }) => {
  const q = (url.searchParams.get("q") ?? "").replace(/^[#＃]/, "").slice(0, 100);
  let results: { name: string; postCount: number }[] | null = null;
  if (q.trim()) {
    try {
      const page = await searchContent({ viewer, q, type: "hashtags", limit: 30 });
      results = page.type === "hashtags" ? page.results.map((h) => ({ name: h.name, postCount: h.postCount })) : [];
    } catch (error) {
      // A query the engine refuses (only punctuation, say) finds nothing.
      if (!(error instanceof AppError)) throw error;
      results = [];
    }
  }
  return {
    q,
    results,
    trending: listTrendingHashtags(viewer),
    followed: listFollowedHashtags(viewer),
  };
});

const UnfollowSchema = z.object({ intent: z.literal("unfollow"), tag: z.string().min(1).max(100) });

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  let values: Record<string, string> = {};
  try {
    values = formToObject(await readForm(request));
    const parsed = parseWith(UnfollowSchema, values);
    const name = parsed.ok ? normaliseTag(parsed.data.tag) : null;
    if (!parsed.ok || !name) return invalid({ form: "error.badRequest" }, 400, values);
    followHashtag({ viewer, name, follow: false });
    return redirectWithFlash("/hashtags", "hashtags.unfollowed");
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function Hashtags() {
  const { q, results, trending, followed } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>{t("hashtags.title")}</h1>
      <Form method="get" className="card post-actions" role="search">
        <label htmlFor="hashtags-q">{t("hashtags.search")}</label>
        <input
          id="hashtags-q"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={100}
          placeholder={t("hashtags.searchPlaceholder")}
        />
        <button type="submit" className="secondary">
          {t("people.search")}
        </button>
      </Form>
      {results ? (
        <section className="card" aria-labelledby="hashtags-results">
          <h2 id="hashtags-results">{t("hashtags.results", { q })}</h2>
          {results.length === 0 ? <p className="muted">{t("hashtags.none", { q })}</p> : null}
          <TagList tags={results} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="hashtags-mine">
        <h2 id="hashtags-mine">{t("hashtags.mine")}</h2>
        {followed.length === 0 ? <p className="muted">{t("hashtags.mineNone")}</p> : null}
        <ul className="tag-list">
          {followed.map((tag) => (
            <li key={tag.name}>
              <Link to={`/hashtags/${encodeURIComponent(tag.name)}`}>#{tag.name}</Link>
              <span className="muted">{t("hashtag.posts", { count: tag.postCount })}</span>
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="unfollow" />
                <input type="hidden" name="tag" value={tag.name} />
                <button type="submit" className="link-button" aria-label={`${t("hashtag.unfollow")} #${tag.name}`}>
                  {t("hashtag.unfollow")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="hashtags-trending">
        <h2 id="hashtags-trending">{t("hashtags.trending")}</h2>
        {trending.length === 0 ? <p className="muted">{t("feed.trendingEmpty")}</p> : null}
        <TagList tags={trending.map((tag) => ({ name: tag.name, postCount: tag.count }))} />
      </section>
    </div>
  );
}

function TagList({ tags }: { tags: { name: string; postCount: number }[] }) {
  const t = useT();
  return (
    <ul className="tag-list">
      {tags.map((tag) => (
        <li key={tag.name}>
          <Link to={`/hashtags/${encodeURIComponent(tag.name)}`}>#{tag.name}</Link>
          <span className="muted">{t("hashtag.posts", { count: tag.postCount })}</span>
        </li>
      ))}
    </ul>
  );
}
