// Data generator: a Sori database built from the real migrations, filled at a given size with users,
// follows, hashtags (Zipf popularity, Korean and English), groups (public, private, secret) and their members,
// posts, replies, mentions and reactions.
//
//   tsx bench/generate.ts --posts 10k|100k|1m|<n> [--force]
//
// Rows are written with raw prepared statements in big transactions (secondary indexes dropped during the
// load and rebuilt after), and the HTML is precomputed from a tiny template instead of running Markdown, so
// 1M posts take about a minute. The shape matches what publishPost produces: roots have thread_id = id and
// reply_to_id null; replies point at the root (reply_to_id = thread_id = root id); roots carry reply_count;
// post_hashtags.created_at is the post's created_at; hashtags.post_count counts post_hashtags rows over every
// audience, and hashtag_counts counts them per audience (group 0 = company-wide, else the post's group).
//
// Groups (issue #6): one per 200 users (at least 20), 40% public, 40% private, 20% secret. 10% of threads (a
// root and all its replies) are in private or secret groups and 10% in public groups; the rest are company-wide.
// A group thread's root is written by a member; replies, mentions and reactions in a private or secret group
// come from its members. The measured Home user is in five groups: the busiest two public, the busiest two
// private and the busiest secret one.
//
// Questions (issue #9, since gen-7): 3% of roots are questions with a title (Korean or English, as their author;
// topics Zipf-popular, so the same questions come back, as in a real company); their answers are replies, and a
// reply in the planning step goes to a recent open question 30% of the time, so most questions are answered within
// days and 15% never get an answer of their own. About 78% of the answered ones (~60% of all) have a best answer
// (accepted_answer_id, one of their direct replies). Questions and answers get votes in post_votes from people who
// may see them, never their author, and posts.vote_count counts them; every root with replies carries
// last_reply_at, the newest reply's created_at — what setVote, acceptAnswer and publishPost write.
//
// Databases are cached in bench/.data/ keyed by size, migrations and generator version, and reused.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase, migrateDatabase } from "#app/infra/db.server";
import {
  DATA_DIR,
  datasetKey,
  datasetPaths,
  isMain,
  parseSize,
  readMeta,
  removeDatabase,
  rng,
  sizeLabel,
  zipf,
  type DatasetMeta,
} from "./lib";

export const GENERATOR_VERSION = "gen-7";

const DAY = 24 * 3600 * 1000;
const SPAN_DAYS = 365;
const HASHTAG_COUNT = 500;
const FOLLOWS_PER_USER = 30;
const REPLY_SHARE = 0.2;
const USERS_PER_GROUP = 200;
const MIN_GROUPS = 20;
/** Share of threads in private or secret groups, and in public groups (issue #6 § 5). */
const CLOSED_THREAD_SHARE = 0.1;
const PUBLIC_THREAD_SHARE = 0.1;
/** Questions (issue #9): share of roots; share of replies that answer a recent open question; questions nobody
 *  sets out to answer; answered questions whose asker chose a best answer. */
const QUESTION_SHARE = 0.03;
const ANSWER_SHARE = 0.3;
const NEVER_ANSWERED = 0.15;
const ACCEPTED_SHARE = 0.78;
// Visibility by group id, cycling: the busiest group of each kind comes first (ids 1–5).
export const GROUP_VISIBILITY_CYCLE = ["public", "private", "public", "private", "secret"] as const;
type GroupVisibility = (typeof GROUP_VISIBILITY_CYCLE)[number];
/** The measured viewer's groups: the two busiest public (1, 3), two busiest private (2, 4) and busiest secret (5). */
export const HOME_GROUPS = [1, 2, 3, 4, 5];
const GROUP_NAMES = [
  ["플랫폼개발팀", "team"],
  ["Design Guild", "guild"],
  ["영업본부", "sales"],
  ["Project Apollo", "apollo"],
  ["경영진", "leadership"],
  ["러닝 크루", "running"],
  ["Data Platform", "data"],
  ["인사팀", "people"],
  ["Mobile Squad", "mobile"],
  ["신사업 TF", "newbiz"],
] as const;

// ---------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------

const KO_TAGS = [
  "회의",
  "공지",
  "출시",
  "고객",
  "디자인",
  "리뷰",
  "로드맵",
  "채용",
  "온보딩",
  "피드백",
  "데모",
  "장애",
  "회고",
  "신제품",
  "교육",
  "세미나",
  "워크숍",
  "점심",
  "휴가",
  "보안",
  "품질",
  "개발",
  "마케팅",
  "영업",
  "인사",
  "재무",
  "전략",
  "혁신",
  "협업",
  "문서",
  "질문",
  "축하",
  "주간보고",
  "타운홀",
  "사내행사",
  "복지",
  "안전",
  "데이터",
];
const EN_TAGS = [
  "release",
  "design",
  "roadmap",
  "hiring",
  "onboarding",
  "feedback",
  "demo",
  "incident",
  "retro",
  "security",
  "quality",
  "frontend",
  "backend",
  "mobile",
  "infra",
  "devops",
  "sales",
  "marketing",
  "support",
  "finance",
  "strategy",
  "ai",
  "data",
  "analytics",
  "townhall",
  "wellbeing",
  "kudos",
  "til",
  "q1",
  "q2",
  "q3",
  "q4",
  "okr",
  "seoul",
  "busan",
  "paris",
  "dubai",
  "newyork",
  "tokyo",
  "london",
];
const TEAMS = ["팀", "lab", "2024", "2025", "seoul", "global", "kr", "sync", "weekly", "tips", "news", "help"];

