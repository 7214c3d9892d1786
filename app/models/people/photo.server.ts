import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { userPhotos, users } from "#db/schema";
import { getDb, IMMEDIATE } from "#app/infra/db.server";
import { AppError } from "#app/utils/errors";
import { recordEvent } from "#app/events/domain-events.server";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ACCEPTED = new Set(["jpeg", "png", "webp"]);

/** Replaces the user's photo: the upload is decoded, turned upright, cropped to a square, re-encoded as WebP;
 * nothing of the original file (EXIF, GPS, colour profile, trailing bytes) is kept. */
export async function setUserPhoto({ userId, bytes }: { userId: number; bytes: Uint8Array }) {
  if (bytes.byteLength === 0) throw new AppError(400, "photo_type", "error.photoType", { photo: "error.photoType" });
  if (bytes.byteLength > MAX_PHOTO_BYTES) {
    throw new AppError(413, "photo_too_large", "error.photoSize", { photo: "error.photoSize" });
  }
  let webp: Buffer;
  try {
    const image = sharp(bytes, { limitInputPixels: 40_000_000 });
    const meta = await image.metadata();
    if (!meta.format || !ACCEPTED.has(meta.format)) throw new Error("type");
    webp = await image.rotate().resize(256, 256, { fit: "cover" }).webp({ quality: 82 }).toBuffer();
  } catch {
    throw new AppError(400, "photo_type", "error.photoType", { photo: "error.photoType" });
  }
  getDb().transaction((tx) => {
    tx.insert(userPhotos)
      .values({ userId, webp, updatedAt: new Date() })
      .onConflictDoUpdate({ target: userPhotos.userId, set: { webp, updatedAt: new Date() } })
      .run();
    tx.update(users)
      .set({ photoVersion: sql`${users.photoVersion} + 1` })
      .where(eq(users.id, userId))
      .run();
    recordEvent({ type: "user.changed", userId });
  }, IMMEDIATE);
}

export function getUserPhoto(userId: number) {
  return (
    getDb()
      .select({ webp: userPhotos.webp, updatedAt: userPhotos.updatedAt })
      .from(userPhotos)
      .where(eq(userPhotos.userId, userId))
      .get() ?? null
  );
}
