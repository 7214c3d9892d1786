// The relevance set of issue #13: queries a person would type into the demo company (db/seed.ts and db/seed-*.ts),
// each with what they expect to find, judged by reading the seed — not by asking the engine. bench/relevance.ts
// runs them and prints precision@5 / recall@10.
//
// Expected documents are named stably: people by handle, hashtags by name, groups by slug, and posts by a rule
// over their text (title, body, a question's best answer) — "the posts that talk about deploying, in either language" — because the seed
// writes most posts from templates whose ids shift when the story changes. A post rule is matched against every
// seeded post the searching person may see (the access rule decides, as the app does), so the expected set never
// holds a post of a group they are not in.
//
// Where the feature is a translation (ko↔en synonyms), the expected set holds both languages: a person who types
// 회의 wants the meeting notes whether they were written in Korean or in English. A typo expects what the corrected
// word would find; a half-typed syllable expects the words it begins.

export type RelevanceType = "posts" | "questions" | "people" | "hashtags" | "groups";

export const RELEVANCE_CATEGORIES = [
  "초성",
  "half-typed",
  "typo (Latin)",
  "typo (Korean)",
  "stem",
  "synonym",
  "Korean",
  "English",
  "particle",
  "people by title/department",
  "names",
  "hashtags and groups",
  "questions",
  "visibility",
] as const;
export type RelevanceCategory = (typeof RELEVANCE_CATEGORIES)[number];

export type RelevanceQuery = {
  q: string;
  type: RelevanceType;
  /**
   * "search": the results page and GET /api/v1/search (searchContent, first 10). "suggest": the header suggestions
   * (/search/suggest: 5 people, 5 hashtags, 3 groups, 3 posts), of which the list of `type` is judged.
   */
  via: "search" | "suggest";
  category: RelevanceCategory;
  /** The row of the table this query is, when it is one. */
  row?: string;
  /** Posts: a rule over title + body (+ a question's best answer). People: handles. Hashtags: names. Groups: slugs. Empty: nothing to find. */
  expect: RegExp | string[];
  /** Why a person would expect this, in a few words. */
  why: string;
};

// Rules over post text, shared by the queries that mean the same thing in either language.
const DEPLOY = /deploy|배포/i;
const ONBOARDING = /onboard|온보딩/i;
const MEETING = /meeting|회의/i;
const HIRING = /\bhir(e|ed|es|ing)\b|채용/i;
const CUSTOMER = /customer|고객/i;
const SECURITY = /security|보안/i;
const LUNCH = /lunch|점심/i;
const BUDGET = /budget|예산/i;
const LEAVE = /휴가|연차|반차|휴직|vacation|\bleave\b/i;
const INCIDENT = /incident|outage|장애/i;
const INTERVIEW = /interview|인터뷰|면접/i;
const REMOTE = /재택|\bWFH\b|remote|work from home/i;
const TRIP = /출장|\btrips?\b/i;
const RETRO = /retro|회고/i;
const TOWN_HALL = /town ?hall|타운홀/i;
/** The issue pairs 배포 with deploy and release: a release is also deployed. */
const RELEASE = /releas|릴리스|출시|deploy|배포/i;
const WEBINAR = /webinar|웨비나/i;
const DASHBOARD = /dashboard|대시보드/i;
const RUNBOOK = /runbook|런북/i;
const RECEIPT = /receipt|영수증/i;
const TRAINING = /training|교육/i;
const BUSAN = /busan|부산/i;
const SPRINT = /sprint|스프린트/i;
const MIGRATION = /migrat|마이그레이션/i;
const ANNOUNCEMENT = /announcement|공지/i;

