// The demo company's groups (issue #6), as data for db/seed.ts: one group per department (public), two projects
// (one public, one private), the private leadership group 경영진, the 러닝 크루 community and a private partner
// group with one guest from Hanbit Logistics. Each group has hand-written posts and replies in Korean and English,
// a group announcement by its admin and, in some, a pinned post. #이사회 is used only in 경영진, so the demo
// shows that a private hashtag does not exist for anyone outside it (docs/decisions/0002-groups-and-access.md).
// seed.ts creates all of it through the use cases (createGroup, addMembers, publishPost, pinPost).
import type { GroupVisibility } from "#app/access/rules";
import type { PostKind } from "#db/enums";

export type SeedDept = "mgmt" | "eng" | "design" | "sales" | "mkt" | "hr" | "cs";

export type GroupPost = {
  /** Author handle; the author is a member (the admin for announcements and pins). */
  by: string;
  daysAgo: number;
  hour: number;
  minute?: number;
  body: string;
  kind?: PostKind;
  pin?: boolean;
  /** [author handle, minutes after the post, body] */
  replies?: [string, number, string][];
};

export type GroupSpec = {
  slug: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  /** The creator, and so the first admin. */
  admin: string;
  /** Member handles, or a whole department. */
  members: string[] | SeedDept;
  /** Guests added by email (they must exist already). */
  guestEmails?: string[];
  createdDaysAgo: number;
  posts: GroupPost[];
};

/** The one guest account: a partner who sees the partner group and nothing else. */
export const GUEST = {
  email: "doyun.kang@hanbit-logistics.demo",
  handle: "doyun.kang",
  name: "강도윤",
  organization: "Hanbit Logistics",
  title: "IT 플랫폼 파트장 (Hanbit Logistics)",
  bio: "한빛물류 IT 플랫폼 파트장입니다. 소리 도입 PoC를 함께하고 있어요 🚚",
  locale: "ko" as const,
  joinedDaysAgo: 40,
};

export const PARTNER_SLUG = "partner-hanbit";
export const LEADERSHIP_SLUG = "leadership";
/** A hashtag used only in 경영진. */
export const LEADERSHIP_ONLY_TAG = "이사회";

