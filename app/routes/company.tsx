import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listCompanyFeed } from "#app/models/feeds/feed.server";
import { feedPageLoader } from "#app/web/feed-page.server";
import { FEED_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { useT } from "#app/utils/use-t";
import { FeedPageView } from "#app/components/feed-page";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feed.company");

export const loader = feedPageLoader(
  ({ viewer, cursor }) => {
    // A guest has no company feed: their groups are their world (app/access/rules.ts).
    if (viewer.guest) throw redirect("/groups");
    return listCompanyFeed({ viewer, cursor });
  },
  () => ({ kind: "company" }),
);

export const action = ({ request }: ActionFunctionArgs) => handlePostAction(request, { intents: FEED_INTENTS });

export default function Company() {
  const t = useT();
  return <FeedPageView title={t("feed.company")} data={useLoaderData<typeof loader>()} />;
}
