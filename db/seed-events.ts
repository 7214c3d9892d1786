// The demo company's live events (issue #10 §9), run through the use cases like everything else in the seed: a past
// town hall "2026 하반기 타운홀" (named and anonymous questions with votes, the CEO's written answers, questions
// answered aloud and some never reached, comments by segment, a closed poll with its results) ended by the CEO, so
// the §7 archive turns its answered questions into Q&A threads with a summary post; an upcoming CEO open Q&A with
// questions asked ahead and voted on; and a past seminar in the engineering group with comments on each slide.
//
// An event can only be run while it is live, so each past one is run now and then moved back to its date: its
// schedule, segments, questions, comments and poll are shifted by the same amount before it is ended (the archive
// then reads the real dates; its posts are dated when they are written, like every post). Deterministic: fixed
// content, and voters picked by index.
import { getViewerById } from "#app/access/viewer.server";
import type { Viewer } from "#app/access/rules";
import { rawStatement } from "#app/infra/db.server";
import { postEventComment, setEventCommentReaction } from "#app/models/events/event-comments.server";
import { moderateEventQuestion } from "#app/models/events/event-moderation.server";
import { createEventPoll, setEventPollStatus, voteEventPoll } from "#app/models/events/event-polls.server";
import { askEventQuestion, replyToEventQuestion, setEventVote } from "#app/models/events/event-questions.server";
import { setEventSegment } from "#app/models/events/event-segments.server";
import { createEvent, setEventState } from "#app/models/events/event.server";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const KST = 9 * HOUR;

/** A question: who asks, anonymously or not, how many colleagues vote, and the answer (written, aloud, or none). */
type SeedEventQuestion = {
  by: string;
  body: string;
  anonymous?: boolean;
  votes: number;
  /** A written answer; "" answered aloud only; undefined never reached. */
  answer?: string;
  /** Attendees' replies under it. */
  replies?: [by: string, body: string][];
};

type SeedSegment = { title: string; comments: [by: string, body: string][] };

// Voters and commenters come from the whole company (the town hall) or the engineering group (the seminar).
const VOTERS = [
  "minsu.kim", "seoyeon.lee", "jihoon.park", "yujin.choi", "taeyoon.jung", "haeun.kang", "minjae.cho", "subin.lim",
  "james.wilson", "priya.raman", "lucas.martin", "donguk.han", "jia.song", "emily.carter", "junho.bae", "narae.shin",
  "sohee.kwon", "noah.kim", "junyoung.hwang", "jisu.ahn", "hyunwoo.yoo", "michael.chen", "eunbi.noh",
  "sarah.almansouri", "jaemin.jeon", "chaewon.moon", "seojun.yang", "olivia.bennett", "dain.son", "seungwoo.baek",
  "chloe.dubois", "harin.kim", "soyeon.park", "grace.lee", "minho.jang", "jiwoo.choi", "taemin.ryu", "min.namgung",
  "hannah.schmidt", "bonjae.koo", "hajun.lee", "daniel.brooks", "mirae.yoon", "yejin.seo", "sungmin.hong",
]; // prettier-ignore
const ENGINEERS = [
  "seoyeon.lee", "jihoon.park", "yujin.choi", "taeyoon.jung", "haeun.kang", "minjae.cho", "subin.lim", "james.wilson",
  "priya.raman", "lucas.martin", "donguk.han",
]; // prettier-ignore

