import { AnnouncementBadges, SeenByLink } from "./announcement";
import { Form, Link, useFetcher, useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { PostView } from "#app/models/posts/read-model.server";
import { REACTION_KINDS, type ReactionKind } from "#app/utils/reactions";
import { formatDateTime, formatRelative } from "#app/utils/i18n";
import { useLocale, useT, useTimeZone } from "#app/utils/use-t";
import { useJson } from "#app/utils/use-json";
import { AskedOf } from "#app/components/ask-someone";
import { Avatar } from "./avatar";
import { Composer } from "./composer";

export const REACTION_EMOJI: Record<ReactionKind, string> = {
  like: "👍",
  celebrate: "🎉",
  insightful: "💡",
  support: "🙌",
  funny: "😄",
  thanks: "🙏",
};

/** A one-button form posting an intent about a post (pin, accept…) to the page's post actions. */
function PostIntentButton({ intent, postId, label }: { intent: string; postId: number; label: string }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="postId" value={postId} />
      <button type="submit" className="link-button">
        {label}
      </button>
    </Form>
  );
}

function Reactions({ post }: { post: PostView }) {
  const t = useT();
  const fetcher = useFetcher();
  // Optimistic: while a toggle is in flight, show its result.
  const pending = fetcher.formData?.get("kind") as ReactionKind | undefined;
  return (
    <fetcher.Form method="post" className="post-actions" aria-label={t("reaction.label")}>
      <input type="hidden" name="intent" value="react" />
      <input type="hidden" name="postId" value={post.id} />
      {REACTION_KINDS.map((kind) => {
        let mine = post.myReactions.includes(kind);
        let count = post.reactions[kind] ?? 0;
        if (pending === kind) {
          count += mine ? -1 : 1;
          mine = !mine;
        }
        return (
          <button
            key={kind}
            type="submit"
            name="kind"
            value={kind}
            className="reaction"
            aria-pressed={mine}
            aria-label={`${t(`reaction.${kind}`)} ${count}`}
            title={t(`reaction.${kind}`)}
          >
            <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
            {count > 0 ? <span aria-hidden="true"> {count}</span> : null}
          </button>
        );
      })}
    </fetcher.Form>
  );
}

/**
 * A question's or an answer's votes (issue #9): a toggle where `post.can.vote` allows it (never on one's own
 * post, decided by app/access), the count alone elsewhere. A plain form without JavaScript.
 */
function Votes({ post }: { post: PostView }) {
  const t = useT();
  const fetcher = useFetcher();
  let voted = post.votedByMe;
  let count = post.votes;
  // Optimistic: while a toggle is in flight, show its result.
  const pending = fetcher.formData?.get("intent");
  if (pending === "vote" || pending === "unvote") {
    count += pending === "vote" ? (voted ? 0 : 1) : voted ? -1 : 0;
    voted = pending === "vote";
  }
  const label = t("question.votes", { count });
  if (!post.can.vote) return <span className="muted votes">▲ {label}</span>;
  return (
    <fetcher.Form method="post" className="inline votes">
      <input type="hidden" name="intent" value={voted ? "unvote" : "vote"} />
      <input type="hidden" name="postId" value={post.id} />
      <button
        type="submit"
        className="reaction vote"
        aria-pressed={voted}
        aria-label={`${t("question.upvote")} (${count})`}
        title={t("question.upvote")}
      >
        <span aria-hidden="true">▲ {count}</span>
      </button>
    </fetcher.Form>
  );
}

/**
 * Who reacted, from the card (issue #12 item 7): a disclosure that reads the names when opened, through the
 * access rule (/posts/:id/reactions answers 404 for a post the viewer may not see). Without JavaScript it
 * links to the conversation, where the names are listed.
 */
