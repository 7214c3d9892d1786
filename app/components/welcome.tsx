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
                  <OneClick
                    intent="follow-person"
                    field="handle"
                    value={p.handle}
                    label={t("profile.follow")}
                    of={p.name}
                  />
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
                  <OneClick intent="join-group" field="slug" value={g.slug} label={t("groups.join")} of={g.name} />
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
                  <OneClick
                    intent="follow-hashtag"
                    field="tag"
                    value={h.name}
                    label={t("hashtag.follow")}
                    of={`#${h.name}`}
                  />
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

/** One suggestion's button: a plain form to Home's action (follow a person or hashtag, join a group). */
function OneClick({
  intent,
  field,
  value,
  label,
  of,
}: {
  intent: string;
  field: string;
  value: string;
  label: string;
  of: string;
}) {
  return (
    <Form method="post" action="/home">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={value} />
      <button type="submit" aria-label={`${label}: ${of}`}>
        {label}
      </button>
    </Form>
  );
}