const DEPT_GROUPS: GroupSpec[] = [
  {
    slug: "management",
    name: "경영지원팀 · Management",
    description: "경영기획, 재무, 총무, 법무. Planning, finance, office and legal.",
    visibility: "public",
    admin: "yejin.seo",
    members: "mgmt",
    createdDaysAgo: 58,
    posts: [
      {
        by: "yejin.seo",
        daysAgo: 41,
        hour: 9,
        minute: 40,
        kind: "announcement",
        pin: true,
        body: `📢 **[경영지원팀 공지] 분기 마감 일정**\n\n- 경비 정산: 매월 25일\n- 계약서 검토 요청: 마감 1주 전까지 @sungmin.hong 님께\n- 예산 변경: @mirae.yoon 님 승인 후 반영\n\nQuarter-end dates for expenses, contracts and budget changes. #경영지원 #마감`,
        replies: [["seunghyun.oh", 25, "확인했습니다! OKR 리뷰 일정도 여기에 같이 올릴게요."]],
      },
      {
        by: "seunghyun.oh",
        daysAgo: 17,
        hour: 14,
        body: `3분기 OKR 초안 시트 공유합니다 → [OKR 2026 Q3](https://docs.sori.demo/okr-q3)\n\n팀별 코멘트는 금요일까지 부탁드려요 🙏 #OKR`,
        replies: [["daniel.brooks", 50, "Thanks — I'll add the ops key results by Thursday."]],
      },
    ],
  },
  {
    slug: "engineering",
    name: "개발팀 · Engineering",
    description: "배포, 온콜, 코드 리뷰, 기술 이야기. Deploys, on-call, code review and tech talk.",
    visibility: "public",
    admin: "minsu.kim",
    members: "eng",
    createdDaysAgo: 58,
    posts: [
      {
        by: "minsu.kim",
        daysAgo: 52,
        hour: 10,
        minute: 15,
        kind: "announcement",
        pin: true,
        body: `📌 **개발팀 온콜 로테이션 & 배포 원칙** (on-call and deploy rules)\n\n1. 금요일 오후 배포 금지 🙅\n2. 배포 전 \`npm test\` 통과 필수\n3. 온콜은 주 단위 로테이션 — 이번 주 @yujin.choi\n4. 장애가 나면 #incident 태그로 스레드를 열어 주세요\n\nRunbook: [wiki.sori.demo/runbooks](https://wiki.sori.demo/runbooks) #deploy #oncall`,
        replies: [
          ["james.wilson", 40, "Thanks — could we add the rollback checklist to the runbook too?"],
          ["minsu.kim", 65, "@james.wilson 좋아요, 이번 주에 추가할게요 👍"],
        ],
      },
      {
        by: "yujin.choi",
        daysAgo: 9,
        hour: 16,
        minute: 20,
        body: `🔥 **Incident review**: 어제 저녁 SSE 연결이 10분간 끊겼던 건 정리했습니다.\n\n- 원인: 프록시 idle timeout 60초\n- 조치: heartbeat 15초로 단축, 알림 추가\n\n@lucas.martin 님 빠른 대응 감사합니다! #incident #회고`,
        replies: [["lucas.martin", 30, "Happy to help — I'll add a test that holds a stream open for 2 minutes."]],
      },
    ],
  },
  {
    slug: "design",
    name: "디자인팀 · Design",
    description: "디자인 시스템 Haneul, 리뷰, 리서치. Our design system, reviews and research.",
    visibility: "public",
    admin: "jia.song",
    members: "design",
    createdDaysAgo: 58,
    posts: [
      {
        by: "jia.song",
        daysAgo: 33,
        hour: 11,
        kind: "announcement",
        body: `📢 디자인 리뷰는 이제 **매주 화요일 4시**로 고정합니다. 안건은 전날까지 이 그룹에 올려 주세요 🙏\n\nDesign review moves to Tuesdays at 4 pm KST, every week. #DesignReview`,
        replies: [["emily.carter", 35, "Perfect, Tuesdays work much better for the Busan folks too."]],
      },
    ],
  },
  {
    slug: "sales",
    name: "영업팀 · Sales",
    description: "파이프라인, 딜, 고객 미팅. Pipeline, deals and customer meetings.",
    visibility: "public",
    admin: "junyoung.hwang",
    members: "sales",
    createdDaysAgo: 58,
    posts: [
      {
        by: "junyoung.hwang",
        daysAgo: 28,
        hour: 9,
        minute: 10,
        kind: "announcement",
        pin: true,
        body: `📢 **[영업팀] 하반기 계정 배정**\n\n- 금융/공공: @jisu.ahn\n- 제조/물류: @hyunwoo.yoo\n- APAC: @michael.chen, MENA: @sarah.almansouri\n- 부산/경남: @jaemin.jeon\n\n파이프라인 리뷰는 매주 월요일 10시입니다. Pipeline review every Monday at 10. #영업 #pipeline`,
        replies: [["michael.chen", 45, "Got it. Singapore pipeline update coming on Monday."]],
      },
    ],
  },
  {
    slug: "marketing",
    name: "마케팅팀 · Marketing",
    description: "캠페인, 콘텐츠, PR. Campaigns, content and press.",
    visibility: "public",
    admin: "chaewon.moon",
    members: "mkt",
    createdDaysAgo: 58,
    posts: [
      {
        by: "chaewon.moon",
        daysAgo: 24,
        hour: 10,
        kind: "announcement",
        body: `📢 Launch week 채널 운영 안내 — 보도자료 엠바고는 출시일 오전 10시까지입니다. 외부 공유 전 @seungwoo.baek 님 확인 필수!\n\nPress embargo lifts at 10:00 KST on launch day. #Launch2026 #PR`,
        replies: [["olivia.bennett", 30, "Noted — the blog post is scheduled for 10:05 🗓️"]],
      },
    ],
  },
  {
    slug: "people-team",
    name: "인사팀 · People",
    description: "채용, 온보딩, 복지, 교육. Hiring, onboarding, benefits and learning.",
    visibility: "public",
    admin: "jieun.lee",
    members: "hr",
    createdDaysAgo: 58,
    posts: [
      {
        by: "jieun.lee",
        daysAgo: 35,
        hour: 9,
        minute: 30,
        kind: "announcement",
        pin: true,
        body: `📌 **신규 입사자 온보딩 체크리스트**\n\n- 1일차: 노트북 수령, 계정 세팅, 버디 소개\n- 1주차: 팀별 온보딩 세션, 보안 교육\n- 1개월: 1:1 체크인\n\n버디 배정은 @harin.kim 님이 합니다. #온보딩`,
        replies: [["grace.lee", 40, "I'll keep the English version in sync — link coming today 🌏"]],
      },
    ],
  },
  {
    slug: "customer-success",
    name: "고객성공팀 · Customer Success",
    description: "고객의 소리, 온보딩, 갱신. Customer voice, onboarding and renewals.",
    visibility: "public",
    admin: "jiwoo.choi",
    members: "cs",
    createdDaysAgo: 58,
    posts: [
      {
        by: "jiwoo.choi",
        daysAgo: 21,
        hour: 10,
        minute: 30,
        kind: "announcement",
        body: `📢 **[고객성공팀] VoC 주간 리포트 양식 변경** — 이번 주부터 리포트는 이 그룹에 #VoC 태그로 올려 주세요. 제품팀 공유는 제가 모아서 할게요.\n\nFrom this week, weekly VoC reports go here with #VoC.`,
        replies: [["hannah.schmidt", 25, "Will do — EMEA report goes up every Friday."]],
      },
    ],
  },
];

