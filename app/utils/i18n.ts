// Every user-facing string in Korean and English. Shared by server and browser.
import { groupsEn, groupsKo } from "./messages/groups";
import { searchEn, searchKo } from "./messages/search";
import { guestsEn, guestsKo } from "./messages/guests";
import { signinEn, signinKo } from "./messages/signin";
import { emailEn, emailKo } from "./messages/email";
import { accountsEn, accountsKo } from "./messages/accounts";
import { hostileInputEn, hostileInputKo } from "./messages/hostile-input";
import { tokensEn, tokensKo } from "./messages/tokens";
import { questionsEn, questionsKo } from "./messages/questions";
import { questionPagesEn, questionPagesKo } from "./messages/question-pages";
import { questionSearchEn, questionSearchKo } from "./messages/question-search";
import { questionListsEn, questionListsKo } from "./messages/question-lists";
import { knowledgeStatsEn, knowledgeStatsKo } from "./messages/knowledge-stats";
import { answerRequestsEn, answerRequestsKo } from "./messages/answer-requests";
import { realtimeEn, realtimeKo } from "./messages/realtime";
import { notificationsEn, notificationsKo } from "./messages/notifications";
import { eventsEn, eventsKo } from "./messages/events";
import { eventPresentEn, eventPresentKo } from "./messages/event-present";
import { polishEn, polishKo } from "./messages/polish";
import { workingHoursEn, workingHoursKo } from "./messages/working-hours";
import { synonymsEn, synonymsKo } from "./messages/synonyms";
import { announcementsEn, announcementsKo } from "./messages/announcements";
import { eventPageEn, eventPageKo } from "./messages/event-page";
import { eventArchiveEn, eventArchiveKo } from "./messages/event-archive";
import { emailDeliveryEn, emailDeliveryKo } from "./messages/email-delivery";

