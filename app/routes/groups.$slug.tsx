import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listGroupFeed } from "#app/models/feeds/feed.server";
import { getGroup, joinGroup, listPinnedPostIds, removeMember } from "#app/models/groups/group.server";
import { hydratePosts } from "#app/models/posts/read-model.server";
import { requireViewer, safeRedirect } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { FEED_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import type { FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";
import { Composer } from "#app/components/composer";
import { GroupHeader } from "#app/components/group-header";
import { FeedList, PostCard } from "#app/components/post-card";
import { PinnedAnnouncements } from "#app/components/announcement";
import { listPinnedAnnouncementIds } from "#app/models/posts/announcements.server";
import { announceOptions } from "#app/web/feed-page.server";
import { NewPostsNotice } from "#app/components/new-posts-notice";
import { MuteButton } from "#app/components/mute-button";
import { isGroupMuted } from "#app/models/notifications/settings.server";
import { markNotificationsRead } from "#app/models/notifications/notifications.server";
import { contentTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(matches, data?.group.name, "groups.title");

export const loader = pageLoader(({ viewer, params, url }) => {
  const cursor = url.searchParams.get("cursor");
  const group = getGroup({ viewer, slug: params.slug ?? "" });
  // A private group's page shows a non-member its name and description only: no posts, no pins.
  const readable = group.can.read;
  // Opening the group reads "you were added to it" (issue #11).
  if (readable) markNotificationsRead(viewer, { groupId: group.id, kinds: ["group_added"] });
  return {
    group,
    pinned: readable && !cursor ? hydratePosts(listPinnedPostIds(group.id), viewer) : [],
    // The group's announcements still to acknowledge (or dismiss), and whether its composer offers 공지 (issue #11).
    announcements:
      readable && !cursor ? hydratePosts(listPinnedAnnouncementIds({ viewer, groupId: group.id }), viewer) : [],
    announce: announceOptions(viewer, [group]),
    feed: readable ? listGroupFeed({ viewer, groupId: group.id, cursor }) : null,
    // Muting a group silences its activity in the viewer's notifications (issue #11).
    muted: readable ? isGroupMuted(viewer, group.id) : false,
  };
});

const MembershipIntentSchema = z.object({
  intent: z.enum(["join", "leave"]),
  redirectTo: z.string().optional(),
});

/** Join / leave (from this page, the other group pages and the directory), else the post intents. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, viewer } = await requireViewer(request);
  const values = formToObject(await readForm(request.clone()));
  const membership = MembershipIntentSchema.safeParse(values);
  const slug = params.slug ?? "";
  // New posts here go to this group, whatever the body says.
  if (!membership.success) return handlePostAction(request, { intents: FEED_INTENTS, group: slug });
  try {
    const group = getGroup({ viewer, slug });
    if (membership.data.intent === "join") {
      const result = joinGroup({ viewer, slug });
      return redirectWithFlash(
        safeRedirect(membership.data.redirectTo, `/groups/${group.slug}`),
        result === "joined" ? "groups.joined" : "groups.requestSent",
      );
    }
    removeMember({ viewer, slug, handle: user.handle });
    // After leaving, a secret group no longer exists for the viewer: go back to the directory.
    const back = group.visibility === "secret" ? "/groups" : `/groups/${group.slug}`;
    return redirectWithFlash(safeRedirect(membership.data.redirectTo, back), "groups.left");
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function GroupPage() {
  const { group, pinned, feed, muted, announcements, announce } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const fieldError = useFieldError();
  const t = useT();
  const membershipError =
    actionData?.values?.intent === "join" || actionData?.values?.intent === "leave"
      ? fieldError(actionData.errors, "form")
      : undefined;
  return (
    <div className="stack group-page">
      <GroupHeader group={group} tab="posts" />
      {group.can.read ? (
        <div className="group-tools">
          <MuteButton slug={group.slug} muted={muted} />
        </div>
      ) : null}
      {membershipError ? (
        <p className="error" role="alert">
          {membershipError}
        </p>
      ) : null}
      {group.can.post ? (
        <div className="card">
          <Composer
            intent="publish"
            group={{ slug: group.slug, name: group.name, visibility: group.visibility }}
            label={t("groups.composerLabel", { name: group.name })}
            announce={announce}
          />
        </div>
      ) : null}
      <PinnedAnnouncements posts={announcements} Card={PostCard} />
      {pinned.length > 0 ? (
        <section className="stack pinned" aria-labelledby="pinned-title">
          <h2 id="pinned-title">{t("groups.pinnedTitle")}</h2>
          {pinned.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
        </section>
      ) : null}
      {feed ? (
        <section className="stack" aria-labelledby="feed-title">
          <h2 id="feed-title" className="visually-hidden">
            {t("groups.feedTitle")}
          </h2>
          <NewPostsNotice scope={{ kind: "group", groupId: group.id }} newestId={feed.posts[0]?.id ?? null} />
          <FeedList posts={feed.posts} nextCursor={feed.nextCursor} />
        </section>
      ) : null}
    </div>
  );
}
