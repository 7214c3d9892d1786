// The demo company's questions and answers (issue #9 item 9): what people at a Korean company with a global team
// really ask — HR (인사) company-wide and in the people team's group, IT help, engineering — in Korean and
// English. Most are answered by several people with votes, some have a best answer chosen by the asker, and a
// few have waited days with no answer, so every tab of /questions has something in it. Most answers come within
// two hours, some after hours or days, and two questions have gone unanswered for over a week, so the knowledge
// stats (issue #9 item 7) show spread-out waits and a neglected list. Times are days ago at an hour in Seoul;
// answers come `minutes` after their question. The seed publishes them through the use cases.

/** [who, minutes after the question, the answer, how many colleagues upvote it] */
export type SeedAnswer = [by: string, minutes: number, body: string, votes: number];

export type SeedQuestion = {
  /** A group's slug (the asker is a member), or null for company-wide. */
  group: string | null;
  by: string;
  daysAgo: number;
  hour: number;
  title: string;
  body: string;
  answers: SeedAnswer[];
  /** Colleagues who upvote the question. */
  votes: number;
  /** The index in `answers` of the best answer, chosen by the asker. */
  best?: number;
  /** Handles of colleagues the asker asked for an answer ("Ask someone", issue #9 item 4). */
  ask?: string[];
};

const q = (
  group: string | null,
  by: string,
  daysAgo: number,
  hour: number,
  title: string,
  body: string,
  answers: SeedAnswer[],
  votes: number,
  best?: number,
): SeedQuestion => ({ group, by, daysAgo, hour, title, body, answers, votes, best });