const OTHER_GROUPS: GroupSpec[] = [
  {
    slug: "sori-2-launch",
    name: "Sori 2.0 출시 TF · Launch Task Force",
    description: "Sori 2.0 출시 준비: 일정, 체크리스트, 이슈. Everything about shipping Sori 2.0.",
    visibility: "public",
    admin: "minsu.kim",
    members: [
      "seoyeon.lee",
      "jihoon.park",
      "james.wilson",
      "haeun.kang",
      "subin.lim",
      "emily.carter",
      "jia.song",
      "chaewon.moon",
      "olivia.bennett",
      "seungwoo.baek",
      "jiwoo.choi",
    ],
    createdDaysAgo: 56,
    posts: [
      {
        by: "minsu.kim",
        daysAgo: 55,
        hour: 10,
        kind: "announcement",
        pin: true,
        body: `🚀 **Sori 2.0 출시 TF를 시작합니다**\n\n목표 출시일은 5주 뒤입니다. 이 그룹에서 일정, 체크리스트, 이슈를 모두 공유해요.\n\n- 출시 체크리스트: [docs.sori.demo/launch-2](https://docs.sori.demo/launch-2)\n- 주간 싱크: 화요일 11시\n\nKick-off: launch in five weeks; this group is our single place for status. #Launch2026 #출시TF`,
        replies: [
          ["emily.carter", 30, "Excited! I'll post the final design specs here by Friday."],
          ["chaewon.moon", 55, "마케팅 일정도 여기에 맞출게요 📅"],
        ],
      },
      {
        by: "haeun.kang",
        daysAgo: 34,
        hour: 15,
        minute: 30,
        body: `🐛 **버그 바시(bug bash) 결과**: 47건 발견, P1 3건은 모두 수정 완료. 남은 P2는 @jihoon.park 님과 분류 중입니다. #버그바시 #QA`,
        replies: [["jihoon.park", 40, "P2 12건 중 9건은 이번 주 안에 닫을 수 있어요."]],
      },
      {
        by: "james.wilson",
        daysAgo: 22,
        hour: 18,
        minute: 10,
        body: `Go/no-go for Sori 2.0: search p95 is 38 ms on the staging dataset and the error budget is intact. I vote **go** ✅ #Launch2026`,
        replies: [
          ["minsu.kim", 20, "Go 합니다! 내일 오후 2시 배포 🚀"],
          ["olivia.bennett", 45, "Press kit is ready on our side 📰"],
        ],
      },
      {
        by: "minsu.kim",
        daysAgo: 18,
        hour: 11,
        body: `🙏 출시 회고(retro)는 다음 주 목요일 3시입니다. Keep / Problem / Try를 미리 댓글로 남겨 주세요.\n\nRetro next Thursday at 3 — drop your Keep / Problem / Try below. #회고 #Launch2026`,
        replies: [
          ["seoyeon.lee", 60, "Keep: 매일 15분 스탠드업이 정말 좋았어요"],
          ["emily.carter", 90, "Try: bring CS into design reviews earlier."],
        ],
      },
    ],
  },
  {
    slug: "project-aurora",
    name: "Project Aurora · 일본 진출",
    description: "일본 시장 진출 프로젝트 (비공개). Our not-yet-announced launch in Japan.",
    visibility: "private",
    admin: "daniel.brooks",
    members: [
      "haneul.jung",
      "mirae.yoon",
      "junyoung.hwang",
      "michael.chen",
      "james.wilson",
      "jiwoo.choi",
      "sungmin.hong",
    ],
    createdDaysAgo: 45,
    posts: [
      {
        by: "daniel.brooks",
        daysAgo: 44,
        hour: 10,
        kind: "announcement",
        pin: true,
        body: `🗾 **Project Aurora kick-off** — our plan to launch Sori in Japan next year. This group stays private until we announce; please don't share outside the team.\n\n- Market study: @michael.chen\n- Japanese search and localisation: @james.wilson\n- Contracts and data residency: @sungmin.hong\n\n#aurora #일본진출`,
        replies: [
          ["haneul.jung", 35, "좋습니다. 분기마다 경영진에 진행 상황 보고 부탁드립니다."],
          ["james.wilson", 70, "Our bigram tokens already cover kana and kanji — first tests look promising 🎌"],
        ],
      },
      {
        by: "michael.chen",
        daysAgo: 26,
        hour: 14,
        body: `Aurora market notes: met two logistics companies in Tokyo; both run Slack plus an old intranet. Per-seat pricing is fine, but they want an on-prem option. #aurora`,
        replies: [["junyoung.hwang", 50, "온프레미스 옵션은 다음 경영회의 안건으로 올리겠습니다."]],
      },
      {
        by: "sungmin.hong",
        daysAgo: 8,
        hour: 10,
        minute: 30,
        body: `일본 개인정보보호법(APPI) 검토를 마쳤습니다. 데이터는 도쿄 리전에 보관하는 방향을 권고합니다. 상세 메모는 법무 폴더에 있어요. #aurora #보안`,
        replies: [["mirae.yoon", 40, "도쿄 리전 비용 추정치는 이번 주에 드릴게요 📊"]],
      },
    ],
  },
  {
    slug: LEADERSHIP_SLUG,
    name: "경영진",
    description: "경영진 전용 비공개 그룹. Leadership only: budget, hiring plans and board preparation.",
    visibility: "private",
    admin: "haneul.jung",
    members: [
      "daniel.brooks",
      "mirae.yoon",
      "minsu.kim",
      "jia.song",
      "junyoung.hwang",
      "chaewon.moon",
      "jieun.lee",
      "jiwoo.choi",
    ],
    createdDaysAgo: 58,
    posts: [
      {
        by: "haneul.jung",
        daysAgo: 57,
        hour: 9,
        kind: "announcement",
        pin: true,
        body: `📌 **경영진 그룹 운영 원칙**\n\n인사, 보상, 이사회 안건처럼 아직 공유할 수 없는 내용을 이 비공개 그룹에서 다룹니다. 결정된 내용은 전사 공지로 따로 알리겠습니다.\n\nDecisions made here are announced company-wide separately. #경영회의`,
        replies: [["daniel.brooks", 20, "Understood. I'll post the weekly ops summary here every Monday."]],
      },
      {
        by: "mirae.yoon",
        daysAgo: 43,
        hour: 17,
        body: `📊 **2분기 예산안 초안** — 인건비 +8%, 마케팅 +15%, 인프라 -5%. 이사회 상정 전에 의견 부탁드립니다. #${LEADERSHIP_ONLY_TAG} #예산`,
        replies: [
          ["chaewon.moon", 30, "마케팅 +15%는 Launch 캠페인 기준입니다. 세부 내역 공유드릴게요."],
          ["haneul.jung", 75, "좋습니다. 다음 주 경영회의에서 확정하죠."],
        ],
      },
      {
        by: "jieun.lee",
        daysAgo: 30,
        hour: 10,
        body: `하반기 채용 계획(안): 엔지니어 6명, 영업 3명, CS 2명. 보상 밴드 조정안도 함께 검토 부탁드립니다. #경영회의 #채용`,
        replies: [["minsu.kim", 45, "개발 6명 중 2명은 SRE로 부탁드립니다 🙏"]],
      },
      {
        by: "haneul.jung",
        daysAgo: 15,
        hour: 16,
        body: `Board meeting prep: I'll present the Sori 2.0 launch results, the Q2 budget and Project Aurora. One-page summaries to me by Wednesday, please. #${LEADERSHIP_ONLY_TAG}`,
        replies: [["junyoung.hwang", 60, "영업 요약은 수요일 오전까지 드리겠습니다."]],
      },
      {
        by: "daniel.brooks",
        daysAgo: 3,
        hour: 9,
        minute: 30,
        body: `Busan office: 11 of 12 desks are taken. I propose leasing six more for the second half. 부산 오피스 확장안 검토 부탁드립니다. #경영회의 #부산`,
        replies: [["mirae.yoon", 40, "비용 영향은 월 480만 원 수준입니다."]],
      },
    ],
  },
  {
    slug: "running-crew",
    name: "러닝 크루 · Running Crew",
    description: "서울숲, 한강, 광안리에서 함께 달려요. All paces welcome 🏃",
    visibility: "public",
    admin: "yujin.choi",
    members: [
      "taeyoon.jung",
      "emily.carter",
      "noah.kim",
      "seojun.yang",
      "harin.kim",
      "jihoon.park",
      "grace.lee",
      "donguk.han",
      "narae.shin",
      "hajun.lee",
      "daniel.brooks",
    ],
    createdDaysAgo: 50,
    posts: [
      {
        by: "yujin.choi",
        daysAgo: 49,
        hour: 19,
        kind: "announcement",
        pin: true,
        body: `🏃 **러닝 크루 정기런 안내**\n\n- 매주 수요일 저녁 7시 30분, 서울숲 정문 (5K)\n- 매월 마지막 토요일 아침 8시, 한강 뚝섬 (10K)\n\nEveryone welcome — all paces! 🐢🐇 #러닝 #running`,
        replies: [
          ["emily.carter", 30, "I'm in for Wednesdays! 🙋"],
          ["taeyoon.jung", 50, "부산은 광안리에서 따로 뛸게요 🌊 사진 공유하겠습니다"],
        ],
      },
      {
        by: "noah.kim",
        daysAgo: 22,
        hour: 10,
        minute: 40,
        body: `First Saturday run with the crew 🏃‍♂️ 10K along the Han river in 58:12. 한강 뷰 최고! #running #한강`,
        replies: [["yujin.choi", 20, "첫 10K 축하해요 🎉"]],
      },
      {
        by: "taeyoon.jung",
        daysAgo: 13,
        hour: 20,
        minute: 30,
        body: `🌊 광안리 5K, 부산 지부 첫 정기런! 다음엔 서울 크루도 초대할게요 #러닝 #부산`,
      },
      {
        by: "seojun.yang",
        daysAgo: 6,
        hour: 12,
        minute: 10,
        body: `서울 하프마라톤 같이 신청하실 분? 접수는 이번 주 금요일 마감입니다!\n\nSeoul Half Marathon sign-ups close on Friday. #러닝 #마라톤`,
        replies: [
          ["jihoon.park", 30, "저도 신청했어요! 페이스메이커 해 주세요 😄"],
          ["grace.lee", 55, "Signed up — first half marathon for me 😅"],
        ],
      },
    ],
  },
  {
    slug: PARTNER_SLUG,
    name: "파트너 · Hanbit Logistics 협업",
    description:
      "한빛물류와 함께하는 Sori PoC (비공개, 게스트 참여). Private workspace with our partner Hanbit Logistics.",
    visibility: "private",
    admin: "hyunwoo.yoo",
    members: ["eunbi.noh", "bonjae.koo", "min.namgung", "jiwoo.choi"],
    guestEmails: [GUEST.email],
    createdDaysAgo: 40,
    posts: [
      {
        by: "hyunwoo.yoo",
        daysAgo: 39,
        hour: 10,
        kind: "announcement",
        pin: true,
        body: `🤝 **Hanbit Logistics × Sori PoC 협업 그룹**\n\n@doyun.kang 님 환영합니다! 이 그룹은 한빛물류와 소리 팀만 볼 수 있는 비공개 그룹입니다.\n\n- PoC 기간: 6주\n- 범위: 물류센터 3곳, 사용자 300명\n- 주간 싱크: 매주 목요일 2시\n\nOur private workspace with Hanbit Logistics. #hanbit #PoC`,
        replies: [
          ["doyun.kang", 40, "초대해 주셔서 감사합니다! 저희 IT팀 일정 공유드리겠습니다 🙇"],
          ["eunbi.noh", 70, "데모 환경 계정은 오늘 중으로 발급해 드릴게요."],
        ],
      },
      {
        by: "doyun.kang",
        daysAgo: 37,
        hour: 14,
        kind: "question",
        // About what Sori does (guest accounts limited to this group), not single sign-on, which it lacks.
        body: `PoC에 참여할 물류센터 팀장님들 계정은 어떻게 만드나요? 저희 쪽 메일 주소로 가입할 수 있나요? #계정 #PoC`,
        replies: [
          [
            "min.namgung",
            35,
            "@doyun.kang PoC 동안은 이 그룹만 보이는 게스트 계정으로 만들어 드려요. 이름과 메일 주소 명단을 보내 주시면 오늘 중 초대할게요 📄",
          ],
          ["doyun.kang", 80, "감사합니다. 다음 주 화요일까지 명단 정리해서 보내드리겠습니다."],
        ],
      },
      {
        by: "bonjae.koo",
        daysAgo: 23,
        hour: 16,
        minute: 30,
        body: `📋 **PoC 2주차 리포트**\n\n- 활성 사용자 212명 / 300명\n- 가장 많이 쓰는 기능: 검색, 해시태그 #물류센터\n- 요청 사항: 모바일 푸시 알림, 교대 근무자용 요약\n\nThanks @doyun.kang for rallying the warehouse teams! #hanbit #PoC`,
        replies: [["doyun.kang", 45, "현장 반응이 좋습니다. 특히 한국어 검색이 잘 된다는 평이 많아요 👍"]],
      },
      {
        by: "eunbi.noh",
        daysAgo: 10,
        hour: 11,
        body: `The contract draft for the full roll-out (1,500 seats) is with your procurement team. 견적은 지난주 버전과 동일합니다. #hanbit`,
        replies: [
          ["doyun.kang", 120, "구매팀에서 검토 중입니다. 이번 달 안에 회신드릴게요."],
          ["hyunwoo.yoo", 150, "감사합니다! 목요일 싱크에서 일정 맞춰 보시죠."],
        ],
      },
      {
        by: "doyun.kang",
        daysAgo: 2,
        hour: 14,
        body: `다음 주 목요일 싱크는 저희 부산 물류센터에서 하면 어떨까요? 현장도 보여드리고 싶습니다 🚚 #hanbit`,
        replies: [["hyunwoo.yoo", 30, "좋습니다! 부산 오피스 팀과 함께 가겠습니다."]],
      },
    ],
  },
];

export const GROUPS: GroupSpec[] = [...DEPT_GROUPS, ...OTHER_GROUPS];

/** The department group of each department, where some of the department's everyday posts go. */
export const DEPT_GROUP_SLUG: Record<SeedDept, string> = {
  mgmt: "management",
  eng: "engineering",
  design: "design",
  sales: "sales",
  mkt: "marketing",
  hr: "people-team",
  cs: "customer-success",
};