const HR_PEOPLE = ["jieun.lee", "harin.kim", "soyeon.park", "grace.lee", "minho.jang"];
/** Whose title says designer (디자이너), and the design lead; not the UX researcher. */
const DESIGNERS = ["jia.song", "emily.carter", "junho.bae", "narae.shin", "noah.kim"];
const SALES_PEOPLE = [
  "junyoung.hwang",
  "jisu.ahn",
  "hyunwoo.yoo",
  "michael.chen",
  "eunbi.noh",
  "sarah.almansouri",
  "jaemin.jeon",
];
const MARKETING_PEOPLE = ["chaewon.moon", "seojun.yang", "olivia.bennett", "dain.son", "seungwoo.baek", "chloe.dubois"];
const CS_PEOPLE = ["jiwoo.choi", "taemin.ryu", "min.namgung", "hannah.schmidt", "bonjae.koo", "hajun.lee"];

type Spec = Omit<RelevanceQuery, "via" | "category"> & { via?: RelevanceQuery["via"] };
const group = (category: RelevanceCategory, specs: Spec[]): RelevanceQuery[] =>
  specs.map((s) => ({ via: "search", ...s, category }));

export const RELEVANCE_SET: RelevanceQuery[] = [
  // 1. 초성: people, hashtags and group names by their initial consonants, alone or after full syllables.
  ...group("초성", [
    { q: "ㄱㅁㅅ", type: "people", expect: ["minsu.kim"], why: "김민수", row: "ㄱㅁㅅ (people)" },
    { q: "ㄱㅁㅅ", type: "people", via: "suggest", expect: ["minsu.kim"], why: "김민수, in the header box" },
    { q: "김ㅁㅅ", type: "people", expect: ["minsu.kim"], why: "김 + ㅁㅅ: 김민수" },
    { q: "ㅇㅈㅇ", type: "people", expect: ["jieun.lee"], why: "이지은" },
    { q: "ㅂㅈㅎ", type: "people", expect: ["jihoon.park", "junho.bae"], why: "박지훈 and 배준호 share ㅂㅈㅎ" },
    { q: "ㅈㅎㄴ", type: "people", expect: ["haneul.jung"], why: "정하늘" },
    { q: "ㅊㅈㅇ", type: "people", expect: ["jiwoo.choi"], why: "최지우 (최유진 is ㅊㅇㅈ)" },
    { q: "ㄴㄱㅁ", type: "people", expect: ["min.namgung"], why: "남궁민, a two-syllable surname" },
    { q: "ㅅㅈㅍ", type: "hashtags", expect: ["신제품"], why: "#신제품" },
    { q: "ㅊㅇ", type: "hashtags", expect: ["채용"], why: "#채용" },
    { q: "ㅂㅅ", type: "hashtags", expect: ["부산"], why: "#부산" },
    { q: "ㅇㅂㄷ", type: "hashtags", expect: ["온보딩"], why: "#온보딩" },
    { q: "ㄱㄱ", type: "hashtags", expect: ["고객", "고객의소리", "고객지원"], why: "#고객 and the tags it begins" },
    { q: "ㅇㅂㄷ", type: "hashtags", via: "suggest", expect: ["온보딩"], why: "#온보딩, in the header box" },
    { q: "ㄱㅂㅌ", type: "groups", expect: ["engineering"], why: "개발팀" },
    { q: "ㄱㅇㅈ", type: "groups", expect: ["leadership", "management"], why: "경영진, and 경영지원팀 it begins" },
    { q: "ㄹㄴ ㅋㄹ", type: "groups", expect: ["running-crew"], why: "러닝 크루" },
    { q: "ㅇㅅㅌ", type: "groups", expect: ["people-team"], why: "인사팀" },
  ]),

  // 2. The last syllable still being composed by the IME (회의 typed as 회 → 회ㅇ → 회으 → 회의).
  ...group("half-typed", [
    {
      q: "회으",
      type: "hashtags",
      via: "suggest",
      expect: ["회의", "회의실", "경영회의"],
      why: "회의 being typed",
      row: "회으",
    },
    {
      q: "회ㅇ",
      type: "hashtags",
      via: "suggest",
      expect: ["회의", "회의실", "경영회의"],
      why: "회의 being typed",
      row: "회ㅇ",
    },
    {
      q: "회으",
      type: "posts",
      via: "suggest",
      expect: /회의/,
      why: "posts about 회의, in the header box",
      row: "회으",
    },
    { q: "회ㅇ", type: "posts", expect: /회의/, why: "the search page while 회의 is typed", row: "회ㅇ" },
    { q: "배ㅍ", type: "posts", expect: /배포/, why: "배포 being typed" },
    { q: "채ㅇ", type: "hashtags", via: "suggest", expect: ["채용"], why: "채용 being typed" },
    { q: "온보디", type: "hashtags", via: "suggest", expect: ["온보딩"], why: "온보딩 before its last ㅇ" },
    { q: "점시", type: "hashtags", via: "suggest", expect: ["점심"], why: "점심 before its last ㅁ" },
    { q: "타운호", type: "hashtags", via: "suggest", expect: ["타운홀"], why: "타운홀 before its last ㄹ" },
    { q: "공ㅈ", type: "hashtags", via: "suggest", expect: ["공지"], why: "공지 being typed" },
    { q: "부사", type: "hashtags", via: "suggest", expect: ["부산"], why: "부산 before its last ㄴ" },
    { q: "김민ㅅ", type: "people", via: "suggest", expect: ["minsu.kim"], why: "김민수 being typed" },
    { q: "이지으", type: "people", via: "suggest", expect: ["jieun.lee"], why: "이지은 before its last ㄴ" },
    { q: "마케ㅌ", type: "groups", via: "suggest", expect: ["marketing"], why: "마케팅팀 being typed" },
    { q: "회의시", type: "posts", expect: /회의실/, why: "회의실 before its last ㄹ" },
    { q: "재태", type: "posts", expect: /재택/, why: "재택 before its last ㄱ" },
  ]),

  // 3a. Latin typos: one edit from 5 letters, two from 9, never the first letter.
  ...group("typo (Latin)", [
    { q: "depoly", type: "posts", expect: DEPLOY, why: "deploy, two letters swapped", row: "depoly" },
    { q: "onbording", type: "posts", expect: ONBOARDING, why: "onboarding, one letter missing", row: "onbording" },
    { q: "meetting", type: "posts", expect: MEETING, why: "meeting" },
    { q: "custmer", type: "posts", expect: CUSTOMER, why: "customer" },
    { q: "securty", type: "posts", expect: SECURITY, why: "security" },
    { q: "dashbord", type: "posts", expect: DASHBOARD, why: "dashboard" },
    { q: "hirring", type: "posts", expect: HIRING, why: "hiring" },
    { q: "webinr", type: "posts", expect: WEBINAR, why: "webinar" },
    { q: "incidet", type: "posts", expect: INCIDENT, why: "incident" },
    { q: "runbok", type: "posts", expect: RUNBOOK, why: "runbook" },
    { q: "interveiw", type: "posts", expect: INTERVIEW, why: "interview (9 letters: two edits)" },
    { q: "onbaording", type: "posts", expect: ONBOARDING, why: "onboarding (10 letters: two edits)" },
    { q: "Emilly", type: "people", expect: ["emily.carter"], why: "Emily" },
  ]),

  // 3b. Korean typos at the syllable/jamo level.
  ...group("typo (Korean)", [
    { q: "온보등", type: "posts", expect: ONBOARDING, why: "온보딩, one vowel off" },
    { q: "타운헐", type: "posts", expect: TOWN_HALL, why: "타운홀, one vowel off" },
    { q: "대시보더", type: "posts", expect: DASHBOARD, why: "대시보드, one vowel off" },
    { q: "스프린투", type: "posts", expect: SPRINT, why: "스프린트, one vowel off" },
    { q: "마이그레이선", type: "posts", expect: MIGRATION, why: "마이그레이션, one vowel off" },
    { q: "워크샵", type: "posts", expect: /워크숍|workshop/i, why: "워크숍, as it is often spelt" },
    { q: "웨비너", type: "posts", expect: WEBINAR, why: "웨비나, one vowel off" },
    { q: "체크리스투", type: "posts", expect: /체크리스트|checklist/i, why: "체크리스트, one vowel off" },
  ]),

  // 4. English stems: any form of the word finds the others.
  ...group("stem", [
    { q: "deployment", type: "posts", expect: DEPLOY, why: "deploy, deployed, deploying", row: "deployment" },
    { q: "deploying", type: "posts", expect: DEPLOY, why: "deploy" },
    { q: "meetings", type: "posts", expect: MEETING, why: "meeting" },
    { q: "customers", type: "posts", expect: CUSTOMER, why: "customer" },
    { q: "interviewing", type: "posts", expect: INTERVIEW, why: "interviews" },
    { q: "hired", type: "posts", expect: HIRING, why: "hiring" },
    { q: "migrating", type: "posts", expect: MIGRATION, why: "migrations" },
    { q: "released", type: "posts", expect: RELEASE, why: "release" },
    { q: "onboarded", type: "posts", expect: ONBOARDING, why: "onboarding" },
    { q: "announcements", type: "posts", expect: ANNOUNCEMENT, why: "announcement" },
    { q: "webinars", type: "posts", expect: WEBINAR, why: "webinar" },
  ]),

  // 5. ko↔en synonyms: the same posts whichever language was used.
  ...group("synonym", [
    { q: "배포", type: "posts", expect: DEPLOY, why: "deploy posts too", row: "배포 vs deploy" },
    { q: "deploy", type: "posts", expect: DEPLOY, why: "배포 posts too", row: "배포 vs deploy" },
    {
      q: "deploy",
      type: "people",
      expect: ["yujin.choi"],
      why: "the SRE, who runs deploys (no title says 배포/DevOps)",
      row: "deploy (people)",
    },
    { q: "deploy", type: "groups", expect: ["engineering"], why: "개발팀: '배포, 온콜, 코드 리뷰'" },
    { q: "meeting", type: "posts", expect: MEETING, why: "회의 notes too" },
    { q: "채용", type: "posts", expect: HIRING, why: "hiring posts too" },
    { q: "hiring", type: "posts", expect: HIRING, why: "채용 posts too" },
    { q: "휴가", type: "posts", expect: LEAVE, why: "vacation, leave, 연차, 반차" },
    { q: "vacation", type: "posts", expect: LEAVE, why: "휴가, 연차, leave" },
    { q: "장애", type: "posts", expect: INCIDENT, why: "incident, outage" },
    { q: "incident", type: "posts", expect: INCIDENT, why: "장애 too" },
    { q: "security", type: "posts", expect: SECURITY, why: "보안 too" },
    { q: "lunch", type: "posts", expect: LUNCH, why: "점심 too" },
    { q: "budget", type: "posts", expect: BUDGET, why: "예산 too" },
    { q: "business trip", type: "posts", expect: TRIP, why: "출장" },
    { q: "training", type: "posts", expect: TRAINING, why: "교육 too" },
    { q: "재택", type: "posts", expect: REMOTE, why: "WFH, remote" },
    { q: "출장", type: "posts", expect: TRIP, why: "trips too" },
    { q: "working hours", type: "posts", expect: /근무 시간|working hours/i, why: "근무 시간 too (release notes)" },
    { q: "checkpoint", type: "posts", expect: /checkpoint|체크포인트/i, why: "the WAL 체크포인트 thread" },
    { q: "회고", type: "posts", expect: RETRO, why: "retro too" },
    { q: "영수증", type: "posts", expect: RECEIPT, why: "receipts too" },
    { q: "런북", type: "posts", expect: RUNBOOK, why: "runbook too" },
    { q: "HR", type: "people", expect: HR_PEOPLE, why: "the 인사 · People department" },
    { q: "security", type: "people", expect: ["donguk.han"], why: "보안 엔지니어" },
    { q: "designer", type: "people", expect: DESIGNERS, why: "designer titles, and the design lead" },
  ]),

  // Plain Korean: two-syllable words, compounds, phrases.
  ...group("Korean", [
    { q: "회의", type: "posts", expect: MEETING, why: "meeting notes in either language" },
    { q: "점심", type: "posts", expect: LUNCH, why: "lunch posts" },
    { q: "고객", type: "posts", expect: CUSTOMER, why: "customer posts" },
    { q: "부산 오피스", type: "posts", expect: /부산 오피스|busan office/i, why: "the Busan office" },
    { q: "법인카드", type: "posts", expect: /법인카드|corporate card/i, why: "the corporate card question" },
    { q: "회의실 예약", type: "posts", expect: /회의실 예약|meeting room booking/i, why: "the booking question" },
    { q: "보안 심사", type: "posts", expect: /보안 심사|security review/i, why: "security reviews" },
    { q: "읽음 확인", type: "posts", expect: /읽음 확인|read receipt/i, why: "the read-receipt release notes" },
    { q: "알림 묶음", type: "posts", expect: /알림 묶음|notification digest/i, why: "the digests request" },
    { q: "한국어 수업", type: "posts", expect: /한국어 수업|korean class/i, why: "the Korean class question" },
    { q: "돼지국밥", type: "posts", expect: /돼지국밥|dwaeji-gukbap/i, why: "Busan's lunch" },
    { q: "신규 입사자", type: "posts", expect: /입사자|new joiner/i, why: "new joiners" },
    { q: "워크숍", type: "posts", expect: /워크숍|workshop/i, why: "the company workshop in Busan" },
    { q: "타운홀", type: "posts", expect: TOWN_HALL, why: "town halls" },
    { q: "웨비나", type: "posts", expect: WEBINAR, why: "webinars" },
  ]),

  // Plain English.
  ...group("English", [
    { q: "town hall", type: "posts", expect: TOWN_HALL, why: "town halls" },
    { q: "Busan", type: "posts", expect: BUSAN, why: "Busan, 부산" },
    { q: "runbook", type: "posts", expect: RUNBOOK, why: "runbooks" },
    { q: "payroll", type: "posts", expect: /payroll|급여/i, why: "the payroll question" },
    { q: "printer", type: "posts", expect: /printer|프린터/i, why: "the printer question" },
    { q: "VPN", type: "posts", expect: /VPN/, why: "the VPN question" },
    { q: "rollback", type: "posts", expect: /rollback|롤백/i, why: "rollbacks" },
    { q: "keyset pagination", type: "posts", expect: /keyset/i, why: "the keyset TIL" },
    { q: "Figma", type: "posts", expect: /figma|피그마/i, why: "design reviews" },
    { q: "sprint", type: "posts", expect: SPRINT, why: "sprints" },
    { q: "Meilisearch", type: "posts", expect: /meilisearch/i, why: "the search infrastructure question" },
  ]),

  // Korean particles after the word.
  ...group("particle", [
    { q: "회의를", type: "posts", expect: MEETING, why: "회의 + 를" },
    { q: "배포는", type: "posts", expect: DEPLOY, why: "배포 + 는" },
    { q: "고객이", type: "posts", expect: CUSTOMER, why: "고객 + 이" },
    { q: "부산에서", type: "posts", expect: BUSAN, why: "부산 + 에서" },
    { q: "채용은", type: "posts", expect: HIRING, why: "채용 + 은" },
    { q: "보안을", type: "posts", expect: SECURITY, why: "보안 + 을" },
    { q: "온보딩에", type: "posts", expect: ONBOARDING, why: "온보딩 + 에" },
    { q: "타운홀에서", type: "posts", expect: TOWN_HALL, why: "타운홀 + 에서" },
  ]),

  // People by what their title or department says.
  ...group("people by title/department", [
    { q: "SRE", type: "people", expect: ["yujin.choi"], why: "최유진's title" },
    { q: "CFO", type: "people", expect: ["mirae.yoon"], why: "윤미래's title" },
    { q: "리크루터", type: "people", expect: ["harin.kim"], why: "김하린's title" },
    { q: "개발 리드", type: "people", expect: ["minsu.kim"], why: "김민수's title" },
    { q: "Engineering Lead", type: "people", expect: ["minsu.kim"], why: "김민수's title" },
    { q: "QA", type: "people", expect: ["haeun.kang"], why: "QA 엔지니어" },
    { q: "보안", type: "people", expect: ["donguk.han"], why: "보안 엔지니어" },
    { q: "인사", type: "people", expect: HR_PEOPLE, why: "the 인사 · People department" },
    { q: "영업", type: "people", expect: SALES_PEOPLE, why: "the 영업 · Sales department" },
    { q: "마케팅", type: "people", expect: MARKETING_PEOPLE, why: "the 마케팅 department" },
    { q: "Customer Success", type: "people", expect: CS_PEOPLE, why: "the Customer Success department" },
    { q: "부산", type: "people", expect: ["jaemin.jeon", "hajun.lee"], why: "titles that say (부산)" },
    { q: "디자이너", type: "people", expect: DESIGNERS, why: "designer titles, and the design lead" },
  ]),

  // Names, as typed in either script.
  ...group("names", [
    { q: "김민수", type: "people", expect: ["minsu.kim"], why: "his name" },
    { q: "민수", type: "people", expect: ["minsu.kim"], why: "his given name" },
    { q: "Emily", type: "people", expect: ["emily.carter"], why: "her first name" },
    { q: "Carter", type: "people", expect: ["emily.carter"], why: "her surname" },
    { q: "jieun", type: "people", expect: ["jieun.lee"], why: "her handle" },
    { q: "남궁", type: "people", expect: ["min.namgung"], why: "his two-syllable surname" },
  ]),

  // Hashtags and groups by name.
  ...group("hashtags and groups", [
    {
      q: "회의",
      type: "hashtags",
      expect: ["회의", "회의실", "경영회의", "meeting"],
      why: "#회의 first, #meeting too",
    },
    { q: "remix", type: "hashtags", expect: ["remix"], why: "#remix" },
    { q: "launch", type: "hashtags", expect: ["launch2026", "출시tf"], why: "#Launch2026, #출시TF" },
    { q: "고객", type: "hashtags", expect: ["고객", "고객의소리", "고객지원"], why: "#고객 first" },
    { q: "개발", type: "groups", expect: ["engineering"], why: "개발팀" },
    { q: "러닝", type: "groups", expect: ["running-crew"], why: "러닝 크루" },
    {
      q: "launch",
      type: "groups",
      expect: ["sori-2-launch", "project-aurora"],
      why: "the Launch TF; Aurora's launch in Japan",
    },
    {
      q: "출시",
      type: "groups",
      expect: ["sori-2-launch", "project-aurora"],
      why: "Sori 2.0 출시 TF; Aurora's launch in Japan",
    },
    { q: "onboarding", type: "groups", expect: ["people-team", "customer-success"], why: "descriptions say 온보딩" },
  ]),

  // Questions (type questions: posts of kind question).
  ...group("questions", [
    { q: "연차", type: "questions", expect: LEAVE, why: "the half-day leave question, and 휴가 ones" },
    { q: "VPN", type: "questions", expect: /VPN/, why: "the VPN question" },
    { q: "WAL", type: "questions", expect: /\bWAL\b/, why: "the WAL checkpoint question" },
    { q: "rollback", type: "questions", expect: /rollback|롤백/i, why: "the rollback question" },
    { q: "법인카드", type: "questions", expect: /법인카드|corporate card/i, why: "the corporate card question" },
    { q: "leave", type: "questions", expect: LEAVE, why: "휴가 questions too" },
  ]),

  // What the demo user may not see stays out (they are in 인사팀 and 경영진, not Aurora nor the partner group).
  ...group("visibility", [
    { q: "aurora", type: "posts", expect: /aurora/i, why: "only what 경영진 says of Aurora" },
    { q: "Hanbit", type: "posts", expect: /hanbit|한빛물류/i, why: "the partner group's posts are not hers" },
    { q: "이사회", type: "posts", expect: /이사회|board meeting/i, why: "경영진's board posts are hers" },
  ]),
];