const TOWN_HALL_SEGMENTS: SeedSegment[] = [
  {
    title: "상반기 돌아보기",
    comments: [
      ["seoyeon.lee", "상반기 MAU 그래프 보니 뿌듯하네요 👏"],
      ["michael.chen", "Great to see APAC numbers on the slide!"],
      ["jaemin.jeon", "부산 오피스에서도 잘 보고 있습니다 🌊"],
      ["harin.kim", "채용 42명… 인사팀 모두 고생 많으셨습니다"],
      ["lucas.martin", "Watching from Paris, the stream is smooth today."],
    ],
  },
  {
    title: "하반기 전략과 OKR",
    comments: [
      ["jihoon.park", "검색 품질 OKR이 전사 목표에 들어간 게 인상적이네요"],
      ["chaewon.moon", "Sori 2.0 런칭 일정 공유해 주셔서 감사합니다!"],
      ["sarah.almansouri", "MENA expansion in Q4 — exciting for the Dubai team."],
      ["subin.lim", "지표 대시보드는 다음 주에 공유드릴게요 📊"],
    ],
  },
  {
    title: "조직과 일하는 방식",
    comments: [
      ["soyeon.park", "유연근무 가이드는 다음 주 월요일에 공지됩니다"],
      ["taeyoon.jung", "부산 오피스 증설 소식 반갑습니다!"],
      ["grace.lee", "Global onboarding buddies start in September 🌏"],
      ["minjae.cho", "사내 스터디 지원 확대 좋아요 📚"],
    ],
  },
  {
    title: "자유 질의응답",
    comments: [
      ["yujin.choi", "질문이 정말 많이 올라오네요"],
      ["emily.carter", "Thank you for answering the anonymous ones too."],
      ["jiwoo.choi", "고객 이야기를 자주 해주셔서 좋았습니다"],
      ["narae.shin", "다음 타운홀도 기대할게요 ✨"],
    ],
  },
];

const TOWN_HALL_QUESTIONS: SeedEventQuestion[] = [
  {
    by: "jihoon.park",
    body: "하반기에 검색 인프라를 Meilisearch로 옮기는 계획이 있나요? 고객사 데이터가 커지면서 검색 속도 문의가 늘고 있습니다.",
    votes: 18,
    answer:
      "네, 검토 중입니다. 연말까지는 내장 엔진(SQLite FTS5)을 계속 쓰고, **문서 100만 건을 넘는 고객사부터** Meilisearch 옵션을 제공하려고 합니다. 기술 검토는 제임스와 지훈 님이 맡아 주세요.",
    replies: [["james.wilson", "Happy to run the benchmark at 1M posts and share it in #engineering."]],
  },
  {
    by: "harin.kim",
    body: "재택근무 기준이 팀마다 달라서 혼란스럽다는 이야기가 많습니다. 전사 공통 기준을 만들 계획이 있으신가요?",
    anonymous: true,
    votes: 27,
    answer:
      "좋은 질문 감사합니다. 9월 중에 전사 공통 **유연근무 가이드**를 발표하겠습니다. 기본은 주 2일 재택이고, 육아기 직원은 주 3일까지 보장합니다. 팀 사정에 따른 예외는 인사팀과 협의해 주세요.",
  },
  {
    by: "michael.chen",
    body: "Will the Singapore office get its own customer success team, or will it keep being covered from Seoul?",
    votes: 9,
    answer:
      "Yes — we will hire two customer success managers in Singapore in Q4. Until then Jiwoo's team keeps covering APAC from Seoul, with an overlap shift in the afternoon.",
  },
  {
    by: "seungwoo.baek",
    body: "올해 성과급 기준이 작년과 달라지나요? OKR 달성률이 어느 정도 반영되는지 궁금합니다.",
    anonymous: true,
    votes: 31,
    answer:
      "기준 자체는 작년과 같습니다. 회사 성과 50%, 팀 OKR 30%, 개인 기여 20%입니다. 달라지는 점은 **분기마다 중간 리뷰**를 해서 연말에 처음 듣는 일이 없도록 하는 것입니다.",
  },
  {
    by: "jaemin.jeon",
    body: "부산 오피스 인원이 계속 늘고 있는데, 회의실이 부족합니다. 공간 확장 계획이 있나요?",
    votes: 12,
    answer:
      "11월에 같은 건물 7층을 추가로 계약했습니다. 회의실 4개와 포커스룸 6개가 생깁니다. 서예진 님이 일정을 공지해 주실 거예요.",
    replies: [
      ["hajun.lee", "드디어! 감사합니다 🙏"],
      ["yejin.seo", "입주는 11월 셋째 주 예정입니다. 자세한 건 총무 공지로 알려드릴게요."],
    ],
  },
  {
    by: "emily.carter",
    body: "How will the design system 'Haneul' be staffed next half? It supports three product teams with two people today.",
    votes: 7,
    answer:
      "We are opening one more design system role this quarter, and each product team will lend a designer for one sprint per quarter. Jia will share the rotation.",
  },
  {
    by: "minjae.cho",
    body: "주니어 개발자 대상 멘토링 프로그램을 정식으로 운영할 계획이 있나요?",
    anonymous: true,
    votes: 15,
    answer:
      "네. 10월부터 시니어 1명과 주니어 2명이 한 조가 되는 멘토링을 6개월 단위로 운영합니다. 멘토 활동은 평가에서 기여로 인정합니다.",
  },
  {
    by: "dain.son",
    body: "소리 레터를 고객사에도 보내자는 의견이 있는데, 대표님 생각은 어떠신가요?",
    votes: 6,
    answer: "",
  },
  {
    by: "priya.raman",
    body: "Field sales keep asking whether Sori could work offline on their phones. Is that on the roadmap?",
    votes: 10,
    answer: "",
  },
  {
    by: "junho.bae",
    body: "사내 카페 운영 시간을 저녁 7시까지 늘릴 수 있을까요?",
    anonymous: true,
    votes: 5,
  },
  {
    by: "hyunwoo.yoo",
    body: "제조 고객사 대상 온프레미스 설치 지원을 내년에도 계속하나요?",
    votes: 4,
  },
  {
    by: "noah.kim",
    body: "Could we hold one town hall a year in English first, with Korean subtitles?",
    votes: 8,
  },
];

