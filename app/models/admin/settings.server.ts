// Company-wide settings that admins change at run time (environment variables are for operators).
import { rawStatement } from "#app/infra/db.server";

export type SettingKey =
  | "groups.membersMayCreate"
  | "events.membersMayCreate"
  | "workingHours.company"
  // Bumped with every change of the synonym groups (app/models/search/synonyms.server.ts).
  | "search.synonymsVersion";

export function getSetting(key: SettingKey): string | null {
  return (
    (rawStatement(`select value from settings where key = @key`).pluck().get({ key }) as string | undefined) ?? null
  );
}

export function setSetting(key: SettingKey, value: string) {
  rawStatement(
    `insert into settings (key, value) values (@key, @value) on conflict (key) do update set value = excluded.value`,
  ).run({ key, value });
}