export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const coreEn = {
  "app.tagline": "Your company's voice",
  "nav.main": "Main",
  "nav.home": "Home",
  "nav.company": "Company",
  "nav.people": "People",
  "nav.settings": "Settings",
  "nav.admin": "Admin",
  "nav.signOut": "Sign out",
  "nav.signIn": "Sign in",
  "nav.skip": "Skip to content",
  "nav.search": "Search",
  "nav.language": "한국어",
  "setup.title": "Set up Sori",
  "setup.intro": "Create the first administrator account for your company.",
  "setup.submit": "Create administrator",
  "setup.done": "Sori is already set up.",
  "signin.title": "Sign in",
  "signin.submit": "Sign in",
  "signin.failed": "Email or password is incorrect.",
  "signin.rateLimited": "Too many sign-in attempts. Try again in {minutes} minutes.",
  "signin.noAccount": "New here?",
  "signin.signUp": "Create an account",
  "signup.title": "Create your account",
  "signup.submit": "Create account",
  "signup.notAllowed": "Sign-up needs an invitation or a company email address.",
  "signup.badInvite": "This invitation is invalid or has expired.",
  "signup.emailTaken": "An account with this email already exists.",
  "signup.handleTaken": "This handle is already taken.",
  "field.email": "Email",
  "field.password": "Password",
  "field.name": "Full name",
  "field.handle": "Handle",
  "field.handleHint": "Lower-case letters, digits, dot, dash or underscore, e.g. minsu.kim",
  "field.department": "Department",
  "field.title": "Job title",
  "field.bio": "About me",
  "field.locale": "Language",
  "field.timeZone": "Time zone",
  "field.photo": "Photo",
  "field.tokenName": "Token name",
  "error.required": "This field is required.",
  "error.tooLong": "This is too long (at most {max} characters).",
  "error.tooShort": "This is too short (at least {min} characters).",
  "error.email": "Enter a valid email address.",
  "error.handle": "Use 2–40 lower-case letters, digits, dot, dash or underscore, starting with a letter or digit.",
  "error.invalid": "This value is not valid.",
  "error.postEmpty": "Write something before posting.",
  "error.postTooLong": "A post can have at most {max} characters.",
  "error.photoType": "Upload a JPEG, PNG or WebP image.",
  "error.photoSize": "The photo must be 5 MB or smaller.",
  "error.crossOrigin": "Cross-origin request refused.",
  "error.forbidden": "You are not allowed to do that.",
  "error.notFound": "We couldn't find that page.",
  "error.generic": "Something went wrong. Please try again.",
  "error.badRequest": "The request was not valid.",
  "error.tooLarge": "That was too large to accept.",
  "error.unauthorized": "Sign in or send a valid API token.",
  "error.invalidToken": "This API token is invalid or has been revoked.",
  "error.invalidJson": "The request body is not valid JSON.",
  "error.unsupportedMediaType": "Send the request body as application/json.",
  "error.insufficientScope": "This API token lacks the {scope} scope. Create a token with it in Settings → API tokens.",
  "error.methodNotAllowed": "This method is not allowed here.",
  "error.rateLimited": "Too many requests. Try again in {seconds} seconds.",
  "error.title": "Error {status}",
  "error.backHome": "Back to Sori",
  "error.rateLimitedShort": "Too many requests. Please wait a moment and try again.",
  "post.composer": "Share an update",
  "post.placeholder": "What's happening? Use #hashtags and @mentions",
  "post.submit": "Post",
  "post.reply": "Reply",
  "post.replyPlaceholder": "Write a reply…",
  "post.preview": "Preview",
  "post.edit": "Edit",
  "post.save": "Save",
  "post.cancel": "Cancel",
  "post.delete": "Delete",
  "post.deleteConfirm": "Delete this post?",
  "post.edited": "edited",
  "post.replies": "{count} replies",
  "post.replies_one": "1 reply",
  "post.viewThread": "View conversation",
  "post.published": "Posted.",
  "post.updated": "Post updated.",
  "post.deleted": "Post deleted.",
  "post.history": "Edit history",
  "post.inReplyTo": "Reply in a conversation",
  "reaction.label": "Reactions",
  "reaction.like": "Like",
  "reaction.celebrate": "Celebrate",
  "reaction.insightful": "Insightful",
  "reaction.support": "Support",
  "reaction.funny": "Funny",
  "reaction.thanks": "Thanks",
  "reaction.who": "Reacted: {names}",
  "feed.home": "Home",
  "feed.company": "All company",
  "feed.empty": "No posts yet.",
  "feed.more": "Older posts",
  "feed.trending": "Trending hashtags (7 days)",
  "feed.trendingEmpty": "No hashtags this week.",
  "hashtag.posts": "{count} posts",
  "hashtag.posts_one": "1 post",
  "hashtag.follow": "Follow",
  "hashtag.unfollow": "Unfollow",
  "profile.followers": "Followers",
  "profile.following": "Following",
  "profile.follow": "Follow",
  "profile.unfollow": "Unfollow",
  "profile.posts": "Posts",
  "profile.deactivated": "This account is deactivated.",
  "people.title": "People",
  "people.allDepartments": "All departments",
  "people.filter": "Filter",
  "people.count": "{count} people",
  "people.count_one": "1 person",
  "settings.title": "Settings",
  "settings.profile": "Profile",
  "settings.saved": "Settings saved.",
  "settings.photoUpdated": "Photo updated.",
  "settings.photo": "Profile photo",
  "settings.photoHint": "JPEG, PNG or WebP, at most 5 MB.",
  "settings.upload": "Upload photo",
  "settings.tokens": "API tokens",
  "settings.tokenCreate": "Create token",
  "settings.tokenShown": "Copy this token now; it will not be shown again:",
  "settings.tokenRevoke": "Revoke",
  "settings.tokenRevoked": "Token revoked.",
  "settings.tokensEmpty": "No tokens yet.",
  "settings.sessions": "Sessions",
  "settings.signOutEverywhere": "Sign out everywhere",
  "settings.auto": "Browser default",
  "admin.title": "Administration",
  "admin.invite": "Invite a person",
  "admin.inviteSubmit": "Create invitation",
  "admin.inviteLink": "Send this invitation link:",
  "search.placeholder": "Search posts, people, #hashtags",
  "search.title": "Search",
  "search.posts": "Posts",
  "search.people": "People",
  "search.hashtags": "Hashtags",
  "search.count": "{count} results for “{q}”",
  "search.count_one": "1 result for “{q}”",
  "search.none": "Nothing found for “{q}”. Try fewer or other words.",
  "search.prompt": "Type what you are looking for: words in Korean or English, a name, or a #hashtag.",
  "search.sort": "Sort",
  "search.sortRelevance": "Most relevant",
  "search.sortNewest": "Newest",
  "search.author": "Author (handle)",
  "search.hashtag": "Hashtag",
  "search.from": "From",
  "search.to": "To",
  "search.kind": "Kind",
  "search.kindAll": "All kinds",
  "search.apply": "Apply",
  "search.more": "More results",
  "kind.update": "Update",
  "kind.question": "Question",
  "kind.announcement": "Announcement",
  "error.queryEmpty": "Type something to search for.",
  "error.queryTooLong": "A search can have at most {max} characters.",
  "error.badCursor": "This results page has expired. Search again.",
  "error.badFilter": "A filter is not valid.",
  "error.searchUnavailable": "Search is temporarily unavailable. Please try again shortly.",
  "locale.ko": "한국어",
  "locale.en": "English",
} as const;