const OPEN_QA_QUESTIONS: SeedEventQuestion[] = [
  {
    by: "jisu.ahn",
    body: "2027년에 공공 시장에 본격적으로 진출하나요? CSAP 인증 일정이 궁금합니다.",
    votes: 11,
  },
  {
    by: "olivia.bennett",
    body: "What are the top three company priorities for 2027, and how will we know we achieved them?",
    votes: 14,
  },
  {
    by: "taemin.ryu",
    body: "연말 워크숍은 올해도 제주에서 하나요? 가족 동반 가능 여부도 궁금합니다.",
    anonymous: true,
    votes: 9,
  },
  {
    by: "donguk.han",
    body: "보안 교육이 연 1회인데, 분기별로 짧게 바꾸는 건 어떨까요?",
    votes: 3,
  },
  {
    by: "soyeon.park",
    body: "내년 연봉 협상 시기가 1월에서 3월로 바뀐다는 이야기가 있던데 사실인가요?",
    anonymous: true,
    votes: 22,
  },
  {
    by: "hannah.schmidt",
    body: "Will the EMEA team get a budget for local customer events in Berlin and Paris next year?",
    votes: 6,
  },
];

const SEMINAR_SEGMENTS: SeedSegment[] = [
  {
    title: "왜 SQLite FTS5인가",
    comments: [
      ["seoyeon.lee", "서버 하나로 회사 전체를 돌린다는 게 아직도 신기해요"],
      ["lucas.martin", "Single file, WAL, no ops — love it."],
      ["minjae.cho", "FTS5 처음 들어봤는데 설명이 쉬워요"],
    ],
  },
  {
    title: "trigram과 두 글자 한국어",
    comments: [
      ["subin.lim", "'회의'가 검색 안 되던 이유가 이거였군요!"],
      ["priya.raman", "The bigram side table is a neat trick."],
      ["haeun.kang", "QA 케이스에 2음절 검색어 추가해 둘게요 🐛"],
    ],
  },
  {
    title: "권한 필터링은 엔진 안에서",
    comments: [
      ["donguk.han", "limit 전에 필터링해야 개수로도 새지 않는다 — 중요한 포인트"],
      ["yujin.choi", "비공개 그룹 검색 테스트가 계약 테스트로 있는 게 든든합니다"],
    ],
  },
  {
    title: "벤치마크: 100만 건에서 p95",
    comments: [
      ["jihoon.park", "p95 50ms 안쪽이면 충분하네요"],
      ["taeyoon.jung", "모바일에서도 체감이 확실히 빨라졌어요 📱"],
      ["james.wilson", "Numbers are from this laptop, 2 cores, load client on the same box."],
    ],
  },
  {
    title: "Meilisearch로 넘어갈 때",
    comments: [
      ["seoyeon.lee", "같은 계약 테스트를 두 엔진에 돌리는 구조 좋네요"],
      ["minjae.cho", "발표 자료 공유 부탁드립니다!"],
    ],
  },
];

