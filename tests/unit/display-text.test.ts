// Text other people see — group names and descriptions, bios — carries no bidi controls (a spoofed
// "‮moc.elpmaxe" reads as example.com) and a name is never only invisible characters (issue #8.12).
import { describe, expect, it } from "vitest";
import { GroupFieldsSchema } from "#app/models/groups/group.server";
import { ProfileSettingsSchema } from "#app/utils/validation";

const RLO = "\u202e";

describe("display text", () => {
  it("strips bidi controls from group names and descriptions", () => {
    const parsed = GroupFieldsSchema.parse({
      name: `${RLO}moc.elpmaxe 팀`,
      description: `공지 ${RLO}fdp.exe`,
      visibility: "public",
    });
    expect(parsed.name).toBe("moc.elpmaxe 팀");
    expect(parsed.description).toBe("공지 fdp.exe");
  });

  it("refuses a group name of only invisible characters", () => {
    const result = GroupFieldsSchema.safeParse({ name: `\u200b${RLO}\u3164`, visibility: "public" });
    expect(result.success).toBe(false);
  });

  it("strips bidi controls from a bio", () => {
    const parsed = ProfileSettingsSchema.parse({
      name: "김민수",
      bio: `Engineer ${RLO}gnp.exe`,
      locale: "",
      timeZone: "Asia/Seoul",
    });
    expect(parsed.bio).toBe("Engineer gnp.exe");
  });
});