function hashtagNames(): string[] {
  // Rank 1 is Korean so the hashtag benchmark also exercises percent-encoded URLs.
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (n: string) => {
    const t = n.normalize("NFC").toLowerCase();
    if (!seen.has(t) && names.length < HASHTAG_COUNT) {
      seen.add(t);
      names.push(t);
    }
  };
  for (let i = 0; i < Math.max(KO_TAGS.length, EN_TAGS.length); i++) {
    if (KO_TAGS[i]) add(KO_TAGS[i]);
    if (EN_TAGS[i]) add(EN_TAGS[i]);
  }
  for (const team of TEAMS) {
    for (let i = 0; i < Math.max(KO_TAGS.length, EN_TAGS.length); i++) {
      if (KO_TAGS[i]) add(`${KO_TAGS[i]}${team}`);
      if (EN_TAGS[i]) add(`${EN_TAGS[i]}_${team}`);
    }
  }
  return names;
}

const KO_SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황"];
const KO_GIVEN = [
  "민수",
  "서연",
  "지훈",
  "하은",
  "도윤",
  "수아",
  "예준",
  "지우",
  "시우",
  "서윤",
  "준서",
  "하린",
  "현우",
  "지민",
  "유진",
  "은서",
];
const KO_ROMAN_SUR = [
  "kim",
  "lee",
  "park",
  "choi",
  "jung",
  "kang",
  "cho",
  "yoon",
  "jang",
  "lim",
  "han",
  "oh",
  "seo",
  "shin",
  "kwon",
  "hwang",
];
const KO_ROMAN_GIVEN = [
  "minsu",
  "seoyeon",
  "jihun",
  "haeun",
  "doyun",
  "sua",
  "yejun",
  "jiwoo",
  "siwoo",
  "seoyun",
  "junseo",
  "harin",
  "hyunwoo",
  "jimin",
  "yujin",
  "eunseo",
];
const EN_FIRST = [
  "alex",
  "sam",
  "jordan",
  "taylor",
  "morgan",
  "casey",
  "jamie",
  "robin",
  "claire",
  "omar",
  "lea",
  "hugo",
  "amira",
  "noah",
  "emma",
  "lucas",
];
const EN_LAST = [
  "martin",
  "smith",
  "dubois",
  "haddad",
  "garcia",
  "nguyen",
  "brown",
  "müller",
  "rossi",
  "silva",
  "khan",
  "johnson",
  "lefebvre",
  "wilson",
  "moreau",
  "taylor",
];
const DEPARTMENTS = [
  "Engineering",
  "Design",
  "Sales",
  "Marketing",
  "HR",
  "Finance",
  "Support",
  "Legal",
  "경영지원",
  "연구소",
  "제품",
  "영업본부",
];
const TITLES = [
  "Engineer",
  "Senior Engineer",
  "Designer",
  "Manager",
  "Director",
  "Analyst",
  "매니저",
  "책임",
  "선임",
  "팀장",
];

const KO_SENTENCES = [
  "오늘 회의에서 나온 내용을 공유드립니다.",
  "이번 주 배포가 무사히 끝났습니다. 모두 수고 많으셨어요!",
  "다음 분기 로드맵 초안을 문서로 정리했습니다. 의견 부탁드립니다.",
  "고객 인터뷰에서 들은 피드백을 정리해 보았습니다.",
  "신규 입사자 온보딩 자료를 업데이트했습니다.",
  "장애 원인 분석 결과와 재발 방지 대책을 공유합니다.",
  "세미나 발표 자료 링크 남깁니다. 질문은 댓글로 주세요.",
  "점심 같이 드실 분 계신가요?",
  "보안 점검 일정이 확정되었습니다. 협조 부탁드립니다.",
  "데이터 대시보드에 새 지표를 추가했습니다.",
  "이 부분은 어떻게 처리하는 게 좋을까요?",
  "좋은 아이디어네요, 저도 찬성합니다.",
];
const EN_SENTENCES = [
  "Sharing the notes from today's sync.",
  "This week's release went out smoothly — thanks everyone!",
  "I drafted the roadmap for next quarter; comments welcome.",
  "Summary of the customer interviews we ran last week.",
  "Updated the onboarding guide for new joiners.",
  "Post-incident review with the root cause and follow-ups.",
  "Slides from the seminar are linked below; questions in the thread please.",
  "Anyone up for lunch?",
  "The security review is scheduled; please keep the week free.",
  "Added new metrics to the analytics dashboard.",
  "How should we handle this case?",
  "Great idea, +1 from me.",
];

