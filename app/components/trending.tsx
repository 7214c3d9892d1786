import { Link } from "@remix-run/react";
import { useT } from "#app/utils/use-t";

export function Trending({ tags }: { tags: { name: string; count: number }[] }) {
  const t = useT();
  return (
    <aside className="card" aria-labelledby="trending-title">
      <h2 id="trending-title">{t("feed.trending")}</h2>
      {tags.length === 0 ? <p className="muted">{t("feed.trendingEmpty")}</p> : null}
      <ul className="tag-list">
        {tags.map((tag) => (
          <li key={tag.name}>
            <Link to={`/hashtags/${encodeURIComponent(tag.name)}`}>#{tag.name}</Link>
            <span className="muted">{tag.count}</span>
          </li>
        ))}
      </ul>
      {/* Every hashtag one follows, and a search, on one page (issue #12 item 16). */}
      <p>
        <Link to="/hashtags">{t("hashtags.title")} →</Link>
      </p>
    </aside>
  );
}