export const SEED_QUESTIONS: SeedQuestion[] = [
  // HR / 인사 — company-wide, answered by the people team
  q(
    null,
    "jihoon.park",
    27,
    10,
    "연차를 반차로 나눠 쓸 수 있나요?",
    "오후에 병원 예약이 있어서 반차를 쓰고 싶은데, 연차를 0.5일 단위로 쓸 수 있는지 궁금합니다. #인사 #휴가",
    [
      [
        "harin.kim",
        25,
        "네, 가능합니다! 인사 시스템에서 휴가 유형을 '반차(오전/오후)'로 선택하시면 0.5일이 차감돼요.",
        6,
      ],
      ["seoyeon.lee", 40, "저도 지난달에 썼어요. 팀장 승인만 받으면 바로 반영됩니다 👍", 2],
    ],
    8,
    0,
  ),
  q(
    null,
    "priya.raman",
    25,
    11,
    "How do I update my bank account for payroll?",
    "I switched banks last week. Where do I change the account my salary goes to, and is there a cut-off date for this month? #HR #payroll",
    [
      [
        "grace.lee",
        30,
        "Go to the HR portal → My info → Payroll account. Changes made before the 15th apply to this month's salary.",
        5,
      ],
      [
        "james.wilson",
        90,
        "Heads-up: you'll need a scan of your bankbook (통장 사본) — the portal asks for it at the end.",
        3,
      ],
    ],
    4,
    0,
  ),
  q(
    null,
    "taeyoon.jung",
    22,
    9,
    "연말정산 서류는 언제까지 내야 하나요?",
    "작년에 서류를 늦게 내서 고생했는데 올해 마감일과 필요한 서류 목록이 있을까요? #인사 #연말정산",
    [
      [
        "soyeon.park",
        45,
        "1월 20일까지 홈택스 간소화 자료를 PDF로 올려 주시면 됩니다. 안내 메일을 다음 주에 보내 드릴게요.",
        7,
      ],
      ["minho.jang", 60, "부양가족 공제가 있으면 가족관계증명서도 함께 준비해 주세요.", 4],
      ["haeun.kang", 120, "작년에 의료비 영수증 빠뜨렸다가 추가 제출했어요. 꼭 미리 챙기세요 😅", 1],
    ],
    11,
    0,
  ),
  q(
    null,
    "lucas.martin",
    20,
    15,
    "Is there a visa support process for family members?",
    "My partner is moving to Seoul next quarter. Does the company help with the F-3 visa paperwork (employment certificate, etc.)? #HR #visa",
    [
      [
        "grace.lee",
        410,
        "Yes — request an employment certificate (재직증명서) in English from the HR portal; I can also write a letter for the immigration office.",
        6,
      ],
      ["priya.raman", 1560, "I did this last year. Book the Hi Korea appointment early, slots fill up weeks ahead.", 5],
    ],
    5,
    1,
  ),
  q(
    null,
    "jisu.ahn",
    18,
    13,
    "육아휴직 중에도 사내 교육을 들을 수 있나요?",
    "다음 달부터 육아휴직 예정인데, 휴직 중에 온라인 교육 포털 접속이 되는지 궁금해요. #인사 #육아휴직",
    [["jieun.lee", 2880, "계정은 유지되니 들으실 수 있어요. 다만 필수 교육은 복직 후에 다시 안내드립니다.", 3]],
    4,
  ),
  q(
    null,
    "olivia.bennett",
    16,
    10,
    "Can I work from another country for two weeks?",
    "I'd like to visit family in the UK and work remotely for two weeks. Is there a policy for working abroad? #HR #remote",
    [
      [
        "jieun.lee",
        240,
        "Up to 20 working days a year are fine with your lead's approval — file a 'remote work abroad' request so we can check tax and security.",
        4,
      ],
      ["daniel.brooks", 90, "Do bring the company laptop and use the VPN the whole time, please.", 2],
    ],
    6,
  ),
  q(
    null,
    "dain.son",
    12,
    16,
    "경조사 휴가는 며칠인가요?",
    "다음 달 동생 결혼식이 있는데 경조사 휴가 일수와 신청 방법이 궁금합니다. #인사 #휴가",
    [
      [
        "harin.kim",
        20,
        "형제자매 결혼은 1일 유급 휴가입니다. 인사 시스템에서 '경조사'로 신청하시고 청첩장을 첨부해 주세요.",
        5,
      ],
      ["seojun.yang", 45, "축하드려요! 🎉 경조금도 같이 신청하시면 됩니다.", 2],
    ],
    3,
    0,
  ),
  {
    ...q(
      null,
      "hannah.schmidt",
      13,
      11,
      "Where do I find the English version of the employee handbook?",
      "The wiki only has the Korean handbook. Is there an English one, especially for the leave and expense rules? #HR",
      [],
      4,
    ),
    ask: ["harin.kim"],
  },
  // HR — in the people team's group
  q(
    "people-team",
    "minho.jang",
    14,
    10,
    "신규 입사자 온보딩 체크리스트 최신본이 어디 있죠?",
    "다음 주 입사자 3명이 있는데 체크리스트가 두 버전이라 헷갈립니다. 최신본 위치 알려 주세요. #온보딩",
    [
      ["jieun.lee", 15, "위키의 '온보딩 v3'가 최신입니다. v2는 제가 보관 처리할게요.", 3],
      ["harin.kim", 30, "노트북 신청 항목이 v3에만 있어요. 꼭 v3로 써 주세요!", 2],
    ],
    2,
    0,
  ),
  q(
    "people-team",
    "grace.lee",
    4,
    14,
    "Do we have a Korean-English glossary for HR terms?",
    "Global hires keep asking what 4대보험, 통상임금 and 포괄임금 mean. Has anyone started a glossary we could share?",
    [],
    2,
  ),
  // IT help — company-wide
  q(
    null,
    "eunbi.noh",
    26,
    9,
    "VPN이 자꾸 끊겨요",
    "재택 중에 VPN이 30분마다 끊깁니다. 다른 분들도 그런가요? 해결 방법 아시는 분 🙏 #IT헬프 #VPN",
    [
      ["donguk.han", 20, "클라이언트를 4.2로 업데이트하면 해결됩니다. 구버전은 세션 재협상에서 끊겨요.", 9],
      ["hyunwoo.yoo", 40, "저도 같은 증상이었는데 업데이트 후 괜찮아졌어요.", 3],
      ["sarah.almansouri", 75, "Also check your router's MTU — mine was set too low at home.", 2],
    ],
    10,
    0,
  ),
  q(
    null,
    "sarah.almansouri",
    24,
    10,
    "How do I set up the office printer on a Mac?",
    "The 7th-floor printer doesn't show up on my MacBook. Is there a driver or a setup guide? #ITHelp #printer",
    [
      [
        "donguk.han",
        30,
        "Add it by IP: System Settings → Printers → + → IP tab → 10.1.7.20, protocol IPP. No driver needed.",
        4,
      ],
      ["michael.chen", 50, "Works for me with the IP — the Bonjour discovery is blocked on the office Wi-Fi.", 2],
    ],
    3,
    0,
  ),
  q(
    null,
    "seungwoo.baek",
    21,
    14,
    "회사 메일을 아이폰에 연결하는 방법이 있나요?",
    "기본 메일 앱으로 회사 메일을 보고 싶은데 설정이 안 됩니다. #IT헬프",
    [
      ["donguk.han", 25, "보안 정책상 기본 메일 앱은 막혀 있고, 아웃룩 앱 + 인증 앱으로 로그인하셔야 해요.", 5],
      ["chaewon.moon", 60, "아웃룩 앱 쓰니 캘린더도 같이 되어서 더 편해요.", 1],
    ],
    4,
  ),
  q(
    null,
    "michael.chen",
    19,
    9,
    "Laptop replacement: how long does it take?",
    "My laptop battery is at 40% health after three years. What's the process to get a replacement, and how long is the wait? #ITHelp",
    [
      [
        "donguk.han",
        300,
        "File a ticket in the IT portal with a battery report screenshot; stock laptops ship in 3–5 working days.",
        3,
      ],
      ["jaemin.jeon", 1700, "저는 일주일 걸렸어요. 월말에는 조금 더 걸리는 것 같아요.", 1],
    ],
    2,
  ),
  q(
    null,
    "junho.bae",
    15,
    11,
    "피그마 유료 좌석 추가 요청은 어디로 하나요?",
    "인턴 두 분이 합류하는데 피그마 편집 권한이 필요합니다. #IT헬프 #디자인",
    [["jia.song", 20, "디자인팀 좌석은 제가 관리해요. 이메일 주세요, 오늘 추가할게요.", 4]],
    2,
    0,
  ),
  q(
    null,
    "taemin.ryu",
    11,
    10,
    "Zendesk 단축키 목록이 있을까요?",
    "응대 속도를 높이고 싶은데 자주 쓰는 단축키 정리된 자료 있으신가요? #IT헬프 #고객지원",
    [
      ["min.namgung", 30, "? 키를 누르면 전체 단축키가 나와요. 저는 Ctrl+Alt+O(열린 티켓) 제일 많이 씁니다.", 3],
      ["jiwoo.choi", 50, "팀 위키에 제가 정리해 둔 표가 있어요. 링크 공유할게요!", 2],
    ],
    3,
  ),
  q(
    null,
    "soyeon.park",
    9,
    15,
    "Wi-Fi guest password for visitors?",
    "We have candidates coming in for interviews tomorrow. What's the guest Wi-Fi and does the password change weekly? #ITHelp",
    [["donguk.han", 15, "It changes every Monday; reception has it on the card at the front desk.", 2]],
    1,
    0,
  ),
  {
    ...q(
      null,
      "bonjae.koo",
      5,
      10,
      "모니터 추가 신청 가능한가요?",
      "부산 오피스에서 듀얼 모니터를 쓰고 싶은데 신청 절차가 있는지 궁금합니다. #IT헬프 #부산",
      [],
      3,
    ),
    ask: ["donguk.han"],
  },

  {
    ...q(
      null,
      "hyunwoo.yoo",
      3,
      17,
      "Calendar invites from customers land in spam",
      "Invites from two customers' domains end up in spam and I miss meetings. Can IT allow-list their domains? #ITHelp #email",
      [],
      2,
    ),
    ask: ["donguk.han", "jiwoo.choi"],
  },

  // Engineering — in the engineering group
  q(
    "engineering",
    "subin.lim",
    28,
    10,
    "SQLite WAL 체크포인트는 언제 돌려야 하나요?",
    "부하 테스트 중 WAL 파일이 1GB까지 커졌어요. 자동 체크포인트에 맡겨도 되는지, 수동으로 돌려야 하는지 궁금합니다. #sqlite",
    [
      [
        "minsu.kim",
        30,
        "기본 1000페이지 자동 체크포인트면 충분해요. 커진 건 긴 읽기 트랜잭션이 체크포인트를 막아서입니다.",
        8,
      ],
      [
        "james.wilson",
        55,
        "Look for a reader that never finishes — a forgotten iterator does it. `PRAGMA wal_checkpoint(TRUNCATE)` after it ends shrinks the file.",
        6,
      ],
      ["jihoon.park", 90, "벤치 스크립트에서 커서 안 닫는 부분 찾았어요. 고치니 WAL 10MB 이하로 유지됩니다.", 4],
    ],
    12,
    0,
  ),
  q(
    "engineering",
    "priya.raman",
    23,
    14,
    "How do we tokenize two-syllable Korean words for search?",
    "FTS5 trigram misses 회의 and 배포. What's our plan for two-syllable terms without a full scan? #search #sqlite",
    [
      [
        "james.wilson",
        40,
        "A bigram side table for Hangul: index every two-syllable window and query it only for short terms.",
        9,
      ],
      ["seoyeon.lee", 70, "조사 처리도 같이 해야 해요. '회의를'이 '회의'로 잡혀야 합니다.", 5],
    ],
    9,
    0,
  ),
  q(
    "engineering",
    "haeun.kang",
    17,
    11,
    "Remix 로더에서 쿠키 세션 갱신은 어디서 하나요?",
    "세션 만료를 연장하려면 로더마다 Set-Cookie를 붙여야 하나요, 아니면 서버 미들웨어에서 처리하나요? #remix",
    [
      ["yujin.choi", 35, "서버 미들웨어에서 한 번에 처리합니다. 로더는 세션을 읽기만 해요.", 4],
      [
        "lucas.martin",
        60,
        "Agreed — refreshing in loaders gets messy with parallel loaders writing the same cookie.",
        3,
      ],
    ],
    5,
  ),
  q(
    "engineering",
    "lucas.martin",
    13,
    10,
    "What's our rollback procedure for a bad deploy?",
    "If a release breaks sign-in at 5 pm, what's the fastest safe rollback? Do migrations roll back too? #deploy",
    [
      [
        "minsu.kim",
        20,
        "Redeploy the previous tag from the deploy page; migrations are forward-only, so every migration must work with the previous release.",
        7,
      ],
      ["taeyoon.jung", 45, "런북은 위키 '배포 롤백' 문서에 있어요. 지난 분기에 한 번 실제로 써봤습니다.", 3],
    ],
    6,
    0,
  ),
  q(
    "engineering",
    "yujin.choi",
    10,
    15,
    "E2E 테스트에서 한글 폰트가 네모로 나와요",
    "CI 스크린샷에서 한글이 전부 네모 박스로 보입니다. 크로미움 설정 문제일까요? #테스트",
    [
      ["donguk.han", 25, "CI 이미지에 fonts-nanum 패키지를 추가하세요. 크로미움 문제가 아니라 폰트가 없어서예요.", 6],
      ["priya.raman", 40, "Same fix worked for the screenshot diffs on my branch.", 2],
    ],
    4,
    0,
  ),
  q(
    "engineering",
    "jihoon.park",
    8,
    11,
    "키셋 페이지네이션에서 동점은 어떻게 처리하나요?",
    "추천수로 정렬하면 같은 값이 많은데, 커서에 무엇을 넣어야 중복 없이 넘길 수 있을까요? #sqlite",
    [
      [
        "minsu.kim",
        30,
        "(정렬 키, id)를 커서로 쓰고 행 값 비교 `(votes, id) < (?, ?)`로 이어 가세요. 인덱스도 같은 순서로.",
        5,
      ],
      ["subin.lim", 50, "EXPLAIN QUERY PLAN으로 임시 B-tree가 없는지 꼭 확인하세요.", 3],
    ],
    4,
  ),
  q(
    "engineering",
    "seoyeon.lee",
    7,
    16,
    "Is anyone using the new Node test runner instead of vitest?",
    "Curious whether anyone has tried node:test for small packages — is it worth it for us? #testing",
    [
      [
        "lucas.martin",
        45,
        "Tried it for a CLI package — fine for tiny things, but we'd lose watch mode and the vite transforms.",
        2,
      ],
      ["haeun.kang", 80, "vitest 계속 쓰는 게 나을 것 같아요. 설정 공유가 편해요.", 1],
    ],
    2,
  ),
  q(
    "engineering",
    "taeyoon.jung",
    10,
    10,
    "스테이징 DB를 프로덕션 스냅샷으로 갱신해도 되나요?",
    "QA에서 실제 데이터 분포로 테스트하고 싶다고 합니다. 개인정보 마스킹 스크립트가 있나요? #보안 #deploy",
    [],
    5,
  ),
  q(
    "engineering",
    "james.wilson",
    2,
    11,
    "Who owns the flaky search-durability test?",
    "It failed twice on main this week (timeout in the crash test). Is someone already looking at it? #testing",
    [],
    3,
  ),
  q(
    "engineering",
    "donguk.han",
    1,
    10,
    "Meilisearch 버전 업그레이드 일정이 있나요?",
    "보안 패치가 나와서 1.x 최신으로 올리고 싶은데, 인덱스 재구축이 필요한지 확인 부탁드립니다. #search",
    [
      [
        "james.wilson",
        40,
        "Dumps import fine across minor versions — no reindex needed. I'll pair with you on Thursday.",
        2,
      ],
    ],
    2,
  ),
  // The private project group: only its members see these.
  q(
    "project-aurora",
    "james.wilson",
    20,
    10,
    "Do we need a Japanese-language search analyzer before launch?",
    "Bigram tokens handle kana and kanji in tests, but customers will expect good ranking. Is a proper analyzer a launch blocker? #aurora",
    [
      [
        "michael.chen",
        60,
        "Not a blocker for the pilot customers — they care more about on-prem. Let's revisit after launch.",
        3,
      ],
      ["daniel.brooks", 90, "Agreed. Bigrams for launch, analyzer on the roadmap.", 4],
    ],
    3,
    1,
  ),
  q(
    "project-aurora",
    "mirae.yoon",
    9,
    14,
    "도쿄 리전 비용은 누구 예산으로 잡나요?",
    "인프라 비용을 엔지니어링 예산에 넣을지 Aurora 프로젝트 예산에 넣을지 결정이 필요합니다. #aurora",
    [["haneul.jung", 120, "출시 전까지는 프로젝트 예산으로 잡고, 출시 후 엔지니어링으로 옮기죠.", 4]],
    2,
  ),
];
