import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getUserPhoto, MAX_PHOTO_BYTES, setUserPhoto } from "#app/models/people/photo.server";
import { getProfile } from "#app/models/people/user.server";
import * as photoRoute from "#app/routes/photos.$userId";
import { loader as rootLoader } from "#app/root";
import * as settingsRoute from "#app/routes/settings";
import { readFlash } from "#app/web/flash.server";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

describe("profile photos", () => {
  it("re-encodes an upload as a 256px WebP square without EXIF", async () => {
    const user = await createTestUser();
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3451b2" } })
      .withExif({ IFD0: { Copyright: "secret-gps-owner" } })
      .jpeg()
      .toBuffer();
    expect(jpeg.includes("secret-gps-owner")).toBe(true);
    await setUserPhoto({ userId: user.id, bytes: jpeg });
    const stored = getUserPhoto(user.id)!;
    const meta = await sharp(stored.webp).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(stored.webp.includes("secret-gps-owner")).toBe(false);
    expect(getProfile({ handle: user.handle, viewer: viewerOf(user) }).photoVersion).toBe(1);

    const res = (await photoRoute.loader({
      request: makeRequest(`/photos/${user.id}`, { cookie: await sessionCookie(user.id) }),
      params: { userId: String(user.id) },
      context: {} as any,
    })) as Response;
    expect(res.headers.get("Content-Type")).toBe("image/webp");

    // The header's avatar (the root loader, from the session) shows the photo, not initials (issue #12 item 10).
    const root = (await rootLoader({
      request: makeRequest("/home", { cookie: await sessionCookie(user.id) }),
      params: {},
      context: {} as any,
    })) as any;
    expect((root.data ?? root).user).toMatchObject({ id: user.id, photoVersion: 1 });
  });

  it("refuses what is not a JPEG, PNG or WebP, and what is too large", async () => {
    const user = await createTestUser();
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "red" } })
      .gif()
      .toBuffer();
    await expect(setUserPhoto({ userId: user.id, bytes: gif })).rejects.toMatchObject({ status: 400 });
    await expect(
      setUserPhoto({ userId: user.id, bytes: new TextEncoder().encode("<svg onload=alert(1)>") }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(setUserPhoto({ userId: user.id, bytes: new Uint8Array(MAX_PHOTO_BYTES + 1) })).rejects.toMatchObject({
      status: 413,
    });
    expect(getUserPhoto(user.id)).toBeNull();
  });

  it("saving a photo in Settings says so (not a generic 'Settings saved'), and the header shows it", async () => {
    const user = await createTestUser();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#0a0" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.set("intent", "photo");
    form.set("photo", new File([new Uint8Array(png)], "me.png", { type: "image/png" }));
    const res = (await settingsRoute.action({
      request: new Request("http://localhost:3000/settings", {
        method: "POST",
        body: form,
        headers: { Cookie: await sessionCookie(user.id), Origin: "http://localhost:3000" },
      }),
      params: {},
      context: {} as any,
    })) as Response;
    expect(res.status).toBe(302);
    const flashCookie = res.headers.get("Set-Cookie")!.split(";")[0];
    const { flash } = await readFlash(
      new Request("http://localhost:3000/settings", { headers: { Cookie: flashCookie } }),
    );
    expect(flash).toBe("settings.photoUpdated");
    const root = (await rootLoader({
      request: makeRequest("/settings", { cookie: await sessionCookie(user.id) }),
      params: {},
      context: {} as any,
    })) as any;
    expect((root.data ?? root).user.photoVersion).toBe(1);
  });
});
