import { Form, Link } from "@remix-run/react";
import type { Welcome as WelcomeData } from "#app/models/feeds/welcome.server";
import { useT } from "#app/utils/use-t";
import { Avatar } from "./avatar";

/**
 * A newcomer's first Home (issue #12 item 8): what Home is, how far they are, and one-click follows — colleagues
 * of their department first, public groups, this week's hashtags. Plain forms: it works without JavaScript.
 */
export function Welcome({ welcome }: { welcome: WelcomeData }) {
  const t = useT();
  return (
    <>
      <section className="card stack welcome" aria-labelledby="welcome-title">
        <h2 id="welcome-title">{t("welcome.title", { name: welcome.name })}</h2>
        <p>{t("welcome.intro")}</p>
        <p className="muted">
          <progress max={welcome.goal} value={welcome.following} aria-hidden="true" />{" "}
          {t("welcome.progress", { count: welcome.following, goal: welcome.goal })}
        </p>
        {welcome.people.length > 0 ? (
          <section aria-labelledby="welcome-people">
            <h3 id="welcome-people">{t("welcome.people")}</h3>
            <ul className="welcome-people">
              {welcome.people.map((p) => (
                <li key={p.id}>
                  <Avatar user={p} size={40} />
                  <div>
                    <Link to={`/people/${p.handle}`}>
                      <strong>{p.name}</strong>
                    </Link>
                    <div className="muted">{[p.title, p.department].filter(Boolean).join(" · ")}</div>
                  </div>
                  <Form method="post" action="/home">
                    <input type="hidden" name="intent" value="follow-person" />
                    <input type="hidden" name="handle" value={p.handle} />
                    <button type="submit" aria-label={`${t("profile.follow")}: ${p.name}`}>
                      {t("profile.follow")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {welcome.groups.length > 0 ? (
          <section aria-labelledby="welcome-groups">
            <h3 id="welcome-groups">{t("welcome.groups")}</h3>
            <ul className="welcome-list">
              {welcome.groups.map((g) => (
                <li key={g.slug}>
                  <Link to={`/groups/${g.slug}`}>{g.name}</Link>{" "}
                  <span className="muted">{t("welcome.members", { count: g.members })}</span>
                  <Form method="post" action="/home">
                    <input type="hidden" name="intent" value="join-group" />
                    <input type="hidden" name="slug" value={g.slug} />
                    <button type="submit" aria-label={`${t("groups.join")}: ${g.name}`}>
                      {t("groups.join")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {welcome.hashtags.length > 0 ? (
          <section aria-labelledby="welcome-hashtags">
            <h3 id="welcome-hashtags">{t("welcome.hashtags")}</h3>
            <ul className="welcome-list">
              {welcome.hashtags.map((h) => (
                <li key={h.name}>
                  <Link to={`/hashtags/${encodeURIComponent(h.name)}`}>#{h.name}</Link>{" "}
                  <span className="muted">{t("hashtag.posts", { count: h.count })}</span>
                  <Form method="post" action="/home">
                    <input type="hidden" name="intent" value="follow-hashtag" />
                    <input type="hidden" name="tag" value={h.name} />
                    <button type="submit" aria-label={`${t("hashtag.follow")}: #${h.name}`}>
                      {t("hashtag.follow")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>
      <h2>{t("welcome.companyPosts")}</h2>
    </>
  );
}