// Each area keeps its strings in app/utils/messages/<area>.ts (both languages side by side); a key missing in
// Korean fails the type-check.
const en = {
  ...coreEn,
  ...groupsEn,
  ...guestsEn,
  ...searchEn,
  ...emailEn,
  ...accountsEn,
  ...signinEn,
  ...hostileInputEn,
  ...tokensEn,
  ...questionsEn,
  ...questionPagesEn,
  ...questionSearchEn,
  ...questionListsEn,
  ...knowledgeStatsEn,
  ...answerRequestsEn,
  ...realtimeEn,
  ...notificationsEn,
  ...eventsEn,
  ...eventPresentEn,
  ...polishEn,
  ...workingHoursEn,
  ...synonymsEn,
  ...announcementsEn,
  ...eventPageEn,
  ...eventArchiveEn,
  ...emailDeliveryEn,
} as const;

export type MessageKey = keyof typeof en;

const coreKo: Record<keyof typeof coreEn, string> = {
  "app.tagline": "우리 회사의 목소리",
  "nav.main": "주 메뉴",
  "nav.home": "홈",
  "nav.company": "전사",
  "nav.people": "사람",
  "nav.settings": "설정",
  "nav.admin": "관리",
  "nav.signOut": "로그아웃",
  "nav.signIn": "로그인",
  "nav.skip": "본문으로 건너뛰기",
  "nav.search": "검색",
  "nav.language": "English",
  "setup.title": "Sori 설정",
  "setup.intro": "회사의 첫 관리자 계정을 만드세요.",
  "setup.submit": "관리자 만들기",
  "setup.done": "Sori는 이미 설정되었습니다.",
  "signin.title": "로그인",
  "signin.submit": "로그인",
  "signin.failed": "이메일 또는 비밀번호가 올바르지 않습니다.",
  "signin.rateLimited": "로그인 시도가 너무 많습니다. {minutes}분 후에 다시 시도하세요.",
  "signin.noAccount": "처음이신가요?",
  "signin.signUp": "계정 만들기",
  "signup.title": "계정 만들기",
  "signup.submit": "계정 만들기",
  "signup.notAllowed": "가입하려면 초대 또는 회사 이메일 주소가 필요합니다.",
  "signup.badInvite": "초대가 유효하지 않거나 만료되었습니다.",
  "signup.emailTaken": "이 이메일로 된 계정이 이미 있습니다.",
  "signup.handleTaken": "이미 사용 중인 핸들입니다.",
  "field.email": "이메일",
  "field.password": "비밀번호",
  "field.name": "이름",
  "field.handle": "핸들",
  "field.handleHint": "영문 소문자, 숫자, 점, 대시, 밑줄 (예: minsu.kim)",
  "field.department": "부서",
  "field.title": "직함",
  "field.bio": "소개",
  "field.locale": "언어",
  "field.timeZone": "시간대",
  "field.photo": "사진",
  "field.tokenName": "토큰 이름",
  "error.required": "필수 항목입니다.",
  "error.tooLong": "너무 깁니다 (최대 {max}자).",
  "error.tooShort": "너무 짧습니다 (최소 {min}자).",
  "error.email": "올바른 이메일 주소를 입력하세요.",
  "error.handle": "영문 소문자·숫자로 시작하는 2–40자의 소문자, 숫자, 점, 대시, 밑줄을 사용하세요.",
  "error.invalid": "올바른 값이 아닙니다.",
  "error.postEmpty": "게시하기 전에 내용을 입력하세요.",
  "error.postTooLong": "게시물은 최대 {max}자까지 쓸 수 있습니다.",
  "error.photoType": "JPEG, PNG 또는 WebP 이미지를 올리세요.",
  "error.photoSize": "사진은 5MB 이하여야 합니다.",
  "error.crossOrigin": "다른 출처의 요청은 거부됩니다.",
  "error.forbidden": "이 작업을 할 권한이 없습니다.",
  "error.notFound": "페이지를 찾을 수 없습니다.",
  "error.generic": "문제가 발생했습니다. 다시 시도하세요.",
  "error.badRequest": "요청이 올바르지 않습니다.",
  "error.tooLarge": "너무 커서 받을 수 없습니다.",
  "error.unauthorized": "로그인하거나 올바른 API 토큰을 보내세요.",
  "error.invalidToken": "API 토큰이 유효하지 않거나 폐기되었습니다.",
  "error.invalidJson": "요청 본문이 올바른 JSON이 아닙니다.",
  "error.unsupportedMediaType": "요청 본문을 application/json으로 보내세요.",
  "error.insufficientScope":
    "이 API 토큰에는 {scope} 권한 범위가 없습니다. 설정 → API 토큰에서 그 범위가 있는 토큰을 만드세요.",
  "error.methodNotAllowed": "여기서는 허용되지 않는 메서드입니다.",
  "error.rateLimited": "요청이 너무 많습니다. {seconds}초 후에 다시 시도하세요.",
  "error.title": "오류 {status}",
  "error.backHome": "소리로 돌아가기",
  "error.rateLimitedShort": "요청이 너무 많습니다. 잠시 후 다시 시도하세요.",
  "post.composer": "소식 공유하기",
  "post.placeholder": "무슨 일이 있나요? #해시태그와 @멘션을 쓸 수 있어요",
  "post.submit": "게시",
  "post.reply": "답글",
  "post.replyPlaceholder": "답글 쓰기…",
  "post.preview": "미리보기",
  "post.edit": "수정",
  "post.save": "저장",
  "post.cancel": "취소",
  "post.delete": "삭제",
  "post.deleteConfirm": "이 게시물을 삭제할까요?",
  "post.edited": "수정됨",
  "post.replies": "답글 {count}개",
  "post.replies_one": "답글 1개",
  "post.viewThread": "대화 보기",
  "post.published": "게시했습니다.",
  "post.updated": "게시물을 수정했습니다.",
  "post.deleted": "게시물을 삭제했습니다.",
  "post.history": "수정 기록",
  "post.inReplyTo": "대화의 답글",
  "reaction.label": "반응",
  "reaction.like": "좋아요",
  "reaction.celebrate": "축하해요",
  "reaction.insightful": "유익해요",
  "reaction.support": "응원해요",
  "reaction.funny": "재밌어요",
  "reaction.thanks": "고마워요",
  "reaction.who": "반응: {names}",
  "feed.home": "홈",
  "feed.company": "전사 피드",
  "feed.empty": "아직 게시물이 없습니다.",
  "feed.more": "이전 게시물",
  "feed.trending": "인기 해시태그 (7일)",
  "feed.trendingEmpty": "이번 주 해시태그가 없습니다.",
  "hashtag.posts": "게시물 {count}개",
  "hashtag.posts_one": "게시물 1개",
  "hashtag.follow": "팔로우",
  "hashtag.unfollow": "팔로우 취소",
  "profile.followers": "팔로워",
  "profile.following": "팔로잉",
  "profile.follow": "팔로우",
  "profile.unfollow": "팔로우 취소",
  "profile.posts": "게시물",
  "profile.deactivated": "비활성화된 계정입니다.",
  "people.title": "사람",
  "people.allDepartments": "모든 부서",
  "people.filter": "필터",
  "people.count": "{count}명",
  "people.count_one": "1명",
  "settings.title": "설정",
  "settings.profile": "프로필",
  "settings.saved": "설정을 저장했습니다.",
  "settings.photoUpdated": "프로필 사진을 바꿨습니다.",
  "settings.photo": "프로필 사진",
  "settings.photoHint": "JPEG, PNG 또는 WebP, 최대 5MB.",
  "settings.upload": "사진 올리기",
  "settings.tokens": "API 토큰",
  "settings.tokenCreate": "토큰 만들기",
  "settings.tokenShown": "지금 이 토큰을 복사하세요. 다시 표시되지 않습니다:",
  "settings.tokenRevoke": "폐기",
  "settings.tokenRevoked": "토큰을 폐기했습니다.",
  "settings.tokensEmpty": "아직 토큰이 없습니다.",
  "settings.sessions": "세션",
  "settings.signOutEverywhere": "모든 기기에서 로그아웃",
  "settings.auto": "브라우저 기본값",
  "admin.title": "관리",
  "admin.invite": "사람 초대하기",
  "admin.inviteSubmit": "초대 만들기",
  "admin.inviteLink": "이 초대 링크를 보내세요:",
  "search.placeholder": "게시물, 사람, #해시태그 검색",
  "search.title": "검색",
  "search.posts": "게시물",
  "search.people": "사람",
  "search.hashtags": "해시태그",
  "search.count": "“{q}” 검색 결과 {count}건",
  "search.count_one": "“{q}” 검색 결과 1건",
  "search.none": "“{q}”에 대한 결과가 없습니다. 다른 단어로 검색해 보세요.",
  "search.prompt": "찾을 내용을 입력하세요: 한국어나 영어 단어, 이름, #해시태그.",
  "search.sort": "정렬",
  "search.sortRelevance": "관련도순",
  "search.sortNewest": "최신순",
  "search.author": "작성자 (핸들)",
  "search.hashtag": "해시태그",
  "search.from": "시작일",
  "search.to": "종료일",
  "search.kind": "종류",
  "search.kindAll": "모든 종류",
  "search.apply": "적용",
  "search.more": "결과 더 보기",
  "kind.update": "소식",
  "kind.question": "질문",
  "kind.announcement": "공지",
  "error.queryEmpty": "검색할 내용을 입력하세요.",
  "error.queryTooLong": "검색어는 최대 {max}자까지 입력할 수 있습니다.",
  "error.badCursor": "결과 페이지가 만료되었습니다. 다시 검색하세요.",
  "error.badFilter": "필터 값이 올바르지 않습니다.",
  "error.searchUnavailable": "검색을 잠시 사용할 수 없습니다. 잠시 후 다시 시도하세요.",
  "locale.ko": "한국어",
  "locale.en": "English",
};

