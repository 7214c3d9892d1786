// Korean pages arrive as clean UTF-8: no stray NUL bytes where a 3-byte syllable meets the renderer's buffer edge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, postForm, startServer, type SoriServer } from "./harness";

let server: SoriServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  cookie = await createAccount(server, "/setup", {
    name: "김민수",
    email: "minsu@sori.test",
    handle: "minsu.kim",
    department: "개발",
  });
  // Long Korean posts of different lengths, so page bytes cross many 2 KB buffer edges at every offset.
  const sentence = "오늘 회의에서 배포 일정과 온보딩 계획을 함께 정리했습니다. ";
  for (let i = 0; i < 12; i++) {
    const body = `${"가".repeat(i)} ${sentence.repeat(8 + i)} #배포`;
    expect((await postForm(server, "/home", { intent: "publish", body }, cookie)).status).toBe(302);
  }
});

afterAll(async () => {
  await server?.stop();
});

describe("server-rendered Korean pages", () => {
  it("contain no NUL bytes and decode as valid UTF-8", async () => {
    for (const path of ["/home", "/company", "/hashtags/%EB%B0%B0%ED%8F%AC", "/people/minsu.kim"]) {
      const res = await fetch(server.url + path, { headers: { Cookie: cookie, "Accept-Encoding": "identity" } });
      expect(res.status, path).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length, path).toBeGreaterThan(20_000);
      expect(bytes.indexOf(0), `${path} has a NUL byte`).toBe(-1);
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      expect(text, path).toContain("배포 일정과 온보딩");
    }
  });
});