function WhoReacted({ post }: { post: PostView }) {
  const t = useT();
  // Asked once, when first opened.
  const [opened, setOpened] = useState(false);
  const data = useJson<{ reactors: { kind: ReactionKind; handle: string; name: string }[] }>(
    opened ? `/posts/${post.id}/reactions` : null,
  );
  const total = Object.values(post.reactions).reduce((a, b) => a + (b ?? 0), 0);
  if (total === 0) return null;
  const reactors = data?.reactors;
  return (
    <details
      className="who-reacted"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{t("reaction.whoSummary")}</summary>
      {reactors ? (
        reactors.length ? (
          <ul className="reactor-list">
            {reactors.map((r) => (
              <li key={`${r.kind}-${r.handle}`}>
                <span aria-hidden="true">{REACTION_EMOJI[r.kind]}</span>{" "}
                <Link to={`/people/${r.handle}`}>{r.name}</Link>
                <span className="visually-hidden"> ({t(`reaction.${r.kind}`)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("reaction.nobody")}</p>
        )
      ) : (
        <p className="muted">
          <Link to={`/posts/${post.threadId}#post-${post.id}`}>{t("post.viewThread")}</Link>
        </p>
      )}
    </details>
  );
}

/**
 * Replying from a feed card (issue #12 item 7): a disclosure with a small composer that posts to the thread's
 * page and comes back here; it closes once the reply is posted.
 */
function InlineReply({ post }: { post: PostView }) {
  const t = useT();
  const location = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <details className="inline-reply" ref={ref} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t("post.replyInline")}
        {post.replyCount ? ` · ${t("post.replies", { count: post.replyCount })}` : ""}
      </summary>
      <Composer
        intent="publish"
        replyToId={post.threadId}
        action={`/posts/${post.threadId}`}
        redirectTo={location.pathname + location.search}
        focusOnOpen={open}
        onCancel={() => ref.current?.removeAttribute("open")}
        onDone={() => ref.current?.removeAttribute("open")}
      />
    </details>
  );
}

/**
 * The card's "⋯" menu (issue #12 item 6): pin and delete, out of the way of every card. A disclosure, so it works
 * without JavaScript; Delete goes to a confirmation page, or asks in place when JavaScript runs.
 */
function PostMenu({ post }: { post: PostView }) {
  const t = useT();
  const submit = useSubmit();
  if (!post.can.pin && !post.can.delete) return null;
  return (
    <details className="post-menu">
      <summary aria-label={t("post.menu")} title={t("post.menu")}>
        <span aria-hidden="true">⋯</span>
      </summary>
      <div className="menu-items">
        {post.can.pin ? (
          <PostIntentButton
            intent={post.pinned ? "unpin" : "pin"}
            postId={post.id}
            label={post.pinned ? t("group.unpin") : t("group.pin")}
          />
        ) : null}
        {post.can.delete ? (
          <Link
            to={`/posts/${post.id}/delete`}
            className="danger"
            onClick={(e) => {
              e.preventDefault();
              if (confirm(t("post.deleteConfirm"))) {
                submit({ intent: "delete", postId: String(post.id) }, { method: "post" });
              }
            }}
          >
            {t("post.delete")}
          </Link>
        ) : null}
      </div>
    </details>
  );
}

export function PostTime({ at }: { at: number }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={formatDateTime(locale, at, timeZone)} suppressHydrationWarning>
      {formatRelative(locale, at)}
    </time>
  );
}

/** "게스트 · Guest (Company)" beside a guest's name, wherever it appears. */
export function GuestBadge({ person }: { person: { guest: boolean; organization: string } }) {
  const t = useT();
  if (!person.guest) return null;
  return (
    <span className="badge guest">
      {person.organization ? t("group.guestOf", { organization: person.organization }) : t("group.guestBadge")}
    </span>
  );
}

/**
 * A question's best answer under it in feeds, lists and search results (issue #9 item 2): who wrote it and the
 * start of its text, linking to it in the thread.
 */
export function BestAnswer({ post }: { post: Pick<PostView, "id" | "acceptedAnswer"> }) {
  const t = useT();
  const answer = post.acceptedAnswer;
  if (!answer) return null;
  return (
    <aside className="best-answer" aria-label={t("question.bestAnswerBy", { name: answer.author.name })}>
      <p className="best-answer-by">
        ✓ {t("question.bestAnswerBy", { name: answer.author.name })}
        {answer.votes > 0 ? <span className="muted"> · {t("question.votes", { count: answer.votes })}</span> : null}
      </p>
      <p className="best-answer-text">{answer.excerpt}</p>
      <Link to={`/posts/${post.id}#post-${answer.id}`}>{t("question.readBestAnswer")}</Link>
    </aside>
  );
}

/**
 * A post. What it offers (reply, react, vote, edit, delete, pin) comes from post.can, decided by app/access. On
 * a question's thread, `accept` is the question's `can.accept`: whether its answers offer Accept / Undo.
 */
export function PostCard({
  post,
  showThreadLink = true,
  accept = false,
}: {
  post: PostView;
  showThreadLink?: boolean;
  accept?: boolean;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  // Focus goes back to the post's Edit link when the editor closes (issue #12 item 3).
  const editLinkRef = useRef<HTMLAnchorElement>(null);
  const closedEditor = useRef(false);
  useEffect(() => {
    if (!editing && closedEditor.current) {
      closedEditor.current = false;
      editLinkRef.current?.focus();
    }
  }, [editing]);
  const closeEditor = () => {
    closedEditor.current = true;
    setEditing(false);
  };
  const question = post.kind === "question" && post.replyToId == null;
  const Heading = showThreadLink ? "h2" : "h1";
  return (
    <article
      className={`card post${post.announcement ? " announcement" : ""}${post.announcement?.urgent ? " urgent" : ""}`}
      aria-labelledby={`post-${post.id}-author`}
      id={`post-${post.id}`}
    >
      {post.anonymous ? (
        // An event's anonymous question (issue #10 §7): nobody to link to.
        <span aria-hidden="true">
          <Avatar user={{ id: 0, name: t("post.anonymous"), photoVersion: 0 }} size={44} />
        </span>
      ) : (
        <Link to={`/people/${post.author.handle}`} tabIndex={-1} aria-hidden="true">
          <Avatar user={post.author} size={44} />
        </Link>
      )}
      <div>
        <div className="post-meta">
          {post.anonymous ? (
            <span className="name" id={`post-${post.id}-author`} title={t("post.anonymousHint")}>
              {t("post.anonymous")}
            </span>
          ) : (
            <>
              <Link className="name" id={`post-${post.id}-author`} to={`/people/${post.author.handle}`}>
                {post.author.name}
              </Link>
              <GuestBadge person={post.author} />
              <span className="sub">{[post.author.title, post.author.department].filter(Boolean).join(" · ")}</span>
            </>
          )}
          <Link to={`/posts/${post.threadId}#post-${post.id}`} className="muted">
            <PostTime at={post.createdAt} />
          </Link>
          {post.editedAt ? (
            // The edit history, for everyone who can see the post (issue #12 item 4).
            <Link to={`/posts/${post.id}/history`} className="muted">
              ({t("post.edited")})
            </Link>
          ) : null}
          {post.replyToId && showThreadLink ? <span className="muted">· {t("post.inReplyTo")}</span> : null}
          {post.group ? (
            <Link to={`/groups/${post.group.slug}`} className="badge group">
              {post.group.visibility === "public" ? "" : "🔒 "}
              {post.group.name}
            </Link>
          ) : null}
          {post.pinned ? <span className="badge">📌 {t("group.pinnedBadge")}</span> : null}
          {question ? <span className="badge question">{t("question.badge")}</span> : null}
          {post.replyToId == null ? <AnnouncementBadges post={post} /> : null}
          {question && post.acceptedAnswerId != null ? (
            <span className="badge answered">✓ {t("question.answered")}</span>
          ) : null}
          {post.isAccepted ? <span className="badge answered">✓ {t("question.bestAnswer")}</span> : null}
        </div>
        {question && post.title ? (
          <Heading className="post-title">
            {showThreadLink ? <Link to={`/posts/${post.id}`}>{post.title}</Link> : post.title}
          </Heading>
        ) : null}
        {editing ? (
          <Composer
            intent="edit"
            postId={post.id}
            defaultValue={post.body}
            defaultTitle={question ? post.title : null}
            label={t("composer.editLabel")}
            focusOnOpen
            onCancel={closeEditor}
            onDone={closeEditor}
          />
        ) : (
          <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
        )}
        {question ? <AskedOf post={post} /> : null}
        {question && showThreadLink ? <BestAnswer post={post} /> : null}
        {post.can.react ? <Reactions post={post} /> : null}
        <div className="post-actions">
          {question || post.isAnswer ? <Votes post={post} /> : null}
          {question && !showThreadLink ? (
            <span className="muted">{t("question.answers", { count: post.replyCount })}</span>
          ) : null}
          {showThreadLink && (post.replyToId || question || !post.can.reply) ? (
            <Link to={`/posts/${post.threadId}`}>
              {post.replyToId
                ? t("post.viewThread")
                : question
                  ? t("question.answers", { count: post.replyCount })
                  : `${t("post.reply")}${post.replyCount ? ` · ${t("post.replies", { count: post.replyCount })}` : ""}`}
            </Link>
          ) : null}
          {showThreadLink && !post.replyToId && !question && post.replyCount > 0 && post.can.reply ? (
            <Link to={`/posts/${post.threadId}`}>{t("post.viewThread")}</Link>
          ) : null}
          {accept && post.isAnswer ? (
            <PostIntentButton
              intent={post.isAccepted ? "unaccept" : "accept"}
              postId={post.id}
              label={post.isAccepted ? t("question.unaccept") : t("question.accept")}
            />
          ) : null}
          {post.can.edit && !editing ? (
            <Link
              ref={editLinkRef}
              to={`/posts/${post.id}/edit`}
              onClick={(e) => {
                e.preventDefault();
                setEditing(true);
              }}
            >
              {t("post.edit")}
            </Link>
          ) : null}
          <SeenByLink post={post} />
          <PostMenu post={post} />
        </div>
        {showThreadLink ? <WhoReacted post={post} /> : null}
        {showThreadLink && !post.replyToId && !question && post.can.reply ? <InlineReply post={post} /> : null}
      </div>
    </article>
  );
}

export function FeedList({ posts, nextCursor }: { posts: PostView[]; nextCursor: string | null }) {
  const t = useT();
  return (
    <section className="stack" aria-label={t("profile.posts")}>
      {posts.length === 0 ? <p className="card muted">{t("feed.empty")}</p> : null}
      {posts.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
      {nextCursor ? (
        <p>
          <Link to={`?cursor=${nextCursor}`} className="button" rel="next">
            {t("feed.more")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
