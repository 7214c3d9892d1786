import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { can } from "#app/access/rules";
import { listHomeFeed } from "#app/models/feeds/feed.server";
import { listPostableGroups } from "#app/models/groups/group.server";
import { listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { requireViewer } from "#app/web/auth.server";
import { appErrorToResponse } from "#app/web/forms.server";
import { handlePostAction } from "#app/web/post-actions.server";
import { useT } from "#app/utils/use-t";
import { Composer } from "#app/components/composer";
import { FeedList } from "#app/components/post-card";
import { Trending } from "#app/components/trending";

export const meta: MetaFunction = () => [{ title: "Sori — Home" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const cursor = new URL(request.url).searchParams.get("cursor");
  try {
    return {
      feed: listHomeFeed({ viewer, cursor }),
      trending: listTrendingHashtags(viewer),
      // The composer's picker: company-wide (not for guests) or one of the viewer's groups.
      companyWide: can(viewer, "company.post", null),
      audiences: listPostableGroups(viewer).map(({ slug, name, visibility }) => ({ slug, name, visibility })),
    };
  } catch (error) {
    appErrorToResponse(error);
  }
}

export const action = ({ request }: ActionFunctionArgs) => handlePostAction(request);

export default function Home() {
  const { feed, trending, companyWide, audiences } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="layout">
      <div className="stack">
        <h1>{t("feed.home")}</h1>
        {companyWide || audiences.length > 0 ? (
          <div className="card">
            <Composer intent="publish" groups={audiences} companyWide={companyWide} />
          </div>
        ) : null}
        <FeedList posts={feed.posts} nextCursor={feed.nextCursor} />
      </div>
      <Trending tags={trending} />
    </div>
  );
}