// Question titles: a topic and a way of asking, the topics Zipf-popular (people ask the same things again).
const KO_QUESTION_TOPICS = [
  "회의실 예약",
  "연차 신청",
  "휴가 승인",
  "배포 승인",
  "VPN 접속",
  "법인카드 정산",
  "출장 예산",
  "보안 교육",
  "온보딩 자료",
  "노트북 교체",
  "재택 근무",
  "고객 데모 자료",
  "코드 리뷰",
  "장애 보고",
  "급여 명세서",
  "사내 세미나",
  "주차 등록",
  "프린터 설정",
  "대시보드 권한",
  "면접 일정",
  "데이터 백업",
  "메일 서명",
  "교육비 지원",
  "비밀번호 변경",
  "사원증 재발급",
  "모니터 신청",
  "로드맵 문서",
  "릴리스 노트",
];
// {t} the topic; {은} / {이} / {을} the particle that fits its last syllable.
const KO_QUESTION_FORMS = [
  "{t}{은} 어떻게 하나요?",
  "{t}{은} 누구에게 요청하나요?",
  "{t} 절차가 궁금합니다",
  "{t}{은} 어디서 확인하나요?",
  "{t}{이} 안 되는데 도와주세요",
  "{t} 관련 문서가 있나요?",
  "{t} 마감이 언제인가요?",
  "{t}{을} 하려면 무엇이 필요한가요?",
];
const EN_QUESTION_TOPICS = [
  "the VPN",
  "expense reports",
  "the staging deploy",
  "parental leave",
  "the security training",
  "the design review",
  "a new laptop",
  "the sales dashboard",
  "the on-call handover",
  "the release notes",
  "meeting room booking",
  "the onboarding checklist",
  "API tokens",
  "the travel budget",
  "the customer demo",
  "database backups",
  "code review",
  "the offsite",
  "remote work",
  "the hiring pipeline",
];
const EN_QUESTION_FORMS = [
  "How do I set up {t}?",
  "Who approves {t}?",
  "Where can I find {t}?",
  "Is there a guide for {t}?",
  "What is the process for {t}?",
  "Why is {t} failing for me?",
  "When is the deadline for {t}?",
  "Can someone explain {t}?",
];

/** A Korean particle after `word`: the first form after a final consonant (batchim), else the second. */
function particle(word: string, withBatchim: string, without: string) {
  const c = word.charCodeAt(word.length - 1) - 0xac00;
  return c >= 0 && c < 11172 && c % 28 !== 0 ? withBatchim : without;
}

