// The bilingual demo company behind `npm run sori -- db:seed [--if-empty]`: ~48 people of 소리 주식회사
// (sori.demo) in seven departments, who follow each other and post ~60 days of company life in Korean,
// English and both — launches, 회의 notes, 공지, hiring, customer wins, questions, lunch — with hashtags,
// @mentions, threads and reactions. Everything comes from one seeded PRNG, so two runs tell the same story
// (only "now" moves). Posts go through publishPost (Markdown, hashtags, mentions, search outbox) in
// chronological order — feeds page on id — and are back-dated afterwards.
//
// Groups (db/seed-groups.ts, issue #6) go through the use cases too: createGroup, addMembers (the guest by email),
// publishPost with a group, pinPost. Each department has a public group that also receives some of its everyday
// posts; projects, 경영진, 러닝 크루 and the partner group (with the one guest account) have written stories.
import { and, eq, gt, sql } from "drizzle-orm";
import { countUsers, createUser, getUserIdByEmail } from "#app/models/people/user.server";
import { queueSearchRebuild } from "#app/events/consumers/search.server";
import { drainNotificationsFully } from "#app/events/consumers/notifications.server";
import { publishPost, setReaction } from "#app/models/posts/post.server";
import { addMembers, createGroup, pinPost } from "#app/models/groups/group.server";
import { buildViewer } from "#app/access/viewer.server";
import type { GroupVisibility } from "#app/access/rules";
import { hashPassword } from "#app/infra/passwords.server";
import { getDb, IMMEDIATE } from "#app/infra/db.server";
import {
  follows,
  groupMembers,
  groupPins,
  groups,
  hashtagFollows,
  hashtags,
  notifications,
  passwords,
  postHashtags,
  posts,
  users,
  type ReactionKind,
} from "#db/schema";
import { DEPT_GROUP_SLUG, GROUPS, GUEST, PARTNER_SLUG } from "#db/seed-groups";
import { SEED_QUESTIONS, type SeedQuestion } from "#db/seed-questions";
import { seedAnnouncements } from "#db/seed-announcements";
import { seedEvents } from "#db/seed-events";
import { seedWorkingHours } from "#db/seed-working-hours";
import { acceptAnswer, setVote } from "#app/models/questions/question.server";

export const DEMO_PASSWORD = "sori-demo-2026";

export const DEMO_LOGINS: { email: string; name: string; role: "admin" | "member" | "guest"; note: string }[] = [
  { email: "ceo@sori.demo", name: "정하늘", role: "admin", note: "CEO and network admin — 공지, 타운홀 (Korean UI)" },
  {
    email: "minsu.kim@sori.demo",
    name: "김민수",
    role: "member",
    note: "Engineering lead — deploys, #remix, launches (Korean UI)",
  },
  { email: "emily.carter@sori.demo", name: "Emily Carter", role: "member", note: "Product designer — English UI" },
  { email: "jieun.lee@sori.demo", name: "이지은", role: "member", note: "Head of People — 채용, 온보딩 (Korean UI)" },
  {
    email: GUEST.email,
    name: GUEST.name,
    role: "guest",
    note: `${GUEST.organization} guest — sees only the partner group "파트너 · Hanbit Logistics 협업"`,
  },
];

// ---------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------

type Dept = "mgmt" | "eng" | "design" | "sales" | "mkt" | "hr" | "cs";

const DEPARTMENTS: Record<Dept, string> = {
  mgmt: "경영지원 · Management",
  eng: "개발 · Engineering",
  design: "디자인 · Design",
  sales: "영업 · Sales",
  mkt: "마케팅 · Marketing",
  hr: "인사 · People",
  cs: "고객성공 · Customer Success",
};

type PersonSpec = [
  name: string,
  handle: string,
  dept: Dept,
  title: string,
  locale: "ko" | "en",
  bio: string,
  extra?: { email?: string; tz?: string; busan?: boolean; joined?: number; weight?: number; lead?: boolean },
];

// prettier-ignore
const PEOPLE: PersonSpec[] = [
  ["정하늘", "haneul.jung", "mgmt", "대표이사 (CEO)", "ko", "소리를 만드는 사람들의 이야기를 듣는 게 제일 좋습니다. 질문은 언제든 타운홀에서!", { email: "ceo@sori.demo", joined: 1300, lead: true }],
  ["Daniel Brooks", "daniel.brooks", "mgmt", "COO", "en", "Operations, finance and everything in between. Learning Korean one 회의 at a time."],
  ["윤미래", "mirae.yoon", "mgmt", "CFO", "ko", "숫자로 이야기합니다. 예산 문의 환영 📊"],
  ["오승현", "seunghyun.oh", "mgmt", "경영기획 매니저", "ko", "OKR과 분기 계획을 챙깁니다."],
  ["서예진", "yejin.seo", "mgmt", "총무 · 오피스 매니저", "ko", "서울/부산 오피스 살림 담당. 회의실, 비품, 택배 문의는 저에게!", { weight: 1.3 }],
  ["홍성민", "sungmin.hong", "mgmt", "법무 · 컴플라이언스", "ko", "계약서 검토와 개인정보 보호.", { weight: 0.5 }],
  ["김민수", "minsu.kim", "eng", "개발 리드 (Engineering Lead)", "ko", "Remix + SQLite로 소리를 만듭니다. 금요일에는 배포하지 않습니다 🙅", { weight: 1.8, lead: true }],
  ["이서연", "seoyeon.lee", "eng", "프론트엔드 엔지니어", "ko", "React, 접근성, 그리고 좋은 타이포그래피.", { weight: 1.4 }],
  ["박지훈", "jihoon.park", "eng", "백엔드 엔지니어", "ko", "피드, 검색, 그리고 keyset pagination.", { weight: 1.4 }],
  ["최유진", "yujin.choi", "eng", "SRE · DevOps", "ko", "on-call 중일 때는 커피를 주세요 ☕", { weight: 1.2 }],
  ["정태윤", "taeyoon.jung", "eng", "모바일 엔지니어", "ko", "iOS/Android 앱 담당. 부산 오피스에서 일해요 🌊", { busan: true }],
  ["강하은", "haeun.kang", "eng", "QA 엔지니어", "ko", "버그 사냥꾼 🐛"],
  ["조민재", "minjae.cho", "eng", "주니어 백엔드 엔지니어", "ko", "새로 합류했습니다! 잘 부탁드립니다 🙇", { joined: 44 }],
  ["임수빈", "subin.lim", "eng", "데이터 엔지니어", "ko", "지표와 대시보드, 그리고 SQL."],
  ["James Wilson", "james.wilson", "eng", "Staff Engineer", "en", "Search and infrastructure. London → Seoul. 한국어 조금 해요.", { weight: 1.3 }],
  ["Priya Raman", "priya.raman", "eng", "Senior Mobile Engineer", "en", "Mobile and offline sync. Bangalore → Seoul."],
  ["Lucas Martin", "lucas.martin", "eng", "Backend Engineer", "en", "Remote from Paris 🇫🇷 — realtime and SSE.", { tz: "Europe/Paris" }],
  ["한동욱", "donguk.han", "eng", "보안 엔지니어", "ko", "보안은 모두의 일입니다 🔐"],
  ["송지아", "jia.song", "design", "디자인 리드", "ko", "디자인 시스템 'Haneul'을 가꿉니다.", { weight: 1.3, lead: true }],
  ["Emily Carter", "emily.carter", "design", "Senior Product Designer", "en", "Product design, research, too much coffee. In Seoul since 2023.", { weight: 1.4 }],
  ["배준호", "junho.bae", "design", "UX 디자이너", "ko", "사용성 테스트를 좋아합니다."],
  ["신나래", "narae.shin", "design", "브랜드 디자이너", "ko", "일러스트와 모션 ✏️"],
  ["권소희", "sohee.kwon", "design", "UX 리서처", "ko", "고객 인터뷰 일정 잡아드려요."],
  ["Noah Kim", "noah.kim", "design", "Product Designer", "en", "Joined from LA 🌴 — 반갑습니다!", { joined: 29 }],
  ["황준영", "junyoung.hwang", "sales", "영업 총괄", "ko", "엔터프라이즈 영업 12년차.", { weight: 1.3, lead: true }],
  ["안지수", "jisu.ahn", "sales", "엔터프라이즈 영업 매니저", "ko", "금융/공공 고객 담당."],
  ["유현우", "hyunwoo.yoo", "sales", "영업 매니저", "ko", "제조/물류 고객 담당."],
  ["Michael Chen", "michael.chen", "sales", "Account Executive, APAC", "en", "Covering Singapore and Southeast Asia.", { tz: "Asia/Singapore" }],
  ["노은비", "eunbi.noh", "sales", "세일즈 엔지니어", "ko", "데모와 PoC 담당."],
  ["Sarah Al-Mansouri", "sarah.almansouri", "sales", "Account Executive, MENA", "en", "Dubai office 🇦🇪", { tz: "Asia/Dubai" }],
  ["전재민", "jaemin.jeon", "sales", "영업 매니저 (부산)", "ko", "부산/경남 고객 담당 🌊", { busan: true }],
  ["문채원", "chaewon.moon", "mkt", "마케팅 리드", "ko", "브랜드와 그로스.", { weight: 1.3, lead: true }],
  ["양서준", "seojun.yang", "mkt", "퍼포먼스 마케터", "ko", "숫자와 실험 🧪"],
  ["Olivia Bennett", "olivia.bennett", "mkt", "Content Marketing Manager", "en", "Blog, webinars, case studies.", { weight: 1.2 }],
  ["손다인", "dain.son", "mkt", "콘텐츠 마케터", "ko", "뉴스레터 '소리 레터' 편집자."],
  ["백승우", "seungwoo.baek", "mkt", "PR 매니저", "ko", "언론 문의 담당."],
  ["Chloe Dubois", "chloe.dubois", "mkt", "Field Marketing Manager, EMEA", "en", "Events in Paris and beyond 🇫🇷", { tz: "Europe/Paris", joined: 24 }],
  ["이지은", "jieun.lee", "hr", "인사팀장 (Head of People)", "ko", "좋은 동료가 최고의 복지 🌱 온보딩, 복지 문의 환영합니다.", { weight: 1.4, lead: true }],
  ["김하린", "harin.kim", "hr", "리크루터", "ko", "채용 문의는 DM 주세요!", { weight: 1.2 }],
  ["박소연", "soyeon.park", "hr", "HR 매니저", "ko", "급여, 근태, 휴가."],
  ["Grace Lee", "grace.lee", "hr", "Global People Partner", "en", "Onboarding our global teammates 🌏"],
  ["장민호", "minho.jang", "hr", "교육 담당", "ko", "사내 교육과 스터디를 엽니다 📚"],
  ["최지우", "jiwoo.choi", "cs", "고객성공 리드", "ko", "고객의 소리를 제품으로.", { weight: 1.3, lead: true }],
  ["류태민", "taemin.ryu", "cs", "고객성공 매니저", "ko", "금융권 고객 담당."],
  ["남궁민", "min.namgung", "cs", "기술지원 엔지니어", "ko", "계정, 권한, API 토큰 문의는 저에게."],
  ["Hannah Schmidt", "hannah.schmidt", "cs", "Customer Success Manager, EMEA", "en", "Berlin-based, looking after our European customers.", { tz: "Europe/Berlin" }],
  ["구본재", "bonjae.koo", "cs", "고객성공 매니저", "ko", "제조/유통 고객 담당."],
  ["이하준", "hajun.lee", "cs", "고객지원 매니저 (부산)", "ko", "부산 오피스 CS 담당입니다.", { busan: true, joined: 14 }],
];

