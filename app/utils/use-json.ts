import { useEffect, useState } from "react";

/**
 * The JSON a resource route answers for `url` (null: nothing to ask), fetched `delayMs` after the last change,
 * the previous request aborted when a newer one starts. For suggestions and small lists that help while typing.
 *
 * Not a Remix fetcher on purpose: with lazy route discovery (a v3 future flag), a fetcher still discovering its
 * route when a form's action finishes is revalidated against routes that do not include it yet and throws a 404
 * into the page's error boundary (remix-run/remix#10263; fixed only in React Router 7). A person who typed a
 * question's title and pressed "Ask" saw "페이지를 찾을 수 없습니다" instead of their question. A suggestion that
 * fails is simply not shown.
 */
export function useJson<T>(url: string | null, delayMs = 0): T | undefined {
  const [state, setState] = useState<{ url: string; data: T } | undefined>();
  useEffect(() => {
    if (url == null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
        .then((res) => (res.ok ? (res.json() as Promise<T>) : undefined))
        .then((data) => {
          if (data !== undefined) setState({ url, data });
        })
        .catch(() => {
          // Aborted by a newer request, or the network failed: keep what is shown.
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [url, delayMs]);
  return url == null ? undefined : state?.data;
}
