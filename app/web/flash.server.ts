import { createCookie, redirect } from "@remix-run/node";
import { isMessageKey, type MessageKey } from "#app/utils/i18n";

// A one-shot message shown after post/redirect/get; it holds only a message key, never user data.
const flashCookie = createCookie("sori_flash", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });

export async function redirectWithFlash(to: string, key: MessageKey, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(key));
  return redirect(to, { ...init, headers });
}

export async function readFlash(request: Request): Promise<{ flash: MessageKey | null; setCookie: string | null }> {
  const value = await flashCookie.parse(request.headers.get("Cookie"));
  if (!isMessageKey(value)) return { flash: null, setCookie: null };
  return { flash: value, setCookie: await flashCookie.serialize("", { maxAge: 0 }) };
}
