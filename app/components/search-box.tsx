import { Form, useNavigate, useSearchParams } from "@remix-run/react";
import { useId, useState } from "react";
import { useT } from "#app/utils/use-t";
import { useJson } from "#app/utils/use-json";

export type Suggestions = {
  people: { handle: string; name: string; department: string; title: string }[];
  hashtags: { name: string; postCount: number }[];
  groups: { slug: string; name: string; memberCount: number }[];
  posts: { id: number; threadId: number; snippet: string; authorName: string }[];
};

type Option = { key: string; href: string; label: React.ReactNode; group: "people" | "hashtags" | "groups" | "posts" };

/** The header search: a plain GET form to /search, with suggestions as you type when JavaScript runs. */
export function SearchBox() {
  const t = useT();
  const id = useId();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [query, setQuery] = useState(params.get("q") ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const data = useJson<Suggestions>(query.trim() ? `/search/suggest?q=${encodeURIComponent(query.trim())}` : null, 120);
  const options: Option[] = [
    ...(data?.people ?? []).map((p) => ({
      key: `p-${p.handle}`,
      href: `/people/${p.handle}`,
      group: "people" as const,
      label: (
        <>
          <strong>{p.name}</strong>{" "}
          <span className="muted">
            @{p.handle} · {p.department}
          </span>
        </>
      ),
    })),
    ...(data?.hashtags ?? []).map((h) => ({
      key: `h-${h.name}`,
      href: `/hashtags/${encodeURIComponent(h.name)}`,
      group: "hashtags" as const,
      label: (
        <>
          #{h.name} <span className="muted">{t("hashtag.posts", { count: h.postCount })}</span>
        </>
      ),
    })),
    ...(data?.groups ?? []).map((g) => ({
      key: `g-${g.slug}`,
      href: `/groups/${encodeURIComponent(g.slug)}`,
      group: "groups" as const,
      label: (
        <>
          <strong>{g.name}</strong> <span className="muted">{t("search.groupMembers", { count: g.memberCount })}</span>
        </>
      ),
    })),
    ...(data?.posts ?? []).map((p) => ({
      key: `t-${p.id}`,
      href: `/posts/${p.threadId}#post-${p.id}`,
      group: "posts" as const,
      label: (
        <>
          <span className="muted">{p.authorName}: </span>
          <span dangerouslySetInnerHTML={{ __html: p.snippet }} />
        </>
      ),
    })),
  ];
  const expanded = open && options.length > 0;

  function go(option: Option) {
    setOpen(false);
    navigate(option.href);
  }

  return (
    <Form
      method="get"
      action="/search"
      role="search"
      className="search-box"
      // Searching closes the suggestions before the results page shows (issue #12 item 13): left open they
      // covered its filters.
      onSubmit={() => setOpen(false)}
    >
      <label htmlFor={id} className="visually-hidden">
        {t("nav.search")}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        value={query}
        placeholder={t("search.placeholder")}
        autoComplete="off"
        maxLength={500}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          // Enter and arrows belong to the Korean (or any) IME while a syllable is being composed.
          if (e.nativeEvent.isComposing) return;
          if (e.key === "Enter" && active < 0) {
            setOpen(false);
            return;
          }
          if (!expanded) return;
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => (a + 1) % options.length);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
          } else if (e.key === "Enter" && active >= 0) {
            e.preventDefault();
            go(options[active]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        className="search-suggestions"
        hidden={!expanded}
        aria-label={t("nav.search")}
      >
        {options.map((o, i) => (
          <li
            key={o.key}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            data-group={o.group}
            onMouseDown={(e) => {
              e.preventDefault();
              go(o);
            }}
          >
            {o.label}
          </li>
        ))}
      </ul>
    </Form>
  );
}