type Person = {
  id: number;
  name: string;
  handle: string;
  dept: Dept;
  locale: "ko" | "en";
  busan: boolean;
  lead: boolean;
  weight: number;
  joinedAt: number;
  role: "admin" | "member";
};

/** Whoever writes a post: a person of the company or the guest. */
type Actor = Pick<Person, "id" | "handle" | "locale" | "joinedAt"> & { role: Person["role"] | "guest" };

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness and time
// ---------------------------------------------------------------------------------------------------------

class Rng {
  constructor(private s: number) {}
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of entries) if ((x -= w) < 0) return v;
    return entries[entries.length - 1][0];
  }
  sample<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const KST = 9 * HOUR;
const SPAN_DAYS = 59;

const fmtKo = new Intl.DateTimeFormat("ko-KR", {
  month: "long",
  day: "numeric",
  weekday: "short",
  timeZone: "Asia/Seoul",
});
const fmtEn = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  weekday: "short",
  timeZone: "Asia/Seoul",
});

// ---------------------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------------------

type Bi = { ko: string; en: string };
const bi = (ko: string, en: string): Bi => ({ ko, en });

// Parts of Sori the company ships and features it announces: only what the demo's own Sori has (issue #12 item
// 20), so a reader who tries an announced feature finds it. Asks for what it lacks belong in VoC posts.
const PRODUCTS: Bi[] = [
  bi("그룹", "Groups"),
  bi("검색 2.0", "Search 2.0"),
  bi("라이브 Q&A", "Live Q&A"),
  bi("관리자 콘솔", "the Admin Console"),
  bi("알림 센터", "the Notification Center"),
  bi("질문과 답변", "Questions & Answers"),
  bi("이벤트 페이지", "Event pages"),
  bi("질문 통계", "question stats"),
];
const FEATURES: Bi[] = [
  bi("한국어 검색 정확도 개선", "much better Korean search"),
  bi("공지 읽음 확인", "announcement read receipts"),
  bi("이메일 다이제스트", "email digests"),
  bi("게시물 수정 이력", "post edit history"),
  bi("실시간 알림", "live notifications"),
  bi("해시태그 팔로우", "hashtag follows"),
  bi("근무 시간 설정", "working hours"),
  bi("질문 투표와 답변 채택", "question votes and accepted answers"),
  bi("페이지 로딩 40% 단축", "40% faster page loads"),
  bi("접근성 개선", "accessibility fixes"),
  bi("공지 확인 현황 CSV 내보내기", "CSV export of who read an announcement"),
  bi("멘션 자동완성", "mention autocomplete"),
];
const CUSTOMERS = [
  "한빛제약",
  "Nuri Bank",
  "세종물산",
  "Bluewave Logistics",
  "대한해운",
  "Hanul Telecom",
  "Maple Health",
  "미래에너지",
  "Orbit Games",
  "서울모빌리티",
  "Kestrel Airlines",
  "다온푸드",
  "Lumen Retail",
  "부산항만공사",
];
const TOPICS: (Bi & { tag: string })[] = [
  { ...bi("스프린트 계획", "sprint planning"), tag: "sprint" },
  { ...bi("분기 OKR", "quarterly OKR"), tag: "OKR" },
  { ...bi("릴리스 회고", "release retro"), tag: "회고" },
  { ...bi("고객 온보딩 프로세스", "customer onboarding"), tag: "온보딩" },
  { ...bi("검색 품질", "search quality"), tag: "search" },
  { ...bi("브랜드 가이드", "brand guidelines"), tag: "브랜드" },
  { ...bi("채용 파이프라인", "hiring pipeline"), tag: "채용" },
  { ...bi("가격 정책", "pricing"), tag: "pricing" },
  { ...bi("보안 점검", "security review"), tag: "보안" },
  { ...bi("부산 오피스 운영", "Busan office ops"), tag: "부산" },
];
const DECISIONS: Bi[] = [
  bi("출시 일정은 그대로 유지", "keep the release date"),
  bi("QA 기간 1주 추가", "add one more week of QA"),
  bi("고객 인터뷰 5건 추가 진행", "run five more customer interviews"),
  bi("대시보드 지표 단순화", "simplify the dashboard metrics"),
  bi("온보딩 문서 업데이트", "update the onboarding docs"),
  bi("부산 오피스와 격주 싱크", "biweekly sync with the Busan office"),
  bi("예산은 다음 분기에 재검토", "revisit the budget next quarter"),
  bi("팀 위키를 Sori로 이전", "move the team wiki into Sori"),
  bi("장애 대응 런북 정리", "tidy up the incident runbook"),
  bi("디자인 QA를 스프린트에 포함", "make design QA part of every sprint"),
];
/** Each place with what it serves: a 냉면 place is not recommended for its sushi (the seed test checks). */
export const RESTAURANTS: { place: string; food: Bi }[] = [
  { place: "밀밭 칼국수", food: bi("칼국수", "kalguksu") },
  { place: "을지로 평양냉면", food: bi("냉면", "naengmyeon") },
  { place: "Bada Sushi", food: bi("초밥", "sushi") },
  { place: "Seoul Taco", food: bi("타코", "tacos") },
  { place: "성수 돈까스", food: bi("돈까스", "tonkatsu") },
  { place: "Green Bowl", food: bi("샐러드", "salads") },
  { place: "고향 순대국", food: bi("순대국", "sundae-guk") },
  { place: "Mr. Pho", food: bi("쌀국수", "pho") },
  { place: "뚝섬 김치찌개", food: bi("김치찌개", "kimchi stew") },
  { place: "Bistro Seongsu", food: bi("파스타", "pasta") },
];
const FOODS: Bi[] = [
  bi("칼국수", "kalguksu"),
  bi("냉면", "naengmyeon"),
  bi("김치찌개", "kimchi stew"),
  bi("비빔밥", "bibimbap"),
  bi("쌀국수", "pho"),
  bi("돈까스", "tonkatsu"),
  bi("샐러드", "salads"),
  bi("초밥", "sushi"),
];
const ROLES: (Bi & { slug: string; dept: Dept })[] = [
  { ...bi("시니어 백엔드 엔지니어", "Senior Backend Engineer"), slug: "backend", dept: "eng" },
  { ...bi("SRE", "Site Reliability Engineer"), slug: "sre", dept: "eng" },
  { ...bi("프로덕트 디자이너", "Product Designer"), slug: "product-designer", dept: "design" },
  { ...bi("엔터프라이즈 영업 매니저", "Enterprise Account Executive"), slug: "enterprise-ae", dept: "sales" },
  { ...bi("콘텐츠 마케터", "Content Marketer"), slug: "content-marketer", dept: "mkt" },
  { ...bi("고객 성공 매니저", "Customer Success Manager"), slug: "csm", dept: "cs" },
];
const KUDOS: [Bi, Bi][] = [
  [
    bi("새벽 장애 대응", "jumping on last night's incident"),
    bi("고객 영향 없이 마무리됐어요", "no customer noticed a thing"),
  ],
  [
    bi("꼼꼼한 코드 리뷰", "the thorough code reviews"),
    bi("릴리스가 훨씬 안정적이었어요", "the release went out clean"),
  ],
  [bi("데모 준비", "preparing the demo"), bi("고객 반응이 정말 좋았습니다", "the customer loved it")],
  [
    bi("온보딩 자료 정리", "rewriting the onboarding guide"),
    bi("신규 입사자분들이 헤매지 않아요", "new joiners find their way on day one"),
  ],
  [
    bi("디자인 시스템 문서화", "documenting the design system"),
    bi("팀 전체 속도가 빨라졌어요", "the whole team moves faster"),
  ],
  [bi("웨비나 진행", "hosting the webinar"), bi("등록자가 역대 최고였어요", "we had record sign-ups")],
  [bi("부산 출장 지원", "sorting out the Busan trip"), bi("모든 일정이 완벽했어요", "everything ran like clockwork")],
];
const CAMPAIGNS = [
  "소리 레터 3월호",
  "Launch2026 티저",
  "HR Tech Summit",
  "고객 사례집 2026",
  "Webinar: 사내 소통의 미래",
  "Product Hunt launch",
];
const QUOTES: Bi[] = [
  bi("검색이 빨라져서 회의 준비 시간이 절반이 됐어요", "Search got so fast our meeting prep time halved"),
  bi("CEO 타운홀 기능 덕분에 직원 참여가 늘었습니다", "The town hall feature doubled employee participation"),
  bi(
    "알림이 너무 많아요. 하루에 한 번 묶어서 받고 싶어요",
    "Too many notifications — we'd like them bundled once a day",
  ),
  bi("공지 읽음 확인 덕분에 확인 전화가 확 줄었어요", "Read receipts on announcements cut our follow-up calls"),
  bi("한국어와 영어 게시물을 함께 검색할 수 있어 좋아요", "Love that Korean and English posts search together"),
];
type Question = { q: Bi; a: Bi; tag: string };
const QUESTIONS: Question[] = [
  {
    q: bi("혹시 법인카드 영수증 제출은 어디서 하나요? 🤔", "Where do we submit corporate card receipts these days? 🤔"),
    a: bi(
      "경비 시스템에서 사진 찍어 올리시면 돼요. [가이드](https://wiki.sori.demo/expenses) 참고!",
      "Snap a photo in the expense app — [guide here](https://wiki.sori.demo/expenses).",
    ),
    tag: "질문",
  },
  {
    q: bi(
      "회의실 예약 시스템 바뀐 건가요? 3층 회의실이 안 보여요",
      "Did the meeting room booking system change? I can't find the 3rd-floor rooms",
    ),
    a: bi(
      "3층은 공사 중이라 잠시 빠졌어요. 다음 주에 다시 열립니다!",
      "3F rooms are closed for renovation until next week.",
    ),
    tag: "회의실",
  },
  {
    q: bi("부산 오피스 출장 KTX 비용 정산은 어떻게 하나요?", "How do I expense KTX tickets for a Busan office trip?"),
    a: bi(
      "출장 신청서 승인 후 영수증 첨부하시면 됩니다. 당일 출장도 동일해요.",
      "Get the trip form approved first, then attach the receipt — same for day trips.",
    ),
    tag: "부산",
  },
  {
    q: bi(
      "Remix에서 `useFetcher`로 optimistic UI 만들 때 좋은 패턴 있을까요?",
      "Any good patterns for optimistic UI with `useFetcher` in Remix?",
    ),
    a: bi(
      "`fetcher.formData`를 읽어서 바로 UI에 반영하세요. 실패하면 loader가 다시 진실을 알려줍니다 👍",
      "Read `fetcher.formData` and render it right away; the revalidated loader is the source of truth if it fails 👍",
    ),
    tag: "remix",
  },
  {
    q: bi(
      "SQLite FTS5로 한국어 검색은 어떻게 하나요? 형태소 분석기 없이 되나요?",
      "How do we do Korean search with SQLite FTS5 without a morphological analyzer?",
    ),
    a: bi(
      "한국어는 두 글자씩 자른 bigram으로 색인해요. 자세한 건 `search/text.ts` 주석에!",
      "Korean is indexed as two-character bigrams — the comments in `search/text.ts` explain it.",
    ),
    tag: "sqlite",
  },
  {
    q: bi("다음 타운홀 질문은 어디에 올리면 되나요?", "Where should we post questions for the next town hall?"),
    a: bi(
      "#타운홀 태그 달아서 올려 주세요. 추천 많은 순서로 답변합니다!",
      "Post them with #타운홀 — the most upvoted go first!",
    ),
    tag: "타운홀",
  },
  {
    q: bi("재택근무 신청은 언제까지 해야 하나요?", "What's the deadline for requesting WFH days?"),
    a: bi("전주 금요일까지 HR 포털에서 신청하시면 됩니다.", "By Friday of the week before, in the HR portal."),
    tag: "재택",
  },
  {
    q: bi("사내 브랜드 가이드 최신 버전 링크 있을까요?", "Is there a link to the latest brand guide?"),
    a: bi(
      "여기요 → [brand.sori.demo](https://brand.sori.demo) 로고 파일도 있어요 🎨",
      "Here → [brand.sori.demo](https://brand.sori.demo), logo files included 🎨",
    ),
    tag: "브랜드",
  },
  {
    q: bi("서울 오피스 게스트 Wi-Fi 비밀번호 아시는 분?", "What's the guest Wi-Fi at the Seoul office?"),
    a: bi(
      "1층 안내 데스크에 QR 코드가 있어요. 매주 월요일에 바뀝니다.",
      "There's a QR code at the front desk; it rotates every Monday.",
    ),
    tag: "서울",
  },
  {
    q: bi("외국인 동료를 위한 한국어 수업 있나요? 📚", "Do we have Korean classes for international teammates? 📚"),
    a: bi(
      "매주 목요일 점심에 장민호 님이 진행하는 한국어 스터디가 있어요!",
      "Yes — every Thursday lunch, run by the learning team!",
    ),
    tag: "교육",
  },
  {
    q: bi("고객사 보안 심사 질문지 템플릿 어디 있나요?", "Where's the template for customer security questionnaires?"),
    a: bi(
      "법무 폴더의 '보안 심사 FAQ' 문서를 쓰시면 80%는 해결됩니다.",
      "Use the 'Security review FAQ' doc in the legal folder — covers 80% of it.",
    ),
    tag: "보안",
  },
];
type Tip = { tag: string; ko: string; en: string; code: string; lang: string };
const TIPS: Tip[] = [
  {
    tag: "remix",
    ko: "Remix v2에서 single fetch를 켜면 loader가 `json()` 없이 객체를 그대로 반환할 수 있어요.",
    en: "With single fetch on, Remix v2 loaders can return plain objects — no `json()` needed.",
    lang: "ts",
    code: "export async function loader({ request }: LoaderFunctionArgs) {\n  const user = await requireUser(request);\n  return { feed: listHomeFeed({ viewer: user }) };\n}",
  },
  {
    tag: "sqlite",
    ko: "SQLite는 WAL 모드 + `busy_timeout`만 설정해도 동시 쓰기 에러가 거의 사라집니다.",
    en: "SQLite in WAL mode plus a `busy_timeout` makes 'database is locked' errors basically disappear.",
    lang: "sql",
    code: "PRAGMA journal_mode = WAL;\nPRAGMA busy_timeout = 5000;",
  },
  {
    tag: "typescript",
    ko: "`satisfies` 연산자로 타입은 좁게, 검사는 엄격하게!",
    en: "`satisfies` keeps the narrow type and still checks the shape.",
    lang: "ts",
    code: 'const routes = {\n  home: "/",\n  people: "/people",\n} satisfies Record<string, `/${string}`>;',
  },
  {
    tag: "remix",
    ko: "피드는 offset 대신 keyset pagination으로 — 새 글이 올라와도 중복이 없어요.",
    en: "Keyset pagination beats offset for feeds: no duplicates when new posts arrive.",
    lang: "sql",
    code: "select * from posts\nwhere reply_to_id is null and id < ?\norder by id desc\nlimit 20;",
  },
  {
    tag: "sqlite",
    ko: "`EXPLAIN QUERY PLAN`으로 인덱스를 타는지 꼭 확인하세요.",
    en: "Always check `EXPLAIN QUERY PLAN` before shipping a new query.",
    lang: "sql",
    code: "EXPLAIN QUERY PLAN\nselect id from posts where author_id = ? order by id desc;",
  },
  {
    tag: "git",
    ko: "`git switch -`로 직전 브랜치로 바로 돌아갈 수 있어요.",
    en: "`git switch -` jumps back to the previous branch.",
    lang: "bash",
    code: "git switch feature/search-2\ngit switch -   # back to main",
  },
];
const NOTICES: { t: Bi; b: Bi }[] = [
  {
    t: bi("창립기념일 전사 휴무", "Company holiday for our founding day"),
    b: bi("{d}은 창립기념일로 전사 휴무입니다. 푹 쉬세요 🎂", "{d} is our founding day — the whole company is off 🎂"),
  },
  {
    t: bi("서울 오피스 3층 회의실 공사", "Seoul office 3F meeting rooms closed"),
    b: bi(
      "{d}까지 3층 회의실을 사용할 수 없습니다. 5층 라운지를 이용해 주세요.",
      "3F rooms are closed until {d}. Please use the 5F lounge.",
    ),
  },
  {
    t: bi("필수 보안 교육 안내", "Mandatory security training"),
    b: bi(
      "이번 달 말까지 모든 분이 보안 교육을 이수해 주세요 (약 30분). #보안",
      "Everyone please finish the 30-minute security training by the end of the month. #security",
    ),
  },
  {
    t: bi("건강검진 예약 시작", "Annual health check-ups"),
    b: bi(
      "올해 건강검진 예약이 시작되었습니다. {d}까지 HR 포털에서 신청하세요.",
      "Booking is open — please sign up in the HR portal by {d}.",
    ),
  },
  {
    t: bi("사내 Wi-Fi 교체 작업", "Office Wi-Fi maintenance"),
    b: bi("{d} 저녁 8시부터 10시까지 Wi-Fi가 끊길 수 있습니다.", "Wi-Fi may drop on {d} between 8 and 10 pm KST."),
  },
  {
    t: bi("부산 오피스 주차 등록 안내", "Parking at the Busan office"),
    b: bi(
      "부산 오피스 주차는 총무팀에 차량 번호를 등록하시면 됩니다. #부산",
      "Register your car plate with the office team to park at the Busan office. #Busan",
    ),
  },
  {
    t: bi("경비 정산 마감", "Expense claims deadline"),
    b: bi("이번 달 경비 정산은 {d}에 마감합니다.", "This month's expense claims close on {d}."),
  },
];
const WEEKLY: Record<Dept, Bi[]> = {
  mgmt: [
    bi("2분기 예산안 초안 공유", "Q2 budget draft shared"),
    bi("부산 오피스 임대 갱신", "Busan lease renewed"),
    bi("OKR 중간 점검 완료", "OKR mid-check done"),
  ],
  eng: [
    bi("검색 인덱싱 지연 50% 단축", "search indexing lag cut in half"),
    bi("SSE 연결 안정화", "SSE connections stabilised"),
    bi("테스트 커버리지 82%", "test coverage at 82%"),
    bi("피드 쿼리 튜닝", "feed queries tuned"),
  ],
  design: [
    bi("디자인 시스템 v3 토큰 정리", "design system v3 tokens"),
    bi("모바일 온보딩 플로우 개선", "mobile onboarding flow"),
    bi("사용성 테스트 6건 완료", "six usability sessions done"),
  ],
  sales: [
    bi("파이프라인 신규 딜 8건", "8 new deals in the pipeline"),
    bi("금융권 PoC 2건 진행", "two banking PoCs running"),
    bi("파트너 미팅 4건", "four partner meetings"),
  ],
  mkt: [
    bi("뉴스레터 오픈율 48%", "newsletter open rate 48%"),
    bi("웨비나 등록 320명", "320 webinar sign-ups"),
    bi("고객 사례 2건 발행", "two case studies published"),
  ],
  hr: [
    bi("신규 입사자 3명 온보딩", "three new joiners onboarded"),
    bi("채용 인터뷰 14건", "14 interviews"),
    bi("복지 설문 응답률 71%", "wellbeing survey at 71% response"),
  ],
  cs: [
    bi("NPS 62 → 67", "NPS 62 → 67"),
    bi("평균 응답 시간 2시간 이내", "median first response under 2h"),
    bi("갱신 계약 5건", "five renewals closed"),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Post templates
// ---------------------------------------------------------------------------------------------------------

type Cat =
  | "launch"
  | "deploy"
  | "til"
  | "meeting"
  | "notice"
  | "hiring"
  | "win"
  | "question"
  | "lunch"
  | "office"
  | "kudos"
  | "design"
  | "marketing"
  | "voc"
  | "weekly"
  | "event"
  | "welcome"
  | "intro"
  | "townhall";
type Kind = "update" | "question" | "announcement";
type Variants = { ko: string; en: string; mix?: string; kind?: Kind; answer?: Bi };

type Ctx = {
  r: Rng;
  a: Person;
  at: number;
  /** "@handle" of someone else who works here at that time, optionally in the author's department. */
  m(scope?: "dept" | Dept): string;
  /** A weekday `daysAhead` days on (a weekend moves to Monday), or the first `weekday` (0 = Sunday) from then. */
  date(daysAhead: number, weekday?: number): Bi;
  team: Bi;
  /** Whom the post is about (a newcomer being welcomed). */
  subject?: Person;
};

const TEAM_NAMES: Record<Dept, Bi> = {
  mgmt: bi("경영지원", "Management"),
  eng: bi("개발", "Engineering"),
  design: bi("디자인", "Design"),
  sales: bi("영업", "Sales"),
  mkt: bi("마케팅", "Marketing"),
  hr: bi("인사", "People"),
  cs: bi("고객성공", "Customer Success"),
};

/** A release number that grows with time (year, week of the year, day of the week): deploys never go backwards. */
const version = (c: Ctx) => {
  const d = new Date(c.at + KST);
  const dayOfYear = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY);
  return `v${d.getUTCFullYear() - 2024}.${Math.floor(dayOfYear / 7)}.${dayOfYear % 7}`;
};
/** Meeting notes and town halls happen on weekdays. */
const MEETING_CATS = new Set<Cat>(["meeting", "townhall"]);
/**
 * What a post looks like with its numbers, mentions and links blanked: two posts of the same shape are one template
 * filled twice. The seed test checks the same (tests/integration/seed-realism.test.ts).
 */
export const shapeOf = (body: string) =>
  body
    .replace(/https?:\/\/\S+/g, "URL")
    .replace(/@[\w.-]+/g, "@")
    .replace(/\d+/g, "0")
    .replace(/\s+/g, " ")
    .trim();
const isWeekend = (at: number) => {
  const weekday = new Date(at + KST).getUTCDay();
  return weekday === 0 || weekday === 6;
};
const bullets = (xs: string[]) => xs.map((x) => `- ${x}`).join("\n");
/** A question needs a title (issue #9): its first line without hashtags, as someone asking would type it. */
const questionTitle = (body: string) =>
  (body.split("\n").find((line) => line.trim()) ?? body)
    .replace(/(^|\s)#\S+/g, "")
    .replace(/\*\*/g, "")
    .trim()
    .slice(0, 150);

const TEMPLATES: Record<Cat, (c: Ctx) => Variants> = {
  launch(c) {
    const p = c.r.pick(PRODUCTS);
    const v = version(c);
    const f = c.r.sample(FEATURES, 3);
    const [m1, m2] = [c.m("dept"), c.m()];
    return {
      ko: `🚀 **${p.ko} ${v}** 출시했습니다!\n\n주요 변경 사항:\n${bullets(f.map((x) => x.ko))}\n\n함께 고생한 ${m1} ${m2} 님 감사합니다. 피드백은 이 스레드에 남겨 주세요 🙏\n\n#신제품 #Launch2026 #release`,
      en: `🚀 **${p.en} ${v}** is live!\n\nWhat's new:\n${bullets(f.map((x) => x.en))}\n\nHuge thanks to ${m1} and ${m2}. Feedback welcome in this thread 🙏\n\n#Launch2026 #release`,
      mix: `🚀 ${p.ko} ${v} release 완료! **${f[0].en}** 포함입니다.\n\n팀 여러분 고생하셨어요 ${m1} ${m2} 🙌 #Launch2026 #신제품`,
    };
  },
  deploy(c) {
    const v = version(c);
    const n = c.r.int(0, 4);
    const m = c.m("eng");
    return {
      ko: `프로덕션 배포 완료 ✅ \`api ${v}\`\n\n\`\`\`bash\nnpm run build && npm run sori -- db:migrate\n\`\`\`\n\n마이그레이션 ${n}개, 다운타임 없음. 이상 있으면 ${m} 님께 알려주세요. #deploy`,
      en: `Shipped \`web ${v}\` to prod ✅ — ${n} migrations, zero downtime.\n\n\`\`\`bash\ngit tag ${v} && ./scripts/deploy.sh production\n\`\`\`\n\nPing ${m} if anything looks off. #deploy #release`,
      mix: `오늘 오후 deploy 끝났습니다 🚢 \`${v}\` — rollback plan은 [런북](https://wiki.sori.demo/runbooks/deploy) 참고해 주세요. cc ${m} #deploy`,
    };
  },
  til(c) {
    const t = c.r.pick(TIPS);
    const block = `\`\`\`${t.lang}\n${t.code}\n\`\`\``;
    return {
      ko: `💡 **TIL**: ${t.ko}\n\n${block}\n\n#TIL #${t.tag}`,
      en: `💡 **TIL**: ${t.en}\n\n${block}\n\n#TIL #${t.tag}`,
      mix: `💡 오늘 배운 것 (TIL) — ${t.en}\n\n${block}\n\n팀 위키에도 정리해 둘게요. #TIL #${t.tag}`,
    };
  },
  meeting(c) {
    const t = c.r.pick(TOPICS);
    const d = c.r.sample(DECISIONS, c.r.int(2, 3));
    const ms = [c.m("dept"), c.m("dept"), c.m()];
    const next = c.date(7);
    return {
      ko: `📝 **${t.ko} 회의** 정리\n\n참석: ${ms.join(", ")}\n\n${d.map((x, i) => `${i + 1}. ${x.ko}`).join("\n")}\n\n다음 회의는 ${next.ko} 오후 2시입니다. 액션 아이템은 ${ms[0]} 님이 챙겨 주세요. #회의 #${t.tag}`,
      en: `📝 Notes from today's **${t.en}** meeting\n\nAttendees: ${ms.join(", ")}\n\n${d.map((x, i) => `${i + 1}. ${x.en}`).join("\n")}\n\nNext one: ${next.en}, 2 pm KST. ${ms[0]} owns the action items. #meeting #회의`,
      mix: `📝 ${t.ko} 회의 notes\n\n${bullets(d.map((x) => `**${x.ko}** (${x.en})`))}\n\nAction items → ${ms[0]} #회의 #${t.tag}`,
    };
  },
  notice(c) {
    const n = c.r.pick(NOTICES);
    const d = c.date(c.r.int(5, 14));
    const m = c.m("dept");
    const ko = `📢 **[공지] ${n.t.ko}**\n\n${n.b.ko.replace("{d}", d.ko)}\n\n문의는 ${m} 님께 부탁드립니다. #공지`;
    const en = `📢 **Notice: ${n.t.en}**\n\n${n.b.en.replace("{d}", d.en)}\n\nQuestions → ${m}. #공지 #announcement`;
    return { ko, en, mix: `${ko}\n\n---\n\n${en}`, kind: "announcement" };
  },
  hiring(c) {
    const role = ROLES.find((x) => x.dept === c.a.dept) ?? c.r.pick(ROLES);
    const team = TEAM_NAMES[role.dept];
    const y = c.r.int(3, 7);
    const link = `[careers.sori.demo](https://careers.sori.demo/jobs/${role.slug})`;
    return {
      ko: `💼 **${team.ko}팀 채용 중!** — ${role.ko}\n\n- 경력 ${y}년 이상\n- 서울 성수 오피스 (주 2회 재택)\n- 영어 가능하면 우대\n\n주변에 좋은 분 계시면 추천해 주세요. 추천 보상금 있습니다 💰\n지원: ${link}\n\n#채용 #hiring`,
      en: `💼 **We're hiring: ${role.en}** (${team.en})\n\n- ${y}+ years of experience\n- Seoul HQ, 2 days WFH a week\n- Korean is a plus, not a must\n\nReferrals get a bonus 💰 Apply: ${link}\n\n#hiring #채용`,
      mix: `💼 ${team.ko}팀 ${role.en} 채용 중입니다! Referral bonus 있어요 💰 → ${link} #채용 #hiring`,
    };
  },
  win(c) {
    const cust = c.r.pick(CUSTOMERS);
    const seats = c.r.pick([120, 250, 400, 800, 1500, 3000]);
    const [m1, m2] = [c.m("dept"), c.m()];
    return {
      ko: `🎉 **${cust}** 계약 체결했습니다! ${seats}석 규모, 3년 계약입니다.\n\n데모부터 보안 심사까지 함께해 준 ${m1} ${m2} 님 감사합니다 🙌 #고객 #CustomerWin`,
      en: `🎉 Closed **${cust}** — ${seats} seats, 3-year deal!\n\nThanks ${m1} and ${m2} for the demo and the security review marathon 🙌 #CustomerWin #고객`,
      mix: `🎉 ${cust} 딜 클로징!! ${seats} seats, 온보딩은 다음 주 시작합니다. Great teamwork ${m1} ${m2} #CustomerWin #고객`,
    };
  },
  question(c) {
    const q = c.r.pick(QUESTIONS);
    const m = c.r.chance(0.4) ? c.m() : "";
    return {
      ko: `${q.q.ko}${m ? `\n\n${m} 님 혹시 아세요?` : ""} #질문 #${q.tag}`,
      en: `${q.q.en}${m ? `\n\n${m} any idea?` : ""} #question #${q.tag}`,
      mix: `${q.q.ko}\n(${q.q.en}) #질문 #${q.tag}`,
      kind: "question",
      answer: q.a,
    };
  },
  lunch(c) {
    if (c.a.busan) {
      return {
        ko: `부산 오피스 점심은 오늘도 돼지국밥 🍲 서울은 뭐 드세요? #점심 #부산`,
        en: `Busan office lunch: dwaeji-gukbap again 🍲 What's Seoul having? #점심 #Busan`,
      };
    }
    const { place, food: served } = c.r.pick(RESTAURANTS);
    // Drawn even where only the poll uses it, so the rest of the seed stays as it was.
    const food = c.r.pick(FOODS);
    const m = c.m("dept");
    return {
      ko: `오늘 점심 **${place}** 어떠세요? ${served.ko} 맛집입니다 😋 12시에 1층 로비에서 만나요! ${m} #점심 #서울`,
      en: `Lunch crew today? Thinking **${place}** for ${served.en} 😋 Meet at the lobby at 12. ${m} #점심 #lunch`,
      mix: `점심 메뉴 고민 중... ${food.ko} vs ${c.r.pick(FOODS).ko}? Vote in the replies 🗳️ #점심`,
    };
  },
  office(c) {
    const lines: Variants[] = [
      {
        ko: "서울은 오늘 비가 많이 와요 ☔ 출근길 조심하세요! 부산은 어때요? #서울 #부산",
        en: "Heavy rain in Seoul today ☔ Stay dry! How's Busan? #Seoul #서울",
      },
      {
        ko: "부산 오피스 창밖 바다 뷰 공유합니다 🌊 오늘 회의는 여기서! #부산",
        en: "Sharing the sea view from the Busan office 🌊 #Busan #부산",
      },
      {
        ko: "성수 오피스 5층 커피머신 수리 완료 ☕ 모두 기뻐하세요 #서울",
        en: "The 5F coffee machine in Seongsu is fixed ☕ Rejoice! #Seoul",
      },
      {
        ko: "오늘 미세먼지 나쁨이에요 😷 재택 가능한 분들은 재택 추천합니다. #재택 #서울",
        en: "Air quality is bad in Seoul today 😷 WFH if you can. #WFH #재택",
      },
      {
        ko: "옥상 정원 다시 열었어요 🌿 점심 후 산책 어떠세요? #서울",
        en: "The rooftop garden is open again 🌿 Post-lunch walk, anyone? #Seoul",
      },
      {
        ko: "부산 오피스 간식 창고 채웠습니다 🍪 서울 팀 부럽죠? #부산",
        en: "Busan office snack shelf restocked 🍪 Jealous, Seoul? #Busan",
      },
      {
        ko: "서울은 오늘 하늘이 정말 맑아요 ☀️ 부산은요? 점심 먹고 산책 가실 분! #서울",
        en: "Blue skies over Seoul today ☀️ Anyone up for a walk after lunch? #Seoul",
      },
    ];
    return c.r.pick(lines);
  },
  kudos(c) {
    const [why, result] = c.r.pick(KUDOS);
    const m = c.m(c.r.chance(0.6) ? "dept" : undefined);
    return {
      ko: `🙌 ${m} 님께 감사 인사 드립니다! **${why.ko}** 덕분에 ${result.ko}. #감사 #kudos`,
      en: `Shout-out to ${m} 🙌 for **${why.en}** — ${result.en}. #kudos #감사`,
      mix: `Big thanks to ${m} 🙏 ${why.ko} 덕분에 ${result.ko}! #kudos`,
    };
  },
  design(c) {
    const p = c.r.pick(PRODUCTS);
    const slug = `sori-${c.r.int(100, 999)}`;
    const m = c.m();
    return {
      ko: `🎨 ${p.ko} 새 화면 시안 공유드립니다 → [Figma](https://figma.com/file/${slug})\n\n- **A안**: 카드형 레이아웃, 여백 넉넉하게\n- **B안**: 리스트형, 정보 밀도 높게\n\n어느 쪽이 좋으세요? 댓글로 의견 주세요! ${m} #디자인 #DesignReview`,
      en: `🎨 New mocks for ${p.en} → [Figma](https://figma.com/file/${slug})\n\n- **Option A**: cards, generous spacing\n- **Option B**: dense list\n\nWhich one? Comments welcome! ${m} #DesignReview #디자인`,
      mix: `🎨 디자인 리뷰 요청: ${p.ko} empty state 일러스트 3종 → [Figma](https://figma.com/file/${slug}) 피드백 부탁드려요 ${m} #디자인 #DesignReview`,
    };
  },
  marketing(c) {
    const camp = c.r.pick(CAMPAIGNS);
    const n = c.r.int(120, 900);
    const p = (c.r.int(18, 64) / 10).toFixed(1);
    const m = c.m();
    return {
      ko: `📈 **${camp}** 중간 결과: 등록 ${n}명, 전환율 ${p}%.\n\n다음 주 웨비나 연사는 ${m} 님입니다! 주변에 많이 공유해 주세요 🙏 #마케팅 #webinar`,
      en: `📈 **${camp}** so far: ${n} sign-ups, ${p}% conversion.\n\nNext week's webinar speaker: ${m}! Please share 🙏 #marketing #webinar`,
      mix: `📈 ${camp} 결과 공유 — ${n} sign-ups, CTR ${p}%. 자세한 리포트는 [대시보드](https://analytics.sori.demo/campaigns) 참고! #마케팅`,
    };
  },
  voc(c) {
    const cust = c.r.pick(CUSTOMERS);
    const q = c.r.pick(QUOTES);
    const m = c.m("eng");
    return {
      ko: `🗣️ 이번 주 고객의 소리 (${cust})\n\n> "${q.ko}"\n\n- 요청: 알림 묶음 설정\n- 요청: 관리자용 CSV 내보내기\n\n${m} 님 로드맵 검토 부탁드려요! #고객의소리 #VoC`,
      en: `🗣️ Voice of the customer (${cust})\n\n> "${q.en}"\n\n- Ask: notification digests\n- Ask: CSV export for admins\n\n${m} could we look at this for the roadmap? #VoC #고객의소리`,
    };
  },
  weekly(c) {
    const items = c.r.sample(WEEKLY[c.a.dept], 3);
    const d = new Date(c.at + KST);
    const week = Math.ceil(((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY + 1) / 7);
    return {
      ko: `**${c.team.ko}팀 주간 업데이트** (W${week})\n\n${bullets(items.map((x, i) => `${["✅", "🔄", "⏭️"][i]} ${x.ko}`))}\n\n질문은 댓글로! #주간보고`,
      en: `**${c.team.en} weekly update** (W${week})\n\n${bullets(items.map((x, i) => `${["✅", "🔄", "⏭️"][i]} ${x.en}`))}\n\nQuestions in the thread! #weekly #주간보고`,
    };
  },
  event(c) {
    const d = c.date(c.r.int(2, 9));
    // The board-game night is on Fridays: the first Friday at least two days ahead.
    const friday = c.date(2, 5);
    const lines: Variants[] = [
      {
        ko: `🍻 ${d.ko} 저녁 ${c.team.ko}팀 회식합니다! 장소는 성수역 근처. 참석 여부 댓글로 남겨주세요 #사내행사`,
        en: `🍻 ${c.team.en} team dinner on ${d.en} near Seongsu station — reply if you're in! #사내행사`,
      },
      {
        ko: `📚 ${d.ko} 점심 스터디: "Remix로 실시간 기능 만들기" 누구나 환영합니다 #교육 #remix`,
        en: `📚 Lunch & learn on ${d.en}: "Realtime features with Remix" — everyone welcome #교육 #remix`,
      },
      {
        ko: `🏃 사내 러닝 크루 이번 주 ${d.ko} 아침 7시 서울숲 출발! #사내행사`,
        en: `🏃 Running club: ${d.en}, 7 am from Seoul Forest! #사내행사`,
      },
      {
        ko: `🎲 금요일 보드게임 나이트 — 5층 라운지에서 ${friday.ko} 저녁 7시 #사내행사`,
        en: `🎲 Friday board game night — ${friday.en}, 7 pm in the 5F lounge #사내행사`,
      },
    ];
    return c.r.pick(lines);
  },
  // Story posts (scheduled below, not drawn at random).
  welcome(c) {
    // The newcomer's team, not the welcoming HR person's (issue #12 item 20), named as people say it.
    const team = TEAM_NAMES[(c.subject ?? c.a).dept];
    const name = c.subject?.name ?? "";
    const m = c.m();
    return {
      ko: `👋 새 식구를 소개합니다! ${name}(${m}) 님이 오늘 **${team.ko}팀**에 합류했습니다. 따뜻하게 맞아 주세요 🎉\n\n첫 주 온보딩 체크리스트는 [여기](https://wiki.sori.demo/onboarding)에 있어요. #온보딩 #welcome`,
      en: `👋 Please welcome ${name} (${m}), who joins the **${team.en}** team today! 🎉\n\nFirst-week checklist: [wiki.sori.demo/onboarding](https://wiki.sori.demo/onboarding) #온보딩 #welcome`,
    };
  },
  intro(c) {
    return {
      ko: `안녕하세요! 오늘 ${c.team.ko}팀에 합류한 ${c.a.name}입니다 🙇 아직 모든 게 새롭지만 빨리 적응할게요. 점심 같이 드실 분 환영합니다! #온보딩`,
      en: `Hi everyone! I'm ${c.a.name}, just joined ${c.team.en} 👋 Still finding my way around — lunch recommendations welcome! #온보딩 #welcome`,
    };
  },
  townhall(c) {
    const d = c.date(3);
    return {
      ko: `🎤 **${d.ko} 오후 4시 타운홀**\n\n서울 본사 라운지 + 온라인으로 진행합니다. 부산 오피스와 해외 동료분들도 라이브로 함께해요.\n\n질문은 이 글에 댓글로, 또는 #타운홀 태그로 미리 남겨 주세요. 어떤 질문이든 환영합니다!\n\n#타운홀 #TownHall #공지`,
      en: `🎤 **Town hall on ${d.en}, 4 pm KST** — Seoul HQ lounge and online. Drop your questions in this thread! #TownHall #타운홀 #공지`,
      kind: "announcement",
    };
  },
};

const REPLIES: Partial<Record<Cat, Bi[]>> & { generic: Bi[] } = {
  generic: [
    bi("공유 감사합니다!", "Thanks for sharing!"),
    bi("좋은 인사이트네요 💡", "Great insight 💡"),
    bi("확인했습니다 👍", "Noted 👍"),
    bi("오 좋네요 👀", "Oh nice 👀"),
  ],
  launch: [
    bi("축하합니다! 🎉 고생 많으셨어요", "Congrats team! 🎉"),
    bi("드디어!! 🚀", "Finally! 🚀"),
    bi("고객사에 바로 공유할게요 👍", "Sharing this with customers right away 👍"),
    bi("벌써 써 봤는데 훨씬 편해요 😍", "Tried it already — so much smoother 😍"),
  ],
  deploy: [
    bi("수고하셨습니다 🙏", "Thanks for shipping 🙏"),
    bi("모니터링 대시보드 이상 없어요 ✅", "Dashboards look green ✅"),
  ],
  til: [
    bi("오 이거 몰랐네요 👀 감사합니다", "TIL too, thanks!"),
    bi("팀 위키에 추가해 두었습니다 📌", "Added to our wiki 📌"),
  ],
  meeting: [
    bi("정리 감사합니다!", "Thanks for the notes!"),
    bi("회의 자료도 올려주실 수 있나요?", "Could you share the slides too?"),
    bi("다음 회의에 저도 참석할게요", "I'll join the next one"),
  ],
  notice: [bi("확인했습니다!", "Got it, thanks!"), bi("공지 감사합니다 🙏", "Thanks for the heads-up 🙏")],
  hiring: [
    bi("주변에 추천할 분 있어요! DM 드릴게요", "I know someone — will DM you"),
    bi("링크드인에 공유했습니다 👍", "Shared on LinkedIn 👍"),
  ],
  win: [
    bi("대박 👏👏 축하드려요", "Amazing work 👏"),
    bi("온보딩 준비 시작하겠습니다!", "CS is ready for onboarding!"),
    bi("팀워크 최고 🙌", "What a team 🙌"),
  ],
  lunch: [
    bi("저요! 🙋", "Count me in! 🙋"),
    bi("서울은 어디든 줄이 길어요, 11시 50분 출발 추천", "Go early, the line gets long"),
    bi("오늘은 도시락이라 다음에 꼭!", "Next time!"),
  ],
  office: [
    bi("부산은 맑아요 ☀️", "Sunny in Busan ☀️"),
    bi("서울은 아직 비 와요 ☔", "Still raining in Seoul ☔"),
    bi("ㅋㅋㅋ 부럽습니다", "So jealous 😄"),
  ],
  kudos: [bi("인정합니다 👏", "+1 👏"), bi("진짜 최고예요!", "So well deserved!")],
  design: [
    bi("B안이 더 깔끔해 보여요", "+1 for option B"),
    bi("A안 찬성! 대비가 더 좋아요", "Option A reads better on mobile"),
    bi("모바일에서도 확인해 주세요 📱", "Please check it on mobile too 📱"),
  ],
  marketing: [bi("숫자 좋네요 📈", "Great numbers 📈"), bi("영업팀에도 공유하겠습니다", "Forwarding to sales")],
  welcome: [
    bi("환영합니다! 🎉", "Welcome aboard! 🎉"),
    bi("반가워요! 점심 같이 해요 🍚", "Welcome! Lunch this week? 🍚"),
    bi("어서 오세요 😊", "Great to have you 😊"),
  ],
  intro: [
    bi("환영해요! 궁금한 건 언제든 물어보세요", "Welcome! Ask us anything"),
    bi("반갑습니다 🙌", "Nice to meet you 🙌"),
  ],
  townhall: [
    bi("하반기 채용 계획이 궁금합니다!", "What's the hiring plan for the second half?"),
    bi("부산 오피스 확장 계획이 있나요?", "Any plans to grow the Busan office?"),
    bi("재택 정책이 바뀌나요?", "Is the WFH policy changing?"),
    bi("해외 진출 일정도 공유해 주세요 🌏", "Could you share the international expansion timeline? 🌏"),
  ],
  event: [bi("참석합니다 🙋", "I'm in 🙋"), bi("저도 갈게요!", "Count me in!")],
};

const MOOD: Partial<Record<Cat, ReactionKind[]>> & { generic: ReactionKind[] } = {
  generic: ["like", "like", "insightful", "thanks"],
  launch: ["celebrate", "celebrate", "like", "support"],
  win: ["celebrate", "celebrate", "like"],
  deploy: ["like", "thanks", "celebrate"],
  til: ["insightful", "insightful", "like", "thanks"],
  notice: ["thanks", "like"],
  hiring: ["support", "like"],
  lunch: ["funny", "like"],
  office: ["funny", "like"],
  kudos: ["thanks", "celebrate", "support"],
  welcome: ["celebrate", "support", "like"],
  intro: ["support", "celebrate"],
  townhall: ["like", "support"],
  voc: ["insightful", "support"],
  question: ["like", "insightful"],
};

const DEPT_CATS: Record<Dept, [Cat, number][]> = {
  mgmt: [
    ["notice", 3],
    ["meeting", 2],
    ["weekly", 1],
    ["kudos", 1],
    ["hiring", 0.5],
  ],
  eng: [
    ["deploy", 3],
    ["til", 3],
    ["launch", 0.5],
    ["meeting", 2],
    ["weekly", 0.8],
    ["question", 1],
  ],
  design: [
    ["design", 4],
    ["meeting", 1],
    ["launch", 0.2],
    ["weekly", 0.8],
  ],
  sales: [
    ["win", 3.5],
    ["meeting", 1.5],
    ["weekly", 0.8],
    ["hiring", 0.3],
  ],
  mkt: [
    ["marketing", 4],
    ["launch", 0.3],
    ["meeting", 1],
    ["weekly", 0.8],
  ],
  hr: [
    ["notice", 2],
    ["hiring", 3],
    ["event", 1.5],
    ["weekly", 0.8],
  ],
  cs: [
    ["voc", 3],
    ["win", 1.2],
    ["meeting", 1],
    ["weekly", 0.8],
    ["question", 0.5],
  ],
};
const COMMON_CATS: [Cat, number][] = [
  ["lunch", 1.3],
  ["office", 0.8],
  ["question", 1.5],
  ["kudos", 1.1],
  ["event", 0.4],
  ["meeting", 0.6],
];
const REPLY_ODDS: Partial<Record<Cat, [p: number, max: number]>> & { generic: [number, number] } = {
  generic: [0.07, 1],
  question: [0.8, 2],
  launch: [0.6, 3],
  win: [0.4, 2],
  welcome: [1, 3],
  intro: [1, 2],
  townhall: [1, 5],
  design: [0.3, 2],
  lunch: [0.15, 2],
  hiring: [0.1, 1],
  meeting: [0.1, 1],
  event: [0.15, 1],
};

// ---------------------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------------------

type Planned = {
  at: number;
  author: Actor;
  body: string;
  kind: Kind;
  cat: Cat;
  root?: Planned;
  answer?: Bi;
  /** The group slug of a root post (a reply inherits its root's group). */
  group?: string;
  /** A group admin pins it after publishing. */
  pin?: boolean;
  /** A question's title, when it is not its first line (db/seed-questions.ts). */
  title?: string;
  /** Handles the asker asks for an answer (db/seed-questions.ts). */
  ask?: string[];
  id?: number;
};

/** Everyday team posts, some of which go to the department's group instead of the whole company. */
const TEAM_CATS = new Set<Cat>(["meeting", "weekly", "deploy", "til", "design", "marketing", "voc"]);

export async function seedDemoCompany(opts: {
  ifEmpty: boolean;
  log?: (line: string) => void;
}): Promise<{ users: number; posts: number; skipped: boolean }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const db = getDb();
  const existing = countUsers();
  const demoAdmin = getUserIdByEmail(DEMO_LOGINS[0].email);
  if ((opts.ifEmpty && existing > 0) || demoAdmin != null) {
    log(
      demoAdmin != null
        ? `The demo company is already seeded (${DEMO_LOGINS[0].email} exists) — skipping.`
        : `The database already has ${existing} user${existing === 1 ? "" : "s"} — skipping the demo seed (--if-empty).`,
    );
    printLogins(log);
    return { users: existing, posts: countPosts(), skipped: true };
  }

  const started = performance.now();
  const now = Date.now();
  const r = new Rng(0x50a1);
  const midnight = Math.floor((now + KST) / DAY) * DAY - KST; // today 00:00 in Seoul
  const kstTime = (daysAgo: number, hour: number, minute = 0) => midnight - daysAgo * DAY + hour * HOUR + minute * MIN;
  log(`Seeding the Sori demo company (${PEOPLE.length} people at sori.demo)…`);

  // People: created without a password (no argon2 per person), then one shared hash.
  const people: Person[] = [];
  for (const [name, handle, dept, title, locale, , x = {}] of PEOPLE) {
    const user = await createUser({
      email: x.email ?? `${handle}@sori.demo`,
      handle,
      name,
      department: DEPARTMENTS[dept],
      title,
      locale,
      role: x.email === DEMO_LOGINS[0].email ? "admin" : "member",
    });
    const joinedDays = x.joined ?? r.int(75, 1100);
    people.push({
      id: user.id,
      name,
      handle,
      dept,
      locale,
      busan: !!x.busan,
      lead: !!x.lead,
      weight: x.weight ?? 1,
      joinedAt: kstTime(joinedDays, 9, 30),
      role: x.email === DEMO_LOGINS[0].email ? "admin" : "member",
    });
  }
  const hash = await hashPassword(DEMO_PASSWORD);
  const byHandle = new Map(people.map((p) => [p.handle, p]));
  const ceo = people[0];

  // The partner's guest: an outside account that will belong to the partner group and nothing else.
  const guestUser = await createUser({
    email: GUEST.email,
    handle: GUEST.handle,
    name: GUEST.name,
    title: GUEST.title,
    locale: GUEST.locale,
    role: "guest",
    organization: GUEST.organization,
  });
  const guest: Actor = {
    id: guestUser.id,
    handle: GUEST.handle,
    locale: GUEST.locale,
    joinedAt: kstTime(GUEST.joinedDaysAgo, 9, 30),
    role: "guest",
  };
  const actor = (handle: string): Actor => {
    const found = handle === guest.handle ? guest : byHandle.get(handle);
    if (!found) throw new Error(`seed: unknown handle ${handle}`);
    return found;
  };
  const partner = GROUPS.find((g) => g.slug === PARTNER_SLUG)!;

  let followCount = 0;
  db.transaction((tx) => {
    tx.update(users)
      .set({ bio: GUEST.bio, createdAt: new Date(guest.joinedAt) })
      .where(eq(users.id, guest.id))
      .run();
    tx.insert(passwords).values({ userId: guest.id, hash }).run();
    // The guest follows the people they work with (they could not see anyone else anyway).
    for (const handle of [partner.admin, ...(partner.members as string[])]) {
      const at = guest.joinedAt + r.int(1, 48) * HOUR;
      tx.insert(follows)
        .values({ followerId: guest.id, followeeId: actor(handle).id, createdAt: new Date(at) })
        .run();
      followCount++;
    }
    PEOPLE.forEach(([, , , , , bio, x = {}], i) => {
      const p = people[i];
      tx.update(users)
        .set({ bio, timeZone: x.tz ?? "Asia/Seoul", createdAt: new Date(p.joinedAt) })
        .where(eq(users.id, p.id))
        .run();
      tx.insert(passwords).values({ userId: p.id, hash }).run();
    });
    // Follows: mostly one's own department, some elsewhere, and many follow the CEO.
    for (const p of people) {
      const mates = people.filter((q) => q.dept === p.dept && q !== p);
      const others = people.filter((q) => q.dept !== p.dept && q !== p && q !== ceo);
      const chosen = new Set([
        ...r.sample(mates, Math.min(mates.length, r.int(3, 7))),
        ...r.sample(others, r.int(2, 7)),
      ]);
      if (p !== ceo && r.chance(0.7)) chosen.add(ceo);
      for (const q of chosen) {
        const from = Math.max(p.joinedAt, q.joinedAt);
        const at = Math.min(now - HOUR, from + r.int(1, 20 * 24) * HOUR);
        tx.insert(follows)
          .values({ followerId: p.id, followeeId: q.id, createdAt: new Date(at) })
          .run();
        followCount++;
      }
    }
  }, IMMEDIATE);

  // The plan: a few scheduled story posts plus ~250 drawn ones, each maybe with replies, then sorted by time.
  const plan: Planned[] = [];
  const activeAt = (at: number) => people.filter((p) => p.joinedAt <= at);
  const langOf = (p: Person): "ko" | "en" | "mix" =>
    p.locale === "ko" ? (r.chance(0.72) ? "ko" : "mix") : r.chance(0.78) ? "en" : "mix";
  const compose = (cat: Cat, author: Person, at: number, mentionOnly?: Person): Planned => {
    const used = new Set<Person>([author]);
    const c: Ctx = {
      r,
      a: author,
      at,
      m(scope) {
        if (mentionOnly) return `@${mentionOnly.handle}`;
        const dept = scope === "dept" ? author.dept : scope;
        const fresh = activeAt(at).filter((p) => !used.has(p));
        const inDept = fresh.filter((p) => !dept || p.dept === dept);
        const who = r.pick(inDept.length ? inDept : fresh);
        used.add(who);
        return `@${who.handle}`;
      },
      date(daysAhead, weekday) {
        // Meetings, town halls and team events are on weekdays (issue #12 item 20): a Saturday moves to Monday.
        let when = at + daysAhead * DAY;
        while (weekday == null ? isWeekend(when) : new Date(when + KST).getUTCDay() !== weekday) when += DAY;
        const d = new Date(when);
        return { ko: fmtKo.format(d), en: fmtEn.format(d) };
      },
      team: TEAM_NAMES[author.dept],
      subject: mentionOnly,
    };
    const v = TEMPLATES[cat](c);
    const lang = langOf(author);
    const body = lang === "mix" ? (v.mix ?? (author.locale === "ko" ? v.ko : v.en)) : v[lang];
    // Company-wide announcements are for network admins (app/access/rules.ts); anyone else's notice is an update.
    const kind = v.kind === "announcement" && author.role !== "admin" ? "update" : (v.kind ?? "update");
    return { at, author, body, kind, cat, answer: v.answer };
  };

  const hr = byHandle.get("jieun.lee")!;
  const globalHr = byHandle.get("grace.lee")!;
  const story = (
    cat: Cat,
    author: Person,
    daysAgo: number,
    hour: number,
    minute: number,
    extra?: { body?: string; mention?: Person; kind?: Kind },
  ) => {
    const item = compose(cat, author, kstTime(daysAgo, hour, minute), extra?.mention);
    if (extra?.body) item.body = extra.body;
    if (extra?.kind) item.kind = extra.kind;
    plan.push(item);
  };
  story("notice", ceo, SPAN_DAYS, 9, 5, {
    kind: "announcement",
    body:
      `👋 **소리(Sori)에 오신 것을 환영합니다!**\n\n오늘부터 회사의 모든 이야기를 여기서 나눕니다 — 공지, 회의록, 질문, 고객 소식, 그리고 점심 메뉴까지.\n\n` +
      `1. 실명과 사진으로 이야기해요\n2. 궁금한 건 누구나, 언제든 질문하세요 (#질문)\n3. 좋은 글에는 반응을 아끼지 마세요 🙌\n\n` +
      `From today, Sori is where our company talks — in Korean, English, or both. Welcome! @minsu.kim @jieun.lee\n\n#공지 #welcome`,
  });
  story("townhall", ceo, 46, 10, 0);
  // The second town hall of the two months, on the half-year plan, three weekdays ahead like the first.
  let secondTownHall = kstTime(12 - 3, 16);
  while (isWeekend(secondTownHall)) secondTownHall += DAY;
  story("townhall", ceo, 12, 10, 0, {
    body: `🎤 **${fmtKo.format(new Date(secondTownHall))} 오후 4시, 하반기 계획 타운홀**\n\n2.0 출시 이후 첫 타운홀입니다. 하반기 채용, 부산 오피스, 해외 고객 계획을 공유하고 질문을 받습니다. 영어 동시 통역이 제공돼요.\n\nOur first town hall since 2.0: the second-half plan, hiring, Busan and customers abroad. Questions welcome here, in Korean or English.\n\n#타운홀 #TownHall #공지`,
  });
  story("notice", ceo, 38, 11, 0, {
    kind: "announcement",
    body: `🌊 **부산 오피스 오픈!**\n\n해운대에 두 번째 오피스를 열었습니다. @jaemin.jeon @taeyoon.jung 님이 먼저 자리를 잡았어요. 부산 출장 오시면 꼭 들러 주세요!\n\nOur Busan office is officially open — come say hi when you're in town. #부산 #Busan #공지`,
  });
  story("launch", byHandle.get("chaewon.moon")!, 27, 15, 0, {
    body: `⏳ **D-7** Sori 2.0 출시까지 일주일! 보도자료, 랜딩 페이지, 고객 웨비나 모두 준비 중입니다. @olivia.bennett @seungwoo.baek 감사합니다 🙏 #Launch2026 #마케팅`,
  });
  story("launch", byHandle.get("minsu.kim")!, 20, 14, 0, {
    body:
      `🚀 **Sori 2.0 정식 출시!**\n\n3개월 동안 준비한 2.0이 오늘 나갔습니다.\n\n- 한국어 검색 정확도 대폭 개선 (2글자 검색어 지원)\n- 라이브 이벤트와 실시간 Q&A\n- 해시태그 팔로우, 알림 묶음\n\n` +
      `| 지표 | 1.x | 2.0 |\n|---|---|---|\n| 피드 로딩 | 420ms | 180ms |\n| 검색 응답 | 300ms | 40ms |\n\n` +
      `함께한 @seoyeon.lee @jihoon.park @james.wilson @emily.carter @jia.song 모두 감사합니다! #신제품 #Launch2026 #release`,
  });
  story("marketing", byHandle.get("seungwoo.baek")!, 19, 11, 0, {
    body: `📰 Sori 2.0 출시 기사가 주요 IT 매체 5곳에 실렸습니다! [기사 모음](https://press.sori.demo/2026-launch) #Launch2026 #PR`,
  });
  story("event", hr, 5, 10, 0, {
    body: `🏖️ **전사 워크숍 in 부산** — ${fmtKo.format(new Date(kstTime(-9, 12)))}~ 1박 2일, 서울 팀은 KTX로 함께 이동합니다. 세부 일정은 곧 공지할게요! #워크숍 #부산 #사내행사`,
  });
  for (const p of people.filter((q) => q.joinedAt > now - SPAN_DAYS * DAY)) {
    const days = Math.round((midnight + 9.5 * HOUR - p.joinedAt) / DAY);
    story("welcome", p.locale === "en" ? globalHr : hr, days, 10, 30, { mention: p });
    story("intro", p, days, 14, 10);
  }

  const TARGET_ROOTS = 262;
  const usedShapes = new Set(plan.map((p) => shapeOf(p.body)));
  let redraws = 0;
  const weightOfHour = [9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 16, 17, 18, 19];
  while (plan.length < TARGET_ROOTS) {
    const daysAgo = r.int(0, SPAN_DAYS - 1);
    const at = kstTime(daysAgo, r.pick(weightOfHour), r.int(0, 59));
    const weekday = new Date(at + KST).getUTCDay();
    if ((weekday === 0 || weekday === 6) && r.chance(0.85)) continue;
    if (at > now - 20 * MIN) continue;
    const pool = activeAt(at);
    const author = r.weighted(pool.map((p) => [p, p.weight] as const));
    const cat = r.weighted([...DEPT_CATS[author.dept], ...COMMON_CATS]);
    if (cat === "weekly" && !author.lead && r.chance(0.7)) continue;
    if (MEETING_CATS.has(cat) && isWeekend(at)) continue;
    const item = compose(cat, author, at);
    // A template drawn twice with only numbers or names changed reads as a bot (issue #12 item 20): draw again.
    if (usedShapes.has(shapeOf(item.body)) && ++redraws < 20_000) continue;
    usedShapes.add(shapeOf(item.body));
    if (TEAM_CATS.has(cat) && r.chance(0.35)) item.group = DEPT_GROUP_SLUG[author.dept];
    plan.push(item);
  }

  const usedBodies = new Set(plan.map((p) => p.body));
  for (const root of [...plan]) {
    const [p, max] = REPLY_ODDS[root.cat] ?? REPLY_ODDS.generic;
    if (!r.chance(p)) continue;
    const n = 1 + Math.floor(r.next() ** 1.6 * max);
    let last = root.at;
    for (let i = 0; i < n; i++) {
      let at = last + r.int(3, 50) * MIN + Math.floor(r.next() ** 3 * 30 * HOUR);
      while (new Date(at + KST).getUTCHours() < 8 || new Date(at + KST).getUTCHours() >= 23) at += HOUR; // people sleep
      if (at > now - MIN) at = last + Math.max(1000, Math.floor((now - MIN - last) * r.next()));
      last = at;
      const author = r.pick(activeAt(at).filter((q) => q !== root.author));
      const lang = author.locale === "ko" ? "ko" : "en";
      let text: string;
      if (root.answer && i === 0) text = root.answer[lang];
      else if (root.cat === "question" && r.chance(0.4))
        text = bi("저도 궁금했어요! 🙋", "Same question here 🙋")[lang];
      else text = r.pick(REPLIES[root.cat] ?? REPLIES.generic)[lang];
      const body = r.chance(0.35) || root.answer ? `@${root.author.handle} ${text}` : text;
      // Nobody's reply is word for word someone else's post (issue #12 item 20): a repeated one is left out.
      if (usedBodies.has(body)) continue;
      usedBodies.add(body);
      plan.push({ at, author, body, kind: "update", cat: root.cat, root });
    }
  }

  // Groups, through the use cases: the creator is the first admin and adds the members (the guest by email).
  type SeededGroup = { id: number; visibility: GroupVisibility; createdAt: number; members: Map<number, number> };
  const seededGroups = new Map<string, SeededGroup>();
  for (const spec of GROUPS) {
    const creator = actor(spec.admin);
    const row = createGroup({
      viewer: buildViewer(creator),
      input: { slug: spec.slug, name: spec.name, description: spec.description, visibility: spec.visibility },
    });
    const dept = spec.members;
    const handles = (
      typeof dept === "string" ? people.filter((p) => p.dept === dept).map((p) => p.handle) : dept
    ).filter((h) => h !== spec.admin);
    const emails = spec.guestEmails ?? [];
    const result = addMembers({ viewer: buildViewer(creator), slug: row.slug, input: { handles, emails } });
    if (result.notFound.length) throw new Error(`seed: not found for ${spec.slug}: ${result.notFound.join(", ")}`);
    const members = [creator, ...handles.map(actor), ...(emails.includes(GUEST.email) ? [guest] : [])];
    seededGroups.set(spec.slug, {
      id: row.id,
      visibility: spec.visibility,
      createdAt: kstTime(spec.createdDaysAgo, 9, 30),
      members: new Map(members.map((m) => [m.id, m.joinedAt])),
    });
    // The group's own story: posts (an announcement by its admin, some pinned) and replies, which inherit the group.
    for (const post of spec.posts) {
      const root: Planned = {
        at: kstTime(post.daysAgo, post.hour, post.minute ?? 0),
        author: actor(post.by),
        body: post.body,
        kind: post.kind ?? "update",
        cat: post.kind === "announcement" ? "notice" : post.kind === "question" ? "question" : "meeting",
        group: spec.slug,
        pin: post.pin,
      };
      plan.push(root);
      for (const [by, minutes, body] of post.replies ?? []) {
        plan.push({ at: root.at + minutes * MIN, author: actor(by), body, kind: "update", cat: root.cat, root });
      }
    }
  }
  // The questions and answers of db/seed-questions.ts (issue #9); votes and best answers once they are published.
  const questions: { spec: SeedQuestion; root: Planned; answers: Planned[] }[] = [];
  for (const spec of SEED_QUESTIONS) {
    const root: Planned = {
      at: kstTime(spec.daysAgo, spec.hour, 5),
      author: actor(spec.by),
      body: spec.body,
      title: spec.title,
      ask: spec.ask,
      kind: "question",
      cat: "question",
      group: spec.group ?? undefined,
    };
    const answers = spec.answers.map(([by, minutes, body]): Planned => ({
      at: root.at + minutes * MIN,
      author: actor(by),
      body,
      kind: "update",
      cat: "question",
      root,
    }));
    plan.push(root, ...answers);
    questions.push({ spec, root, answers });
  }
  plan.sort((a, b) => a.at - b.at);

  // Publish in time order (ids follow time), then back-date in one transaction.
  const firstId =
    (db
      .select({ id: sql<number>`coalesce(max(${posts.id}), 0)` })
      .from(posts)
      .get()?.id ?? 0) + 1;
  const firstTagId =
    (db
      .select({ id: sql<number>`coalesce(max(${hashtags.id}), 0)` })
      .from(hashtags)
      .get()?.id ?? 0) + 1;
  for (const item of plan) {
    const viewer = buildViewer({ id: item.author.id, role: item.author.role });
    item.id = publishPost({
      viewer,
      body: item.body,
      replyToId: item.root?.id ?? null,
      group: item.root ? null : (item.group ?? null),
      kind: item.kind,
      title: item.kind === "question" && !item.root ? (item.title ?? questionTitle(item.body)) : null,
      ask: item.ask,
    }).id;
  }
  const pinned = plan.filter((item) => item.pin);
  for (const item of pinned) pinPost({ viewer: buildViewer(item.author), postId: item.id!, pinned: true });
  db.transaction((tx) => {
    for (const item of plan) {
      const createdAt = new Date(item.at);
      tx.update(posts).set({ createdAt }).where(eq(posts.id, item.id!)).run();
      tx.update(postHashtags).set({ createdAt }).where(eq(postHashtags.postId, item.id!)).run();
    }
    for (const item of pinned) {
      tx.update(groupPins)
        .set({ createdAt: new Date(item.at + 10 * MIN) })
        .where(eq(groupPins.postId, item.id!))
        .run();
    }
    for (const g of seededGroups.values()) {
      tx.update(groups)
        .set({ createdAt: new Date(g.createdAt) })
        .where(eq(groups.id, g.id))
        .run();
      for (const [userId, joinedAt] of g.members) {
        tx.update(groupMembers)
          .set({ createdAt: new Date(Math.max(g.createdAt, joinedAt)) })
          .where(and(eq(groupMembers.groupId, g.id), eq(groupMembers.userId, userId)))
          .run();
      }
    }
    // A thread's last reply as back-dated: the question lists' "recent activity".
    tx.run(sql`update posts set last_reply_at = (select max(r.created_at) from posts r where r.reply_to_id = posts.id)
      where id >= ${firstId} and reply_to_id is null and reply_count > 0`);
    tx.run(sql`update hashtags set created_at = coalesce(
      (select min(ph.created_at) from post_hashtags ph where ph.hashtag_id = hashtags.id), created_at)
      where id >= ${firstTagId}`);
    // A search worker may have indexed a post before it was back-dated: index them again as they are now.
    queueSearchRebuild(
      "post",
      plan.map((item) => item.id!),
    );
  }, IMMEDIATE);

  // Reactions: colleagues (followers first) react according to the kind of post.
  const followersOf = new Map<number, Person[]>();
  for (const f of db.select().from(follows).all()) {
    const p = people.find((q) => q.id === f.followerId);
    if (p) followersOf.set(f.followeeId, [...(followersOf.get(f.followeeId) ?? []), p]);
  }
  let reactionCount = 0;
  for (const item of plan) {
    // Only those who may react to it: anyone in the company for company-wide and public-group posts, the
    // members (the guest included) for a private group's.
    const group = seededGroups.get((item.root ?? item).group ?? "");
    const pool: Actor[] = [...activeAt(item.at), ...(group?.members.has(guest.id) ? [guest] : [])].filter(
      (p) => p !== item.author && (!group || group.visibility === "public" || group.members.has(p.id)),
    );
    const fans = (followersOf.get(item.author.id) ?? []).filter((p) => pool.includes(p));
    const big = ["launch", "win", "welcome", "intro", "townhall", "notice"].includes(item.cat);
    const n = item.root ? r.int(0, 3) : big ? r.int(6, 18) : r.int(0, 9);
    const moods = MOOD[item.cat] ?? MOOD.generic;
    const reactors = new Set([...r.sample(fans, Math.ceil(n * 0.6)), ...r.sample(pool, n)].slice(0, n));
    for (const p of reactors) {
      const kinds = new Set([r.pick(moods)]);
      if (r.chance(0.12)) kinds.add(r.pick(moods));
      for (const kind of kinds) {
        setReaction({ viewer: buildViewer({ id: p.id, role: p.role }), postId: item.id!, kind, on: true });
        reactionCount++;
      }
    }
  }
  db.run(sql`update reactions set created_at = min(${now},
      (select p.created_at from posts p where p.id = reactions.post_id)
        + 60000 + ((reactions.post_id * 7919 + reactions.user_id * 104729) % 21600000))
    where post_id >= ${firstId}`);

  // Votes on the seeded questions and answers, by colleagues who may see them (a private group's by its members),
  // and the best answers, chosen by their askers.
  for (const { spec, root, answers } of questions) {
    const group = spec.group ? seededGroups.get(spec.group) : undefined;
    const vote = (item: Planned, n: number) => {
      const pool = people.filter(
        (p) => p.id !== item.author.id && (!group || group.visibility === "public" || group.members.has(p.id)),
      );
      for (let k = 0; k < Math.min(n, pool.length); k++) {
        const voter = pool[(item.id! * 13 + k) % pool.length];
        setVote({ viewer: buildViewer({ id: voter.id, role: voter.role }), postId: item.id!, on: true });
      }
    };
    vote(root, spec.votes);
    spec.answers.forEach(([, , , votes], i) => vote(answers[i], votes));
    if (spec.best != null) {
      acceptAnswer({ viewer: buildViewer(root.author), questionId: root.id!, answerId: answers[spec.best].id! });
    }
  }

  // Hashtag follows: a few tags that fit each department, and many people follow #공지.
  const DEPT_TAGS: Record<Dept, string[]> = {
    mgmt: ["okr", "타운홀", "회의"],
    eng: ["remix", "deploy", "sqlite", "til"],
    design: ["디자인", "designreview"],
    sales: ["customerwin", "고객"],
    mkt: ["마케팅", "launch2026", "webinar"],
    hr: ["채용", "온보딩"],
    cs: ["voc", "고객의소리"],
  };
  const tagIds = new Map(
    db
      .select({ id: hashtags.id, name: hashtags.name })
      .from(hashtags)
      .where(gt(hashtags.id, firstTagId - 1))
      .all()
      .map((t) => [t.name, t.id]),
  );
  db.transaction((tx) => {
    for (const p of people) {
      const names = r.sample(DEPT_TAGS[p.dept], r.int(1, 2));
      if (r.chance(0.5)) names.push("공지");
      if (p.busan) names.push("부산");
      if (r.chance(0.3)) names.push("점심");
      for (const name of names) {
        const hashtagId = tagIds.get(name);
        if (hashtagId)
          tx.insert(hashtagFollows)
            .values({ userId: p.id, hashtagId, createdAt: new Date(p.joinedAt + DAY) })
            .onConflictDoNothing()
            .run();
      }
    }
  }, IMMEDIATE);

  // The CEO's announcement that most people have acknowledged (issue #11 §3, db/seed-announcements.ts), right after
  // the timeline; then the live events (issue #10, db/seed-events.ts): a past town hall and seminar, archived into
  // Q&A now, and an open Q&A ahead.
  const announced = seedAnnouncements({ now });
  log(`  1 announcement requiring acknowledgement: ${announced.acknowledged} of ${announced.total} acknowledged`);
  const seededEvents = seedEvents({ now });

  // Notifications (issue #11): the consumer runs over everything above, as the server's worker would. Their times
  // then follow the back-dated activity they group, and what is older than two days has been read.
  await drainNotificationsFully();
  db.run(sql`update notifications set updated_at = coalesce(case
      when kind in ('reply', 'answer') then (select max(p.created_at) from posts p where p.thread_id = notifications.thread_id)
      when kind = 'reaction' then (select max(x.created_at) from reactions x where x.post_id = notifications.post_id)
      when post_id is not null then (select p.created_at from posts p where p.id = notifications.post_id)
    end, updated_at), created_at = min(created_at, updated_at)`);
  db.run(sql`update notifications set unread = 0 where updated_at < ${now - 2 * DAY}`);
  const workingHours = seedWorkingHours();
  log(`  ${workingHours.holidays} company holidays (2026–2027), ${workingHours.ownHours} people with their own hours`);
  const notificationCount = db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .get()!.n;

  const replies = plan.filter((p) => p.root).length;
  log(`  ${people.length} people in ${Object.keys(DEPARTMENTS).length} departments, ${followCount} follows`);
  log(
    `  ${plan.length} posts (${plan.length - replies} threads, ${replies} replies) over ${SPAN_DAYS} days, ${reactionCount} reactions, ${tagIds.size} hashtags`,
  );
  const privateGroups = GROUPS.filter((g) => g.visibility !== "public").length;
  log(
    `  ${GROUPS.length} groups (${privateGroups} private), ${pinned.length} pinned posts; 1 guest (${GUEST.organization}) in "${partner.name}"`,
  );
  log(`  ${notificationCount} notifications`);
  log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  printLogins(log);
  // The announcement is a post of its own.
  return { users: people.length + 1, posts: plan.length + seededEvents.posts + 1, skipped: false };
}

function countPosts(): number {
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .get()!.n;
}

function printLogins(log: (line: string) => void) {
  log("");
  log(`Demo sign-ins (the password of every demo account: ${DEMO_PASSWORD})`);
  const width = Math.max(...DEMO_LOGINS.map((l) => l.email.length));
  for (const l of DEMO_LOGINS) log(`  ${l.email.padEnd(width)}  ${l.name} (${l.role}) — ${l.note}`);
}
