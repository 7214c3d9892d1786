import { Form, Link } from "@remix-run/react";
import type { KnowledgeStats } from "#app/models/questions/knowledge-stats.server";
import { formatDateTime, formatRelative } from "#app/utils/i18n";
import { formatDuration, formatShare, STATS_PERIODS, UNANSWERED_AFTER_DAYS } from "#app/utils/knowledge-stats";
import { useLocale, useT, useTimeZone } from "#app/utils/use-t";
import { Avatar } from "./avatar";

type Choice = { value: string; label: string };

/**
 * Knowledge stats (issue #9 item 7): a GET form to choose the period (and, on the company's page, a department
 * and a group), the figures, the top answerers and the questions left unanswered. A GET form and links only, so
 * it works without JavaScript; the figures wrap into as many columns as the screen holds.
 */
export function KnowledgeStatsView({
  stats,
  departments,
  groups,
}: {
  stats: KnowledgeStats;
  /** The department selector's departments; absent or empty (not a site admin): no selector. */
  departments?: string[];
  /** The group selector's groups; absent: no selector. */
  groups?: { slug: string; name: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const wait = (ms: number | null) => (ms == null ? t("knowledgeStats.none") : formatDuration(locale, ms));
  const { unanswered } = stats;
  return (
    <div className="stack knowledge-stats">
      <p className="muted">{t("knowledgeStats.intro")}</p>
      <Form method="get" className="card question-filters" aria-label={t("knowledgeStats.scopeLabel")}>
        <label>
          {t("knowledgeStats.period")}{" "}
          <select name="days" defaultValue={String(stats.days)}>
            {STATS_PERIODS.map((days) => (
              <option key={days} value={days}>
                {t("knowledgeStats.periodDays", { days })}
              </option>
            ))}
          </select>
        </label>
        {departments && departments.length > 0 ? (
          <Selector
            name="department"
            label={t("knowledgeStats.department")}
            value={stats.department ?? ""}
            choices={[
              { value: "", label: t("knowledgeStats.allDepartments") },
              ...departments.map((d) => ({ value: d, label: d })),
            ]}
          />
        ) : null}
        {groups ? (
          <Selector
            name="group"
            label={t("knowledgeStats.group")}
            value={stats.group?.slug ?? ""}
            choices={[
              { value: "", label: t("knowledgeStats.allGroups") },
              ...groups.map((g) => ({ value: g.slug, label: g.name })),
            ]}
          />
        ) : null}
        <button type="submit" className="button">
          {t("knowledgeStats.apply")}
        </button>
      </Form>
      {groups && !stats.group ? <p className="muted">{t("knowledgeStats.companyNote")}</p> : null}

      <dl className="stats-figures">
        <Figure label={t("knowledgeStats.asked")} value={String(stats.asked)} />
        <Figure
          label={t("knowledgeStats.answered")}
          value={formatShare(stats.answeredShare)}
          hint={`${t("knowledgeStats.ofAsked", { count: stats.answered, asked: stats.asked })} · ${t("knowledgeStats.answeredHint")}`}
        />
        <Figure
          label={t("knowledgeStats.resolved")}
          value={formatShare(stats.resolvedShare)}
          hint={`${t("knowledgeStats.ofAsked", { count: stats.resolved, asked: stats.asked })} · ${t("knowledgeStats.resolvedHint")}`}
        />
        <Figure label={t("knowledgeStats.medianFirst")} value={wait(stats.medianFirstAnswerMs)} />
        <Figure label={t("knowledgeStats.medianBest")} value={wait(stats.medianBestAnswerMs)} />
      </dl>

      <section className="card stack" aria-labelledby="top-answerers">
        <h2 id="top-answerers">{t("knowledgeStats.topAnswerers")}</h2>
        {stats.topAnswerers.length === 0 ? (
          <p className="muted">{t("knowledgeStats.noAnswerers")}</p>
        ) : (
          <div className="table-scroll">
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t("knowledgeStats.person")}</th>
                  <th scope="col">{t("knowledgeStats.answers")}</th>
                  <th scope="col">{t("knowledgeStats.bestAnswers")}</th>
                </tr>
              </thead>
              <tbody>
                {stats.topAnswerers.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/people/${p.handle}`} className="stats-person">
                        <Avatar user={p} size={28} />
                        <span>
                          {p.name}
                          {p.department ? <span className="muted"> · {p.department}</span> : null}
                        </span>
                      </Link>
                    </th>
                    <td>{p.answers}</td>
                    <td>{p.bestAnswers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="unanswered">
        <h2 id="unanswered">
          {t("knowledgeStats.unanswered", { days: UNANSWERED_AFTER_DAYS })}{" "}
          <span className="muted">({t("knowledgeStats.unansweredCount", { count: unanswered.total })})</span>
        </h2>
        {unanswered.total === 0 ? (
          <p className="muted">{t("knowledgeStats.noUnanswered", { days: UNANSWERED_AFTER_DAYS })}</p>
        ) : (
          <>
            <ol className="stats-unanswered">
              {unanswered.questions.map((q) => (
                <li key={q.id}>
                  <Link to={`/posts/${q.id}`}>{q.title}</Link>
                  <span className="muted">
                    {" "}
                    · {t("knowledgeStats.askedBy", { name: q.asker ? q.asker.name : t("post.anonymous") })}
                    {q.group ? ` · ${q.group.name}` : ""} ·{" "}
                    <time
                      dateTime={new Date(q.askedAt).toISOString()}
                      title={formatDateTime(locale, q.askedAt, timeZone)}
                      suppressHydrationWarning
                    >
                      {formatRelative(locale, q.askedAt)}
                    </time>
                  </span>
                </li>
              ))}
            </ol>
            {unanswered.total > unanswered.questions.length ? (
              <p className="muted">
                {t("knowledgeStats.unansweredMore", { shown: unanswered.questions.length, count: unanswered.total })}
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="card">
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {hint ? <span className="muted">{hint}</span> : null}
      </dd>
    </div>
  );
}

function Selector({ name, label, value, choices }: { name: string; label: string; value: string; choices: Choice[] }) {
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value}>
        {choices.map((c) => (
          <option key={c.value || "all"} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