const SEMINAR_QUESTIONS: SeedEventQuestion[] = [
  {
    by: "haeun.kang",
    body: "띄어쓰기 없이 붙여 쓴 한국어 검색어도 잘 찾나요? 예를 들어 '회의록공유' 같은 경우요.",
    votes: 6,
    answer:
      "네, trigram이 붙여 쓴 말도 세 글자씩 잘라 색인하기 때문에 '회의록공유'로 '회의록 공유'를 찾습니다. 두 글자 조각은 bigram 보조 테이블이 맡습니다.",
  },
  {
    by: "lucas.martin",
    body: "How long does a full reindex take at one million posts, and can people keep searching meanwhile?",
    votes: 4,
    answer:
      "About four minutes on this machine. Search keeps answering from the old documents while the backlog drains, and new posts are indexed first.",
  },
  {
    by: "minjae.cho",
    body: "검색 결과 순위에 좋아요 수도 반영되나요?",
    anonymous: true,
    votes: 3,
  },
];

const POLL = {
  question: "하반기에 가장 기대되는 변화는? · What are you most looking forward to?",
  options: [
    "유연근무 가이드 · Flexible work guide",
    "Sori 2.0 런칭 · Sori 2.0 launch",
    "부산 오피스 확장 · Busan office",
    "멘토링 프로그램 · Mentoring",
  ],
};

function viewerOf(handle: string): Viewer {
  const id = rawStatement(`select id from users where handle = @h`).pluck().get({ h: handle }) as number | undefined;
  const viewer = id != null ? getViewerById(id) : null;
  if (!viewer) throw new Error(`seed-events: unknown handle ${handle}`);
  return viewer;
}

/** Colleagues who vote on a question: `n` of the pool, never its asker, picked by index (deterministic). */
function votersFor(pool: string[], asker: string, seed: number, n: number): string[] {
  const others = pool.filter((h) => h !== asker);
  return Array.from({ length: Math.min(n, others.length) }, (_, k) => others[(seed * 7 + k) % others.length]);
}

type Asked = { id: number; spec: SeedEventQuestion };

function askAll(eventId: number, questions: SeedEventQuestion[], pool: string[]): Asked[] {
  return questions.map((spec, i) => {
    const id = askEventQuestion({
      viewer: viewerOf(spec.by),
      eventId,
      input: { body: spec.body, anonymous: spec.anonymous ?? false },
    });
    for (const voter of votersFor(pool, spec.by, i + 1, spec.votes)) {
      setEventVote({ viewer: viewerOf(voter), eventId, questionId: id, on: true });
    }
    for (const [by, body] of spec.replies ?? []) {
      replyToEventQuestion({ viewer: viewerOf(by), eventId, questionId: id, input: { body } });
    }
    return { id, spec };
  });
}

function answerAll(eventId: number, host: Viewer, asked: Asked[]) {
  for (const { id, spec } of asked) {
    if (spec.answer === undefined) continue;
    moderateEventQuestion({ viewer: host, eventId, questionId: id, change: { action: "answering" } });
    moderateEventQuestion({
      viewer: host,
      eventId,
      questionId: id,
      change: { action: "answered", answer: spec.answer },
    });
  }
}

function commentOn(eventId: number, host: Viewer, segments: SeedSegment[], reactors: string[]) {
  segments.forEach((segment, i) => {
    setEventSegment({ viewer: host, eventId, input: { index: i + 1, title: segment.title } });
    segment.comments.forEach(([by, body], k) => {
      const commentId = postEventComment({ viewer: viewerOf(by), eventId, input: { body } });
      // A few reactions, as in the room.
      for (const who of votersFor(reactors, by, i * 5 + k, (i + k) % 4)) {
        setEventCommentReaction({
          viewer: viewerOf(who),
          eventId,
          commentId,
          kind: k % 2 ? "thanks" : "like",
          on: true,
        });
      }
    });
  });
}