function koreanQuestionTitle(topic: string, form: string) {
  return form
    .replace("{t}", topic)
    .replace("{은}", particle(topic, "은", "는"))
    .replace("{이}", particle(topic, "이", "가"))
    .replace("{을}", particle(topic, "을", "를"));
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

// ---------------------------------------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------------------

export function usersFor(posts: number) {
  return Math.max(50, Math.min(10_000, Math.round(posts / 100)));
}

export function groupsFor(users: number) {
  return Math.max(MIN_GROUPS, Math.round(users / USERS_PER_GROUP));
}

export async function ensureDataset(
  posts: number,
  { force = false, quiet = false } = {},
): Promise<{ db: string; meta: DatasetMeta }> {
  const key = datasetKey(GENERATOR_VERSION);
  const paths = datasetPaths(posts, key);
  if (!force && fs.existsSync(paths.db) && fs.existsSync(paths.meta)) {
    if (!quiet) console.log(`dataset ${sizeLabel(posts)}: reusing ${paths.db}`);
    return { db: paths.db, meta: readMeta(paths.meta) };
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const meta = generate(posts, paths.db, quiet);
  fs.writeFileSync(paths.meta, JSON.stringify(meta, null, 2));
  return { db: paths.db, meta };
}

function generate(totalPosts: number, finalPath: string, quiet: boolean): DatasetMeta {
  const log = (...a: unknown[]) => {
    if (!quiet) console.log(...a);
  };
  const t0 = performance.now();
  const tmp = `${finalPath}.tmp-${process.pid}`;
  removeDatabase(tmp);
  const drizzleDb = openDatabase(tmp);
  migrateDatabase(drizzleDb);
  const db = drizzleDb.$client;
  log(`dataset ${sizeLabel(totalPosts)}: generating into ${tmp}`);

  // Bulk-load settings; the file is switched back to WAL before it is used.
  db.pragma("foreign_keys = OFF");
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1048576");
  db.pragma("locking_mode = EXCLUSIVE");

  const bulkTables = [
    "users",
    "posts",
    "post_hashtags",
    "reactions",
    "mentions",
    "follows",
    "hashtag_follows",
    "group_members",
    "post_votes",
  ];
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
        and tbl_name in (${bulkTables.map((t) => `'${t}'`).join(",")})`,
    )
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`drop index "${ix.name}"`);

  const rand = rng(0x5011 + totalPosts);
  const nUsers = usersFor(totalPosts);
  const end = Date.now() - 60_000;
  const start = end - SPAN_DAYS * DAY;
  const tagNames = hashtagNames();
  const nTags = tagNames.length;

  // --- users ---------------------------------------------------------------------------------------------
  const handles: string[] = new Array(nUsers + 1);
  const korean = new Uint8Array(nUsers + 1);
  const insertUser = db.prepare(
    `insert into users (id, email, handle, name, department, title, locale, role, status, created_at)
     values (@id, @email, @handle, @name, @department, @title, @locale, @role, 'active', @created)`,
  );
  db.transaction(() => {
    for (let id = 1; id <= nUsers; id++) {
      const ko = rand() < 0.65;
      korean[id] = ko ? 1 : 0;
      const a = Math.floor(rand() * 16);
      const b = Math.floor(rand() * 16);
      const handle = ko
        ? `${KO_ROMAN_SUR[a]}.${KO_ROMAN_GIVEN[b]}${id}`
        : `${EN_FIRST[a]}.${EN_LAST[b].replace("ü", "u")}${id}`;
      handles[id] = handle;
      insertUser.run({
        id,
        email: `${handle}@sori.example`,
        handle,
        name: ko
          ? `${KO_SURNAMES[a]}${KO_GIVEN[b]}`
          : `${EN_FIRST[a][0].toUpperCase()}${EN_FIRST[a].slice(1)} ${EN_LAST[b][0].toUpperCase()}${EN_LAST[b].slice(1)}`,
        department: DEPARTMENTS[Math.floor(rand() * DEPARTMENTS.length)],
        title: TITLES[Math.floor(rand() * TITLES.length)],
        locale: ko ? "ko" : "en",
        role: id === 1 ? "admin" : "member",
        created: start - DAY + id,
      });
    }
  })();

  // Authors post with Zipf-ish activity (a few very active people, a long tail); a random permutation keeps
  // popularity independent of the id.
  const perm = Int32Array.from({ length: nUsers }, (_, i) => i + 1);
  for (let i = nUsers - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const pickUserZipf = zipf(nUsers, 0.6, rand);
  const randomUser = () => 1 + Math.floor(rand() * nUsers);
  const activeUser = () => perm[pickUserZipf()];

  // --- follows (people: ~30 each, biased to popular people) and hashtag follows (~3 each) ------------------
  const insertFollow = db.prepare(`insert into follows (follower_id, followee_id, created_at) values (?, ?, ?)`);
  const insertTagFollow = db.prepare(`insert into hashtag_follows (user_id, hashtag_id, created_at) values (?, ?, ?)`);
  const pickTag = zipf(nTags, 1.0, rand);
  const followCount = new Int32Array(nUsers + 1);
  const followsOf: number[][] = new Array(nUsers + 1);
  const tagFollowsOf: number[][] = new Array(nUsers + 1);
  let follows = 0;
  let hashtagFollows = 0;
  db.transaction(() => {
    for (let u = 1; u <= nUsers; u++) {
      const want = Math.min(nUsers - 1, Math.max(5, Math.round(FOLLOWS_PER_USER * (0.5 + rand()))));
      const set = new Set<number>();
      let guard = 0;
      while (set.size < want && guard++ < want * 20) {
        const f = rand() < 0.5 ? activeUser() : randomUser();
        if (f !== u) set.add(f);
      }
      for (const f of set) insertFollow.run(u, f, start - DAY / 2);
      followCount[u] = set.size;
      followsOf[u] = [...set];
      follows += set.size;
      const tags = new Set<number>();
      const wantTags = Math.floor(rand() * 6); // 0..5, mean 2.5
      while (tags.size < wantTags) tags.add(pickTag() + 1);
      tagFollowsOf[u] = [...tags];
      for (const t of tags) insertTagFollow.run(u, t, start - DAY / 2);
      hashtagFollows += tags.size;
    }
  })();

  // The "typical" Home user: ~30 follows and 3 hashtags incl. the most popular one (a common case with Zipf).
  let homeUserId = 1;
  let bestScore = Infinity;
  for (let u = 2; u <= nUsers; u++) {
    const score =
      Math.abs(followCount[u] - FOLLOWS_PER_USER) +
      Math.abs(tagFollowsOf[u].length - 3) * 5 +
      (tagFollowsOf[u].includes(1) ? 0 : 10);
    if (score < bestScore) {
      bestScore = score;
      homeUserId = u;
    }
  }

  // --- hashtags --------------------------------------------------------------------------------------------
  const insertTag = db.prepare(`insert into hashtags (id, name, post_count, created_at) values (?, ?, 0, ?)`);
  db.transaction(() => tagNames.forEach((name, i) => insertTag.run(i + 1, name, start)))();

  // --- groups and memberships ---------------------------------------------------------------------------
  // Group g's popularity (who joins, where threads go) falls with g; each user joins 0–4 groups (mean ~2.1).
  const nGroups = groupsFor(nUsers);
  const groupVisibility: GroupVisibility[] = [];
  const closedGroups: number[] = [];
  const publicGroups: number[] = [];
  for (let g = 1; g <= nGroups; g++) {
    const v = GROUP_VISIBILITY_CYCLE[(g - 1) % GROUP_VISIBILITY_CYCLE.length];
    groupVisibility[g] = v;
    (v === "public" ? publicGroups : closedGroups).push(g);
  }
  const membersOf: number[][] = Array.from({ length: nGroups + 1 }, () => []);
  const groupsOf: number[][] = new Array(nUsers + 1);
  const pickGroupToJoin = zipf(nGroups, 0.8, rand);
  for (let u = 1; u <= nUsers; u++) {
    let mine: number[];
    if (u === homeUserId) mine = HOME_GROUPS;
    else {
      const want = rand() < 0.15 ? 0 : 1 + Math.floor(rand() * 4);
      const set = new Set<number>();
      while (set.size < want) set.add(pickGroupToJoin() + 1);
      mine = [...set];
    }
    groupsOf[u] = mine;
    for (const g of mine) membersOf[g].push(u);
  }
  for (let g = 1; g <= nGroups; g++) if (membersOf[g].length === 0) membersOf[g].push(randomUser());
  const insertGroup = db.prepare(
    `insert into groups (id, slug, name, description, visibility, created_by_id, created_at) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMember = db.prepare(
    `insert into group_members (group_id, user_id, role, created_at) values (?, ?, ?, ?)`,
  );
  let groupMembers = 0;
  db.transaction(() => {
    for (let g = 1; g <= nGroups; g++) {
      const [name, slug] = GROUP_NAMES[(g - 1) % GROUP_NAMES.length];
      const round = Math.floor((g - 1) / GROUP_NAMES.length);
      // The first member created the group and is its admin; so is every 50th member after that.
      insertGroup.run(
        g,
        `${slug}-${g}`,
        round ? `${name} ${round + 1}` : name,
        `${name}: 벤치마크 그룹 · benchmark group`,
        groupVisibility[g],
        membersOf[g][0],
        start - DAY,
      );
      membersOf[g].forEach((u, i) => insertMember.run(g, u, i % 50 === 0 ? "admin" : "member", start - DAY / 2));
      groupMembers += membersOf[g].length;
    }
  })();
  const pickClosedGroup = zipf(closedGroups.length, 1.0, rand);
  const pickPublicGroup = zipf(publicGroups.length, 1.0, rand);
  /** Who may take part in a thread of group g (0 = company-wide): a private or secret group's members only. */
  const participant = (g: number) =>
    g && groupVisibility[g] !== "public" ? membersOf[g][Math.floor(rand() * membersOf[g].length)] : randomUser();

  // --- plan threads: which posts are replies, and to which root; which roots are questions -----------------
  const replyTo = new Int32Array(totalPosts + 1); // 0 = root
  const replyCount = new Int32Array(totalPosts + 1);
  const lastReply = new Int32Array(totalPosts + 1); // a root's newest reply (ids grow with time)
  const kindOf = new Uint8Array(totalPosts + 1); // 0 update, 1 question, 2 announcement (roots)
  const acceptedOf = new Int32Array(totalPosts + 1); // a question's best answer (a reply of it), 0 = none
  const recentRoots = new Int32Array(512);
  // Questions waiting for answers: the last 64 asked, except those nobody sets out to answer.
  const openQuestions = new Int32Array(64);
  let rootsSeen = 0;
  let openSeen = 0;
  for (let id = 1; id <= totalPosts; id++) {
    if (rootsSeen > 0 && rand() < REPLY_SHARE) {
      let root: number;
      if (openSeen > 0 && rand() < ANSWER_SHARE) {
        // An answer: to one of the recently asked questions, the newer ones more often.
        const back = Math.min(openSeen, 64);
        root = openQuestions[(openSeen - 1 - Math.floor(Math.pow(rand(), 2) * back)) & 63];
      } else {
        // Conversations happen on recent threads: pick among the last 512 roots, biased to the newest.
        const back = Math.min(rootsSeen, 512);
        const k = Math.floor(Math.pow(rand(), 3) * back);
        root = recentRoots[(rootsSeen - 1 - k) & 511];
      }
      replyTo[id] = root;
      replyCount[root]++;
      lastReply[root] = id;
      // The best answer, if the asker chooses one below: any of the question's replies, equally likely.
      if (kindOf[root] === 1 && rand() * replyCount[root] < 1) acceptedOf[root] = id;
    } else {
      recentRoots[rootsSeen & 511] = id;
      rootsSeen++;
      const x = rand();
      kindOf[id] = x < 1 - QUESTION_SHARE - 0.01 ? 0 : x < 0.99 ? 1 : 2;
      if (kindOf[id] === 1 && rand() >= NEVER_ANSWERED) openQuestions[openSeen++ & 63] = id;
    }
  }
  // About 78% of askers whose question got answers choose a best answer (~60% of all questions).
  for (let id = 1; id <= totalPosts; id++) if (acceptedOf[id] && rand() >= ACCEPTED_SHARE) acceptedOf[id] = 0;

  // --- posts, post_hashtags, mentions, reactions -----------------------------------------------------------
  const insertPost = db.prepare(
    `insert into posts (id, author_id, kind, title, body, html, reply_to_id, thread_id, reply_count, group_id,
                        created_at, vote_count, accepted_answer_id, last_reply_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVote = db.prepare(`insert into post_votes (post_id, user_id, created_at) values (?, ?, ?)`);
  const pickKoTopic = zipf(KO_QUESTION_TOPICS.length, 0.8, rand);
  const pickEnTopic = zipf(EN_QUESTION_TOPICS.length, 0.8, rand);
  const createdAt = (id: number) => Math.floor(start + id * step);
  const insertPin = db.prepare(
    `insert into group_pins (group_id, post_id, pinned_by_id, created_at) values (?, ?, ?, ?)`,
  );
  const groupOf = new Int32Array(totalPosts + 1); // a thread's group (0 = company-wide), by post id
  const groupRoots = new Int32Array(nGroups + 1);
  const groupPosts = new Int32Array(nGroups + 1);
  const insertPostTag = db.prepare(`insert into post_hashtags (post_id, hashtag_id, created_at) values (?, ?, ?)`);
  const insertMention = db.prepare(`insert into mentions (post_id, user_id) values (?, ?)`);
  const insertReaction = db.prepare(`insert into reactions (post_id, user_id, kind, created_at) values (?, ?, ?, ?)`);
  const reactionKinds = ["like", "like", "like", "like", "celebrate", "insightful", "support", "funny", "thanks"];
  const tagCounts = new Int32Array(nTags + 1);
  // Uses per audience, the shape of hashtag_counts: index group * (nTags + 1) + tag, group 0 = company-wide.
  const audienceTagCounts = new Int32Array((nGroups + 1) * (nTags + 1));
  const rootsBy = new Int32Array(nUsers + 1);
  let postHashtags = 0;
  let mentions = 0;
  let reactions = 0;
  let votes = 0;
  let answers = 0;
  const step = (end - start) / totalPosts;
  const BATCH = 50_000;
  for (let from = 1; from <= totalPosts; from += BATCH) {
    const to = Math.min(totalPosts, from + BATCH - 1);
    db.transaction(() => {
      for (let id = from; id <= to; id++) {
        const created = createdAt(id);
        const root = replyTo[id];
        let group = 0;
        if (root) group = groupOf[root];
        else {
          const x = rand();
          if (x < CLOSED_THREAD_SHARE) group = closedGroups[pickClosedGroup()];
          else if (x < CLOSED_THREAD_SHARE + PUBLIC_THREAD_SHARE) group = publicGroups[pickPublicGroup()];
        }
        groupOf[id] = group;
        // A group's thread is started by a member; anyone in the company may reply in a public group.
        const author = group
          ? root && groupVisibility[group] === "public"
            ? activeUser()
            : membersOf[group][Math.floor(rand() * membersOf[group].length)]
          : activeUser();
        const ko = korean[author] === 1;
        const sentences = ko ? KO_SENTENCES : EN_SENTENCES;
        // Hashtags: most roots carry one to three; some replies carry one.
        const nTagsHere = root
          ? rand() < 0.2
            ? 1
            : 0
          : (() => {
              const x = rand();
              return x < 0.3 ? 0 : x < 0.8 ? 1 : x < 0.95 ? 2 : 3;
            })();
        const tags: number[] = [];
        while (tags.length < nTagsHere) {
          const t = pickTag() + 1;
          if (!tags.includes(t)) tags.push(t);
        }
        const mention = rand() < 0.1 ? participant(group) : 0;
        const nSentences = 1 + Math.floor(rand() * 3);
        const textParts: string[] = [];
        const htmlParts: string[] = [];
        for (let s = 0; s < nSentences; s++) {
          const sentence = sentences[Math.floor(rand() * sentences.length)];
          textParts.push(sentence);
          htmlParts.push(escapeHtml(sentence));
        }
        if (mention && mention !== author) {
          textParts.push(`@${handles[mention]}`);
          htmlParts.push(
            `<a href="/people/${encodeURIComponent(handles[mention])}" class="mention">@${escapeHtml(handles[mention])}</a>`,
          );
        }
        for (const t of tags) {
          textParts.push(`#${tagNames[t - 1]}`);
          htmlParts.push(
            `<a href="/hashtags/${encodeURIComponent(tagNames[t - 1])}" class="hashtag">#${escapeHtml(tagNames[t - 1])}</a>`,
          );
        }
        const body = textParts.join(" ");
        const html = `<p>${htmlParts.join(" ")}</p>`;
        const kind = root ? "update" : (["update", "question", "announcement"] as const)[kindOf[id]];
        const title =
          kind !== "question"
            ? null
            : ko
              ? koreanQuestionTitle(
                  KO_QUESTION_TOPICS[pickKoTopic()],
                  KO_QUESTION_FORMS[Math.floor(rand() * KO_QUESTION_FORMS.length)],
                )
              : EN_QUESTION_FORMS[Math.floor(rand() * EN_QUESTION_FORMS.length)].replace(
                  "{t}",
                  EN_QUESTION_TOPICS[pickEnTopic()],
                );
        // Votes on questions (mean ~1.5) and answers (~0.7, a best answer ~3), from people who may see the post,
        // never its author, one each.
        const answer = root !== 0 && kindOf[root] === 1;
        if (answer) answers++;
        const voters = new Set<number>();
        if (kind === "question" || answer) {
          const p = kind === "question" ? 0.6 : acceptedOf[root] === id ? 0.75 : 0.4;
          let want = 0;
          while (rand() < p && want < 40) want++;
          for (let v = 0; v < want; v++) {
            const u = participant(group);
            if (u !== author) voters.add(u);
          }
        }
        insertPost.run(
          id,
          author,
          kind,
          title,
          body,
          html,
          root || null,
          root || id,
          replyCount[id],
          group || null,
          created,
          voters.size,
          acceptedOf[id] || null,
          !root && lastReply[id] ? createdAt(lastReply[id]) : null,
        );
        let voteAt = created;
        for (const u of voters) insertVote.run(id, u, (voteAt += 60_000));
        votes += voters.size;
        // Roots every employee can see, for picking the quiet Home user below.
        if (!root && (!group || groupVisibility[group] === "public")) rootsBy[author]++;
        if (group) {
          groupPosts[group]++;
          // Two pins per group (its 3rd and 50th thread), so the group page hydrates pinned posts as well.
          if (!root && (++groupRoots[group] === 3 || groupRoots[group] === 50)) {
            insertPin.run(group, id, membersOf[group][0], created + 60_000);
          }
        }
        for (const t of tags) {
          insertPostTag.run(id, t, created);
          tagCounts[t]++;
          audienceTagCounts[group * (nTags + 1) + t]++;
          postHashtags++;
        }
        if (mention && mention !== author) {
          insertMention.run(id, mention);
          mentions++;
        }
        // Reactions: geometric, mean ~2, a few posts get many.
        let nReactions = 0;
        while (rand() < 0.67 && nReactions < 40) nReactions++;
        const seen = new Set<string>();
        for (let r = 0; r < nReactions; r++) {
          const u = participant(group);
          const k = reactionKinds[Math.floor(rand() * reactionKinds.length)];
          const key = `${u}:${k}`;
          if (seen.has(key)) continue;
          seen.add(key);
          insertReaction.run(id, u, k, created + 1000 * (1 + r));
          reactions++;
        }
      }
    })();
    if (!quiet && (to % 200_000 === 0 || to === totalPosts)) {
      log(`  ${to.toLocaleString("en")} posts (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }

  const updateTag = db.prepare(`update hashtags set post_count = ? where id = ?`);
  // hashtags.post_count counts every audience; hashtag_counts one row per (hashtag, audience) with uses, as
  // publishPost keeps them (group 0 = company-wide).
  const insertTagCount = db.prepare(`insert into hashtag_counts (hashtag_id, group_id, post_count) values (?, ?, ?)`);
  let hashtagCountRows = 0;
  db.transaction(() => {
    for (let t = 1; t <= nTags; t++) updateTag.run(tagCounts[t], t);
    for (let g = 0; g <= nGroups; g++) {
      for (let t = 1; t <= nTags; t++) {
        const n = audienceTagCounts[g * (nTags + 1) + t];
        if (n > 0) {
          insertTagCount.run(t, g, n);
          hashtagCountRows++;
        }
      }
    }
  })();

  log(`  rebuilding ${indexes.length} indexes…`);
  for (const ix of indexes) db.exec(ix.sql);
  const fk = db.pragma("foreign_key_check") as unknown[];
  if (fk.length) throw new Error(`generated data violates ${fk.length} foreign keys, e.g. ${JSON.stringify(fk[0])}`);
  // hashtag_counts must agree with post_hashtags, or hashtag pages would show counts that reveal or hide posts.
  const countMismatches = db
    .prepare(
      `select count(*) from (
         select ph.hashtag_id as h, coalesce(p.group_id, 0) as g, count(*) as n
           from post_hashtags ph join posts p on p.id = ph.post_id group by 1, 2) a
       full join hashtag_counts c on c.hashtag_id = a.h and c.group_id = a.g
       where a.n is not c.post_count`,
    )
    .pluck()
    .get() as number;
  if (countMismatches)
    throw new Error(`generated hashtag_counts disagree with post_hashtags in ${countMismatches} rows`);
  // Questions as the use cases leave them (issue #9): a title on questions only, vote_count = their votes, no vote
  // on one's own post nor on anything but a question or an answer, a best answer that is a reply of its question,
  // and last_reply_at = the newest reply's time on every root with replies.
  const questionChecks: Record<string, string> = {
    "titles on questions only": `select count(*) from posts where (title is not null) <> (kind = 'question' and reply_to_id is null)`,
    "vote_count = votes": `select count(*) from (select post_id, count(*) as n from post_votes group by 1) v
       join posts p on p.id = v.post_id where p.vote_count <> v.n`,
    "every counted vote has a row": `select (select count(*) from posts where vote_count > 0)
       - (select count(distinct post_id) from post_votes)`,
    "no votes on one's own post": `select count(*) from post_votes v join posts p on p.id = v.post_id
       where v.user_id = p.author_id`,
    "votes on questions and answers only": `select count(*) from post_votes v join posts p on p.id = v.post_id
       join posts r on r.id = p.thread_id where r.kind <> 'question'`,
    "best answers are replies of their question": `select count(*) from posts q left join posts a
       on a.id = q.accepted_answer_id where q.accepted_answer_id is not null
       and (q.kind <> 'question' or a.reply_to_id is not q.id)`,
    "last_reply_at is the newest reply": `select count(*) from posts p left join
       (select reply_to_id as id, max(created_at) as at from posts where reply_to_id is not null group by 1) r
       on r.id = p.id where p.reply_to_id is null and p.last_reply_at is not r.at`,
  };
  for (const [rule, check] of Object.entries(questionChecks)) {
    const bad = db.prepare(check).pluck().get() as number;
    if (bad) throw new Error(`generated questions break "${rule}" in ${bad} rows`);
  }
  const questionStates = db
    .prepare(
      `select count(*) as questions, sum(reply_count = 0) as unanswered,
              sum(reply_count > 0 and accepted_answer_id is null) as unresolved,
              sum(accepted_answer_id is not null) as answered
         from posts where kind = 'question' and reply_to_id is null`,
    )
    .get() as { questions: number; unanswered: number; unresolved: number; answered: number };
  // The question lists the benchmark reads: the private group's and the most used hashtag's.
  let popular = 1;
  for (let t = 2; t <= nTags; t++) if (tagCounts[t] > tagCounts[popular]) popular = t;
  const privateGroupQuestions = db
    .prepare(`select count(*) from posts where kind = 'question' and reply_to_id is null and group_id = 2`)
    .pluck()
    .get() as number;
  const popularTagQuestions = db
    .prepare(
      `select count(*) from post_hashtags ph join posts p on p.id = ph.post_id
        where ph.hashtag_id = ? and p.kind = 'question' and p.reply_to_id is null`,
    )
    .pluck()
    .get(popular) as number;

  // Back to the settings the app uses. No ANALYZE: the app does not run one, so the plans measured here
  // are the plans a real deployment gets.
  db.pragma("locking_mode = NORMAL");
  db.pragma("journal_mode = DELETE");
  db.pragma("journal_mode = WAL");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  removeDatabase(finalPath);
  fs.renameSync(tmp, finalPath);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(tmp + suffix, { force: true });

  // The harder Home case: ~30 people followed who post little (and no hashtags), so the feed has to reach
  // further back in time for a page. Still at least ~10 pages of threads.
  let quietHomeUserId = homeUserId;
  let quietScore = Infinity;
  for (let u = 2; u <= nUsers; u++) {
    if (Math.abs(followCount[u] - FOLLOWS_PER_USER) > 5) continue;
    const roots = followsOf[u].reduce((sum, f) => sum + rootsBy[f], rootsBy[u]);
    if (roots < 200) continue;
    // No hashtags and, where possible, no groups: both would fill the feed from other sources.
    const score = roots + (tagFollowsOf[u].length ? 1e9 : 0) + (groupsOf[u].length ? 1e6 : 0);
    if (score < quietScore) {
      quietScore = score;
      quietHomeUserId = u;
    }
  }

  const groupRef = (g: number) => ({
    id: g,
    slug: `${GROUP_NAMES[(g - 1) % GROUP_NAMES.length][1]}-${g}`,
    visibility: groupVisibility[g],
    members: membersOf[g].length,
    posts: groupPosts[g],
    roots: groupRoots[g],
  });
  let closedPosts = 0;
  let publicPosts = 0;
  for (let g = 1; g <= nGroups; g++) {
    if (groupVisibility[g] === "public") publicPosts += groupPosts[g];
    else closedPosts += groupPosts[g];
  }
  const writerUserIds = Array.from({ length: Math.min(64, nUsers - 1) }, (_, i) => 2 + ((i * 7919) % (nUsers - 1)));
  const meta: DatasetMeta = {
    version: GENERATOR_VERSION,
    posts: totalPosts,
    roots: rootsSeen,
    replies: totalPosts - rootsSeen,
    users: nUsers,
    follows,
    hashtags: nTags,
    hashtagFollows,
    postHashtags,
    reactions,
    mentions,
    homeUserId,
    quietHomeUserId,
    writerUserIds,
    popularTag: tagNames[popular - 1],
    popularTagPosts: tagCounts[popular],
    groups: nGroups,
    groupMembers,
    closedGroupPosts: closedPosts,
    publicGroupPosts: publicPosts,
    hashtagCountRows,
    questions: {
      ...questionStates,
      answers,
      votes,
      privateGroup: privateGroupQuestions,
      popularTag: popularTagQuestions,
    },
    homeGroups: HOME_GROUPS.map(groupRef),
    privateGroup: groupRef(2),
    publicGroup: groupRef(1),
    generatedAt: new Date().toISOString(),
    generateSeconds: Math.round((performance.now() - t0) / 100) / 10,
    fileBytes: fs.statSync(finalPath).size,
  };
  log(
    `dataset ${sizeLabel(totalPosts)}: ${meta.posts.toLocaleString("en")} posts (${meta.replies.toLocaleString("en")} replies), ` +
      `${nUsers.toLocaleString("en")} users, ${follows.toLocaleString("en")} follows, ${nTags} hashtags ` +
      `(${postHashtags.toLocaleString("en")} uses; #${meta.popularTag} ${meta.popularTagPosts.toLocaleString("en")}), ` +
      `${reactions.toLocaleString("en")} reactions, ${mentions.toLocaleString("en")} mentions, ` +
      `${nGroups} groups (${groupMembers.toLocaleString("en")} memberships; posts in private/secret groups ` +
      `${((100 * closedPosts) / totalPosts).toFixed(1)}%, in public groups ${((100 * publicPosts) / totalPosts).toFixed(1)}%); ` +
      `${questionStates.questions.toLocaleString("en")} questions (unanswered ${questionStates.unanswered.toLocaleString("en")}, ` +
      `unresolved ${questionStates.unresolved.toLocaleString("en")}, answered ${questionStates.answered.toLocaleString("en")}; ` +
      `${answers.toLocaleString("en")} answers, ${votes.toLocaleString("en")} votes; ${privateGroupQuestions} in ` +
      `${groupRef(2).slug}, ${popularTagQuestions} with #${tagNames[popular - 1]}) — ` +
      `${meta.generateSeconds} s, ${(meta.fileBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  return meta;
}

// CLI
if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { posts: { type: "string", default: "10k" }, force: { type: "boolean", default: false } },
  });
  for (const size of values.posts!.split(",")) await ensureDataset(parseSize(size), { force: values.force });
}
