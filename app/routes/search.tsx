import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { parseSearchParams, searchContent, type SearchPage } from "#app/models/search/search.server";
import { requireViewer } from "#app/web/auth.server";
import { AppError, type FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";
import { useJson } from "#app/utils/use-json";
import { Avatar } from "#app/components/avatar";
import { BestAnswer, GuestBadge, PostTime } from "#app/components/post-card";
import { contentTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => contentTitle(matches, data?.q, "search.title");

const TYPES = ["posts", "questions", "people", "hashtags", "groups"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, viewer } = await requireViewer(request);
  const params = new URL(request.url).searchParams;
  const q = params.get("q") ?? "";
  const echo = Object.fromEntries(
    ["q", "type", "author", "hashtag", "kind", "answered", "from", "to", "group", "sort"].map((k) => [
      k,
      params.get(k) ?? "",
    ]),
  );
  try {
    const input = parseSearchParams(params, { timeZone: user.timeZone, viewer });
    // An author or a hashtag filter is a search of its own, with or without words (issue #12 item 14).
    if (q.trim() === "" && !echo.author && !echo.hashtag) {
      return { q, echo, page: null as SearchPage | null, errors: null as FieldErrors | null };
    }
    const page = await searchContent({ viewer, ...input });
    return { q, echo, page, errors: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const errors = error.fields ?? { q: { key: error.messageKey, vars: error.vars } };
    return data({ q, echo, page: null, errors }, { status: error.status });
  }
}

export default function Search() {
  const { q, echo, page, errors } = useLoaderData<typeof loader>();
  const t = useT();
  const fieldError = useFieldError();
  const type = (TYPES as readonly string[]).includes(echo.type) ? echo.type : "posts";
  const linkFor = (overrides: Record<string, string>) => {
    const p = new URLSearchParams(Object.entries({ ...echo, ...overrides }).filter(([, v]) => v !== ""));
    return `/search?${p}`;
  };
  return (
    <div className="stack" style={{ maxWidth: 860 }}>
      <h1>{t("search.title")}</h1>
      <Form method="get" className="card stack" role="search">
        <div className="field">
          <label htmlFor="search-q">{t("nav.search")}</label>
          <input
            id="search-q"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={500}
            aria-invalid={fieldError(errors ?? undefined, "q") ? true : undefined}
            aria-describedby="search-q-error"
          />
          {fieldError(errors ?? undefined, "q") ? (
            <p className="error" id="search-q-error" role="alert">
              {fieldError(errors ?? undefined, "q")}
            </p>
          ) : null}
        </div>
        <input type="hidden" name="type" value={type} />
        {type === "posts" || type === "questions" ? (
          // One "Filters" disclosure: on the phone it stays folded so the first result is above the fold (issue
          // #12 item 14); on a wide screen, or with a filter set, it opens.
          <FiltersFold
            active={["author", "hashtag", "group", "from", "to", "kind", "answered"].some((k) => echo[k]) || !!errors}
          >
            <div className="filters">
              <AuthorField value={echo.author} error={fieldError(errors ?? undefined, "author")} />
              <FilterField
                name="hashtag"
                label={t("search.hashtag")}
                value={echo.hashtag}
                error={fieldError(errors ?? undefined, "hashtag")}
              />
              <FilterField
                name="group"
                label={t("search.group")}
                value={echo.group}
                error={fieldError(errors ?? undefined, "group")}
              />
              <FilterField
                name="from"
                type="date"
                label={t("search.from")}
                value={echo.from}
                error={fieldError(errors ?? undefined, "from")}
              />
              <FilterField
                name="to"
                type="date"
                label={t("search.to")}
                value={echo.to}
                error={fieldError(errors ?? undefined, "to")}
              />
              {type === "questions" ? (
                <div className="field">
                  <label htmlFor="search-answered">{t("questionSearch.answered")}</label>
                  <select id="search-answered" name="answered" defaultValue={echo.answered}>
                    <option value="">{t("questionSearch.answeredAll")}</option>
                    <option value="1">{t("questionSearch.answeredYes")}</option>
                    <option value="0">{t("questionSearch.answeredNo")}</option>
                  </select>
                  {fieldError(errors ?? undefined, "answered") ? (
                    <p className="error">{fieldError(errors ?? undefined, "answered")}</p>
                  ) : null}
                </div>
              ) : (
                <div className="field">
                  <label htmlFor="search-kind">{t("search.kind")}</label>
                  <select id="search-kind" name="kind" defaultValue={echo.kind}>
                    <option value="">{t("search.kindAll")}</option>
                    <option value="update">{t("kind.update")}</option>
                    <option value="question">{t("kind.question")}</option>
                    <option value="announcement">{t("kind.announcement")}</option>
                  </select>
                </div>
              )}
              <div className="field">
                <label htmlFor="search-sort">{t("search.sort")}</label>
                <select id="search-sort" name="sort" defaultValue={echo.sort || "relevance"}>
                  <option value="relevance">{t("search.sortRelevance")}</option>
                  <option value="newest">{t("search.sortNewest")}</option>
                </select>
              </div>
            </div>
          </FiltersFold>
        ) : null}
        <div>
          <button type="submit" className="primary">
            {t("search.apply")}
          </button>
        </div>
      </Form>
      <nav className="tabs" aria-label={t("search.title")}>
        {TYPES.map((tab) => (
          <Link
            key={tab}
            // The answered filter belongs to the Questions tab, the kind filter to Posts.
            to={linkFor({ type: tab, cursor: "", ...(tab === "questions" ? { kind: "" } : { answered: "" }) })}
            aria-current={tab === type ? "page" : undefined}
          >
            {t(`search.${tab}`)}
          </Link>
        ))}
      </nav>
      {page ? (
        <Results
          page={page}
          q={q}
          nextHref={page.nextCursor ? linkFor({ cursor: page.nextCursor }) : null}
          didYouMeanHref={page.didYouMean ? linkFor({ q: page.didYouMean, cursor: "" }) : null}
        />
      ) : !errors ? (
        <p className="muted">{t("search.prompt")}</p>
      ) : null}
    </div>
  );
}

/** Wide screens open the filters; a phone keeps them behind their button unless one is set. */
function FiltersFold({ active, children }: { active: boolean; children: React.ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(active);
  useEffect(() => {
    if (!active && window.matchMedia("(min-width: 700px)").matches) setOpen(true);
  }, [active]);
  return (
    <details className="filters-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("search.filters")}</summary>
      {children}
    </details>
  );
}

/** The author filter: a name or a handle, with people suggested as one types (a datalist of handles). */
function AuthorField({ value, error }: { value: string; error?: string }) {
  const t = useT();
  const [typed, setTyped] = useState(value);
  const q = typed.trim().replace(/^@/, "");
  const suggest = useJson<{ people: { handle: string; name: string; department: string }[] }>(
    q.length >= 1 ? `/people/suggest?q=${encodeURIComponent(q)}` : null,
  );
  return (
    <div className="field">
      <label htmlFor="search-author">{t("search.author")}</label>
      <input
        id="search-author"
        type="text"
        name="author"
        defaultValue={value}
        list="search-author-people"
        autoComplete="off"
        placeholder={t("search.authorHint")}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "search-author-error" : undefined}
        onInput={(e) => setTyped(e.currentTarget.value)}
      />
      <datalist id="search-author-people">
        {(suggest?.people ?? []).map((p) => (
          <option key={p.handle} value={p.handle}>
            {`${p.name} · ${p.department}`}
          </option>
        ))}
      </datalist>
      {error ? (
        <p className="error" id="search-author-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function FilterField({
  name,
  label,
  value,
  type = "text",
  error,
}: {
  name: string;
  label: string;
  value: string;
  type?: string;
  error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`search-${name}`}>{label}</label>
      <input
        id={`search-${name}`}
        type={type}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const GROUP_VISIBILITY_LABEL = {
  public: "search.groupPublic",
  private: "search.groupPrivate",
  secret: "search.groupSecret",
} as const;

function Results({
  page,
  q,
  nextHref,
  didYouMeanHref,
}: {
  page: SearchPage;
  q: string;
  nextHref: string | null;
  didYouMeanHref: string | null;
}) {
  const t = useT();
  return (
    <section className="stack" aria-live="polite">
      <p className="muted">
        {page.results.length === 0
          ? t("search.none", { q })
          : t("search.count", { count: page.totalExact ? page.total : `${page.total}+`, q })}
      </p>
      {page.results.length === 0 && page.didYouMean && didYouMeanHref ? (
        <p className="did-you-mean">
          {t("search.didYouMean")}{" "}
          <Link to={didYouMeanHref} rel="nofollow">
            {page.didYouMean}
          </Link>
        </p>
      ) : null}
      {page.type === "questions"
        ? page.results.map(({ post, snippet }) => (
            <article key={post.id} className="card post">
              <Avatar user={post.author} size={40} />
              <div>
                <h2 className="post-title">
                  <Link to={`/posts/${post.id}`}>{post.title}</Link>
                </h2>
                <div className="post-meta">
                  {post.acceptedAnswerId != null ? <span className="badge">{t("question.answered")}</span> : null}
                  <span className="muted">{t("question.votes", { count: post.votes })}</span>
                  <span className="muted">{t("question.answers", { count: post.replyCount })}</span>
                  <Link className="name" to={`/people/${post.author.handle}`}>
                    {post.author.name}
                  </Link>
                  <PostTime at={post.createdAt} />
                </div>
                <p className="post-body search-snippet" dangerouslySetInnerHTML={{ __html: snippet }} />
                <BestAnswer post={post} />
              </div>
            </article>
          ))
        : null}
      {page.type === "posts"
        ? page.results.map(({ post, snippet }) => (
            <article key={post.id} className="card post">
              <Avatar user={post.author} size={40} />
              <div>
                <div className="post-meta">
                  <Link className="name" to={`/people/${post.author.handle}`}>
                    {post.author.name}
                  </Link>
                  <span className="sub">{post.author.department}</span>
                  <Link to={`/posts/${post.threadId}#post-${post.id}`} className="muted">
                    <PostTime at={post.createdAt} />
                  </Link>
                </div>
                <p className="post-body search-snippet" dangerouslySetInnerHTML={{ __html: snippet }} />
                <BestAnswer post={post} />
                <Link to={`/posts/${post.threadId}#post-${post.id}`}>{t("post.viewThread")}</Link>
              </div>
            </article>
          ))
        : null}
      {page.type === "people" ? (
        <ul className="people-grid">
          {page.results.map((p) => (
            <li key={p.id} className="card person">
              <Avatar user={p} size={48} />
              <div>
                <Link to={`/people/${p.handle}`}>
                  <strong dangerouslySetInnerHTML={{ __html: p.highlights.name }} />
                </Link>{" "}
                <GuestBadge person={p} />
                <div className="muted">@{p.handle}</div>
                <div className="muted">{[p.title, p.department].filter(Boolean).join(" · ")}</div>
                {!p.active ? <div className="error">{t("profile.deactivated")}</div> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {page.type === "groups" ? (
        <ul className="stack">
          {page.results.map((g) => (
            <li key={g.slug} className="card">
              <Link to={`/groups/${encodeURIComponent(g.slug)}`}>
                <strong dangerouslySetInnerHTML={{ __html: g.highlights.name }} />
              </Link>{" "}
              <span className="muted">
                {t(GROUP_VISIBILITY_LABEL[g.visibility])} · {t("search.groupMembers", { count: g.memberCount })}
              </span>
              {g.description ? (
                <p className="search-snippet" dangerouslySetInnerHTML={{ __html: g.highlights.description }} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {page.type === "hashtags" ? (
        <ul className="card tag-list">
          {page.results.map((h) => (
            <li key={h.id}>
              <Link to={`/hashtags/${encodeURIComponent(h.name)}`}>
                #<span dangerouslySetInnerHTML={{ __html: h.snippet }} />
              </Link>
              <span className="muted">{t("hashtag.posts", { count: h.postCount })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {nextHref ? (
        <Link className="button" to={nextHref} rel="next">
          {t("search.more")}
        </Link>
      ) : null}
    </section>
  );
}