const ko: Record<MessageKey, string> = {
  ...coreKo,
  ...groupsKo,
  ...guestsKo,
  ...searchKo,
  ...emailKo,
  ...accountsKo,
  ...hostileInputKo,
  ...tokensKo,
  ...signinKo,
  ...questionsKo,
  ...questionPagesKo,
  ...questionSearchKo,
  ...questionListsKo,
  ...knowledgeStatsKo,
  ...answerRequestsKo,
  ...realtimeKo,
  ...notificationsKo,
  ...eventsKo,
  ...eventPresentKo,
  ...polishKo,
  ...workingHoursKo,
  ...synonymsKo,
  ...announcementsKo,
  ...eventPageKo,
  ...eventArchiveKo,
  ...emailDeliveryKo,
};

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ko };

export function isLocale(value: unknown): value is Locale {
  return value === "ko" || value === "en";
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && value in en;
}

const plurals = { en: new Intl.PluralRules("en"), ko: new Intl.PluralRules("ko") };

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  // "{count} replies" has a "_one" form where the language has one ("1 reply").
  const one = `${key}_one` as MessageKey;
  if (typeof vars?.count === "number" && one in en && plurals[locale].select(vars.count) === "one") key = one;
  let text = catalogs[locale][key] ?? en[key];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