/**
 * Moves an event run just now back to its date: every time of the event and of what happened in it is shifted by
 * the same amount, keeping their order and spacing. Times of the same kind that were written within the same
 * millisecond are then spread a few seconds apart, as people in a hall would write them.
 */
function backdate(eventId: number, shift: number, spacing: number) {
  const params = { e: eventId, shift, spacing };
  rawStatement(
    `update events set starts_at = starts_at - @shift, ends_at = ends_at - @shift,
       started_at = started_at - @shift, segment_changed_at = segment_changed_at - @shift,
       questions_open_at = questions_open_at - @shift, created_at = created_at - @shift,
       updated_at = updated_at - @shift where id = @e`,
  ).run(params);
  const first = rawStatement(`select started_at from events where id = @e`).pluck().get(params) as number;
  // Segments, and the comments and questions under them, are laid out over the event's first hour.
  const segments = rawStatement(`select id from event_segments where event_id = @e order by id`)
    .pluck()
    .all(params) as number[];
  segments.forEach((id, i) =>
    rawStatement(`update event_segments set started_at = @at where id = @id`).run({ id, at: first + i * 15 * MIN }),
  );
  const comments = rawStatement(`select id from event_comments where event_id = @e order by id`)
    .pluck()
    .all(params) as number[];
  comments.forEach((id, i) =>
    rawStatement(
      `update event_comments set created_at = coalesce(
         (select s.started_at from event_segments s where s.event_id = @e and s.segment = event_comments.segment), @at)
         + @step where id = @id`,
    ).run({ id, e: eventId, at: first, step: ((i % 5) + 1) * 2 * MIN }),
  );
  const questions = rawStatement(`select id from event_questions where event_id = @e order by id`)
    .pluck()
    .all(params) as number[];
  questions.forEach((id, i) =>
    rawStatement(
      `update event_questions set created_at = @at, approved_at = @at,
         answered_at = case when answered_at is null then null else @answeredAt end where id = @id`,
    ).run({ id, at: first + i * spacing, answeredAt: first + 45 * MIN + i * 3 * MIN }),
  );
  rawStatement(
    `update event_question_replies set created_at = created_at - @shift
      where question_id in (select id from event_questions where event_id = @e)`,
  ).run(params);
  rawStatement(
    `update event_polls set created_at = created_at - @shift, opened_at = opened_at - @shift,
       closed_at = closed_at - @shift where event_id = @e`,
  ).run(params);
}

/** Ends an event the host ran (the archive runs inside), then dates the end at its scheduled time. */
function endAt(eventId: number, host: Viewer) {
  setEventState({ viewer: host, eventId, to: "ended" });
  rawStatement(`update events set ended_at = ends_at, updated_at = ends_at where id = @e`).run({ e: eventId });
}

