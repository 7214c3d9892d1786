import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { listHashtagFeed } from "#app/models/feeds/feed.server";
import { followHashtag, getHashtag, listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { requireViewer } from "#app/web/auth.server";
import { appErrorToResponse, readForm } from "#app/web/forms.server";
import { handlePostAction } from "#app/web/post-actions.server";
import { normaliseTag } from "#app/models/posts/markdown.server";
import { useT } from "#app/utils/use-t";
import { Composer } from "#app/components/composer";
import { FeedList } from "#app/components/post-card";
import { Trending } from "#app/components/trending";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `#${data?.tag.name ?? ""} — Sori` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const name = normaliseTag(params.tag ?? "");
  const tag = name ? getHashtag(name, viewer) : null;
  if (!name) throw new Response("Not found", { status: 404 });
  const cursor = new URL(request.url).searchParams.get("cursor");
  try {
    return {
      tag: tag ?? { id: 0, name, postCount: 0, following: false },
      feed: tag ? listHashtagFeed({ viewer, hashtagId: tag.id, cursor }) : { posts: [], nextCursor: null },
      trending: listTrendingHashtags(viewer),
    };
  } catch (error) {
    appErrorToResponse(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request.clone());
  const intent = form.get("intent");
  if (intent === "follow" || intent === "unfollow") {
    const { viewer } = await requireViewer(request);
    const name = normaliseTag(params.tag ?? "");
    if (!name) throw new Response("Not found", { status: 404 });
    try {
      followHashtag({ viewer, name, follow: intent === "follow" });
    } catch (error) {
      appErrorToResponse(error);
    }
    // The button's new state is the feedback, as on a profile.
    return redirect(new URL(request.url).pathname, 303);
  }
  return handlePostAction(request);
}

export default function HashtagPage() {
  const { tag, feed, trending } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="layout">
      <div className="stack">
        <div className="card profile-head">
          <div>
            <h1>#{tag.name}</h1>
            <p className="muted">{t("hashtag.posts", { count: tag.postCount })}</p>
          </div>
          {tag.id ? (
            <Form method="post" style={{ marginLeft: "auto" }}>
              <button
                type="submit"
                name="intent"
                value={tag.following ? "unfollow" : "follow"}
                className={tag.following ? "secondary" : "primary"}
              >
                {tag.following ? t("hashtag.unfollow") : t("hashtag.follow")}
              </button>
            </Form>
          ) : null}
        </div>
        <div className="card">
          <Composer intent="publish" defaultValue={`#${tag.name} `} />
        </div>
        <FeedList posts={feed.posts} nextCursor={feed.nextCursor} />
      </div>
      <Trending tags={trending} />
    </div>
  );
}