/** Picks ko or en from an Accept-Language header, honouring q-values; English when nothing matches. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 hours ago" / "3시간 전"; under a minute is "now" / "지금". */
export function formatRelative(locale: Locale, date: Date | number, now = Date.now()): string {
  const seconds = Math.round((new Date(date).getTime() - now) / 1000);
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return fmt.format(Math.trunc(seconds / size), unit);
  }
  return fmt.format(0, "second");
}

// Building a DateTimeFormat costs far more than using one, and a feed formats a date per card.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** The wall clock of an instant in a zone, as numbers (Korean dates are built from these). */
function wallParts(date: Date | number, timeZone: string | undefined) {
  const f = dateFormat(`parts|${timeZone ?? ""}`, "en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
  const parts = f.formatToParts(new Date(date));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** "오후 3:05" / "15:05". */
export function formatTime(locale: Locale, date: Date | number, timeZone?: string): string {
  const { hour, minute } = wallParts(date, timeZone);
  const mm = String(minute).padStart(2, "0");
  if (locale === "ko") return `${hour < 12 ? "오전" : "오후"} ${hour % 12 === 0 ? 12 : hour % 12}:${mm}`;
  return `${String(hour).padStart(2, "0")}:${mm}`;
}

/**
 * "2026년 11월 30일 오후 3:05" / "30 Nov 2026, 15:05", in the viewer's time zone (issue #12 item 19; the callers pass
 * the person's zone, the page's server and browser then agree). The Korean form is built from the parts: ICU's
 * Korean data differ between runtimes, and some put "PM" inside a Korean date.
 */
export function formatDateTime(locale: Locale, date: Date | number, timeZone?: string): string {
  if (locale === "ko") {
    const { year, month, day } = wallParts(date, timeZone);
    return `${year}년 ${month}월 ${day}일 ${formatTime(locale, date, timeZone)}`;
  }
  return dateFormat(`en|${timeZone ?? ""}`, "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(date),
  );
}