/** Seeds the demo company's events (after its people and groups); returns how many posts the archive wrote. */
export function seedEvents({ now }: { now: number }): { events: number; posts: number } {
  const postsBefore = rawStatement(`select count(*) from posts`).pluck().get() as number;
  const midnight = Math.floor((now + KST) / DAY) * DAY - KST; // today 00:00 in Seoul
  const kst = (daysFromToday: number, hour: number, minute = 0) =>
    midnight + daysFromToday * DAY + hour * HOUR + minute * MIN;
  const ceo = viewerOf("haneul.jung");

  // The past town hall, run live now and moved back nine days.
  const townHall = createEvent({
    viewer: ceo,
    input: {
      title: "2026 하반기 타운홀",
      description:
        "상반기를 돌아보고 하반기 전략을 나눕니다. 질문은 미리, 또는 행사 중에 남겨 주세요 — **익명 질문도 받습니다**.\n\nWe look back at the first half and share the plan for the second. Ask ahead or live; anonymous questions are welcome.",
      kind: "town_hall",
      starts_at: now - HOUR,
      ends_at: now + HOUR / 2,
      settings: { anonymous_questions: true, comments: true },
      moderators: ["jieun.lee", "seunghyun.oh"],
    },
  });
  setEventState({ viewer: ceo, eventId: townHall, to: "live" });
  commentOn(townHall, ceo, TOWN_HALL_SEGMENTS, VOTERS);
  const townHallAsked = askAll(townHall, TOWN_HALL_QUESTIONS, VOTERS);
  answerAll(townHall, ceo, townHallAsked);
  const poll = createEventPoll({ viewer: ceo, eventId: townHall, input: POLL });
  setEventPollStatus({ viewer: ceo, eventId: townHall, pollId: poll, to: "open" });
  VOTERS.slice(0, 38).forEach((handle, i) =>
    voteEventPoll({
      viewer: viewerOf(handle),
      eventId: townHall,
      pollId: poll,
      input: { options: [[0, 1, 0, 2, 3, 0, 1][i % 7]] },
    }),
  );
  setEventPollStatus({ viewer: ceo, eventId: townHall, pollId: poll, to: "closed" });
  const townHallStart = kst(-9, 16);
  backdate(townHall, now - HOUR - townHallStart, 4 * MIN);
  rawStatement(`update events set ends_at = @end where id = @e`).run({ e: townHall, end: townHallStart + 90 * MIN });
  endAt(townHall, ceo);

  // The past seminar in the engineering group, with a comment thread on each slide.
  const lead = viewerOf("minsu.kim");
  const seminar = createEvent({
    viewer: lead,
    input: {
      title: "검색 엔진 내부 들여다보기: SQLite FTS5와 한국어",
      description:
        "소리의 검색이 어떻게 한국어 두 글자 단어와 권한 필터링을 다루는지, 100만 건 벤치마크와 함께 살펴봅니다. 발표: James Wilson, 박지훈.\n\nHow Sori's search handles two-syllable Korean words and permission filtering, with the 1M-post benchmark.",
      kind: "seminar",
      group: "engineering",
      starts_at: now - HOUR,
      ends_at: now + HOUR / 2,
      settings: { anonymous_questions: true, comments: true },
      hosts: ["james.wilson", "jihoon.park"],
    },
  });
  setEventState({ viewer: lead, eventId: seminar, to: "live" });
  const speaker = viewerOf("james.wilson");
  commentOn(seminar, speaker, SEMINAR_SEGMENTS, ENGINEERS);
  const seminarAsked = askAll(seminar, SEMINAR_QUESTIONS, ENGINEERS);
  answerAll(seminar, speaker, seminarAsked);
  const seminarStart = kst(-16, 15);
  backdate(seminar, now - HOUR - seminarStart, 6 * MIN);
  rawStatement(`update events set ends_at = @end where id = @e`).run({ e: seminar, end: seminarStart + 75 * MIN });
  endAt(seminar, lead);

  // The upcoming CEO open Q&A: questions open two days ago, asked ahead and voted on.
  const openQa = createEvent({
    viewer: ceo,
    input: {
      title: "CEO 오픈 Q&A — 2027년 계획",
      description:
        "2027년 계획에 대해 무엇이든 물어보세요. 미리 올린 질문은 투표가 많은 순서로 답합니다.\n\nAsk anything about our 2027 plans; questions asked ahead are answered by votes.",
      kind: "town_hall",
      starts_at: kst(6, 12),
      ends_at: kst(6, 13),
      settings: { anonymous_questions: true, questions_open_at: now - 2 * DAY },
      moderators: ["jieun.lee"],
    },
  });
  askAll(openQa, OPEN_QA_QUESTIONS, VOTERS);
  const asked = rawStatement(`select id from event_questions where event_id = @e order by id`)
    .pluck()
    .all({ e: openQa }) as number[];
  asked.forEach((id, i) =>
    rawStatement(`update event_questions set created_at = @at, approved_at = @at where id = @id`).run({
      id,
      at: now - 2 * DAY + (i + 1) * 5 * HOUR,
    }),
  );

  const postsAfter = rawStatement(`select count(*) from posts`).pluck().get() as number;
  return { events: 3, posts: postsAfter - postsBefore };
}
