// The world of the access contract test (issue #6 §5), built only through the real use cases: a private group
// and a secret group with content a non-member, a guest of another group and a removed ex-member must never
// see, and controls (company-wide posts, a public group, the guest's own group) that they must see, so "nothing
// visible" can be told apart from "everything broken". Every body carries a unique marker word.
import sharp from "sharp";
import { buildViewer } from "#app/access/viewer.server";
import { addMembers, createGroup, removeMember } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { createGuestInvitation, signUp } from "#app/models/people/invitation.server";
import { setUserPhoto } from "#app/models/people/photo.server";
import { followUser } from "#app/models/people/user.server";
import { editPost, publishPost, setReaction } from "#app/models/posts/post.server";
import { acceptAnswer, setVote } from "#app/models/questions/question.server";
import { createEvent } from "#app/models/events/event.server";
import { setSetting } from "#app/models/admin/settings.server";
import { askEventQuestion } from "#app/models/events/event-questions.server";
import { postEventComment } from "#app/models/events/event-comments.server";
import { createEventPoll, setEventPollStatus, voteEventPoll } from "#app/models/events/event-polls.server";
import { setEventSegment } from "#app/models/events/event-segments.server";
import { createTestUser, sessionCookie, viewerOf } from "#tests/factories";
import { drainSearch } from "./search";
import { drainNotifications } from "./notifications";

/** Words that appear only in private or secret content. */
export const MARKERS = {
  privateRoot: "pmroot4k1q",
  privateRootEdited: "pmrootedit4k2q",
  privateRevision: "pmrevision4k3q",
  privateReply: "pmreply4k4q",
  exMemberReply: "pmexreply4k5q",
  secretRoot: "smroot4k6q",
  secretReply: "smreply4k7q",
  privateQuestionTitle: "pmqtitle4k8q",
  privateQuestion: "pmquestion4k9q",
  privateAnswer: "pmanswer4kaq",
  secretQuestionTitle: "smqtitle4kbq",
  secretAnswer: "smanswer4kcq",
  // A live event in the private group (issue #10): its title, description and questions.
  privateEventTitle: "pmevent4kdq",
  privateEventDescription: "pmeventdesc4keq",
  privateEventQuestion: "pmeventq4kfq",
  exMemberEventQuestion: "pmeventexq4kgq",
  // Its live comments, segment and poll (issue #10 §4, §6).
  privateEventComment: "pmeventc4khq",
  exMemberEventComment: "pmeventexc4kiq",
  privateEventSegment: "pmeventseg4kjq",
  privateEventPoll: "pmeventpoll4kkq",
} as const;

/** Hashtags used only in the private / secret group, and one used in the company and the private group. */
export const PRIVATE_TAG = "nightjarplan";
export const SECRET_TAG = "ravenwoodtag";
export const SHARED_TAG = "launchday";
/** A word in the company control post, the public group post, the guest's group post and the private posts. */
export const SHARED_WORD = "quarterlysync";

export const PRIVATE_GROUP = { slug: "nightjar", name: "Nightjar Project" };
export const SECRET_GROUP = { slug: "ravenwood", name: "Ravenwood Cabal" };
export const PUBLIC_GROUP = { slug: "commons", name: "Open Commons" };
export const PARTNER_GROUP = { slug: "partnerdesk", name: "Partner Desk" };

/** Control markers: visible to some personas (see CONTROL_SEEN_BY). */
export const CONTROLS = {
  company: "cmcontrol5z1",
  public: "pubcontrol5z2",
  partner: "partnercontrol5z3",
} as const;

export type PersonaName = "nonMember" | "guest" | "exMember" | "anonymous";
export const PERSONAS: PersonaName[] = ["nonMember", "guest", "exMember", "anonymous"];

export type Person = { id: number; handle: string; name: string; cookie: string | null; token: string | null };

export async function buildScenario() {
  // No passwords: these accounts sign in through sessions and tokens made here, and hashing is slow.
  const employee = async (handle: string, name: string) => {
    const u = await createTestUser({ handle, name, password: undefined, email: `${handle}@sori.test` });
    return u;
  };
  const groupAdmin = await employee("aldebaran", "Aldebaran Kim");
  const member = await employee("betelgeuse", "Betelgeuse Lee");
  const nonMember = await employee("capella", "Capella Park");
  const exMember = await employee("deneb", "Deneb Choi");
  const partnerAdmin = await employee("electra", "Electra Jung");

  // Groups, each created by its first admin.
  createGroup({ viewer: viewerOf(groupAdmin), input: { ...PRIVATE_GROUP, visibility: "private", description: "" } });
  createGroup({ viewer: viewerOf(groupAdmin), input: { ...SECRET_GROUP, visibility: "secret", description: "" } });
  createGroup({ viewer: viewerOf(groupAdmin), input: { ...PUBLIC_GROUP, visibility: "public", description: "" } });
  createGroup({ viewer: viewerOf(partnerAdmin), input: { ...PARTNER_GROUP, visibility: "private", description: "" } });
  addMembers({
    viewer: viewerOf(groupAdmin),
    slug: PRIVATE_GROUP.slug,
    input: { handles: [member.handle, exMember.handle] },
  });
  addMembers({ viewer: viewerOf(groupAdmin), slug: SECRET_GROUP.slug, input: { handles: [member.handle] } });

  // The guest: invited by the partner group's admin, signs up, and is in that group only.
  const { token: invite } = createGuestInvitation({
    viewer: viewerOf(partnerAdmin),
    input: { email: "fomalhaut@partner.example", organization: "Partner Co", groups: [PARTNER_GROUP.slug] },
  });
  const guest = await signUp({
    invitationToken: invite,
    email: "fomalhaut@partner.example",
    handle: "fomalhaut",
    name: "Fomalhaut Guest",
  });

  // Controls.
  const companyPost = publishPost({
    viewer: viewerOf(groupAdmin),
    body: `${CONTROLS.company} ${SHARED_WORD} #${SHARED_TAG} company-wide`,
  });
  const publicPost = publishPost({
    viewer: viewerOf(groupAdmin),
    body: `${CONTROLS.public} ${SHARED_WORD} in the public group`,
    group: PUBLIC_GROUP.slug,
  });
  const partnerPost = publishPost({
    viewer: viewerOf(guest),
    body: `${CONTROLS.partner} ${SHARED_WORD} from the partner`,
    group: PARTNER_GROUP.slug,
  });

  // The private group: a root post (mentioning a non-member, with a private and a shared hashtag), edited so it
  // has a history, a member's reply, a reaction, and a reply by the member who is removed afterwards.
  const privateRoot = publishPost({
    viewer: viewerOf(groupAdmin),
    body: `${MARKERS.privateRevision} ${SHARED_WORD} #${PRIVATE_TAG} #${SHARED_TAG} cc @${nonMember.handle}`,
    group: PRIVATE_GROUP.slug,
  });
  editPost({
    viewer: viewerOf(groupAdmin),
    postId: privateRoot.id,
    body: `${MARKERS.privateRoot} ${MARKERS.privateRootEdited} ${SHARED_WORD} #${PRIVATE_TAG} #${SHARED_TAG} cc @${nonMember.handle}`,
  });
  const privateReply = publishPost({
    viewer: viewerOf(member),
    body: `${MARKERS.privateReply} #${PRIVATE_TAG} agreed`,
    replyToId: privateRoot.id,
  });
  setReaction({ viewer: viewerOf(member), postId: privateRoot.id, kind: "like", on: true });
  setReaction({ viewer: viewerOf(member), postId: publicPost.id, kind: "like", on: true });
  const exMemberReply = publishPost({
    viewer: viewerOf(exMember),
    body: `${MARKERS.exMemberReply} #${PRIVATE_TAG} before I left`,
    replyToId: privateRoot.id,
  });
  setReaction({ viewer: viewerOf(exMember), postId: privateRoot.id, kind: "celebrate", on: true });
  // A question in the private group (issue #9), answered by a member; the member and the ex-member (before
  // leaving) voted, and the asker chose the best answer.
  const privateQuestion = publishPost({
    viewer: viewerOf(groupAdmin),
    kind: "question",
    title: `${MARKERS.privateQuestionTitle} who owns the launch checklist?`,
    body: `${MARKERS.privateQuestion} asking the team`,
    group: PRIVATE_GROUP.slug,
  });
  const privateAnswer = publishPost({
    viewer: viewerOf(member),
    body: `${MARKERS.privateAnswer} I do`,
    replyToId: privateQuestion.id,
  });
  for (const voter of [member, exMember]) setVote({ viewer: viewerOf(voter), postId: privateQuestion.id, on: true });
  setVote({ viewer: viewerOf(exMember), postId: privateAnswer.id, on: true });
  acceptAnswer({ viewer: viewerOf(groupAdmin), questionId: privateQuestion.id, answerId: privateAnswer.id });
  // A live event in the private group (issue #10 §2–3), live now: a member's anonymous question and one the
  // ex-member asked before leaving. And a company-wide event with a question (a control: the personas see it).
  const live = { starts_at: Date.now() - 3600_000, ends_at: Date.now() + 3600_000 };
  const privateEvent = createEvent({
    viewer: viewerOf(groupAdmin),
    input: {
      title: `${MARKERS.privateEventTitle} all-hands`,
      description: MARKERS.privateEventDescription,
      kind: "town_hall",
      group: PRIVATE_GROUP.slug,
      settings: { anonymous_questions: true },
      ...live,
    },
  });
  const privateEventQuestion = askEventQuestion({
    viewer: viewerOf(member),
    eventId: privateEvent,
    input: { body: `${MARKERS.privateEventQuestion} budget?`, anonymous: true },
  });
  askEventQuestion({
    viewer: viewerOf(exMember),
    eventId: privateEvent,
    input: { body: `${MARKERS.exMemberEventQuestion} before I left` },
  });
  setEventSegment({
    viewer: viewerOf(groupAdmin),
    eventId: privateEvent,
    input: { index: 1, title: MARKERS.privateEventSegment },
  });
  const privateEventComment = postEventComment({
    viewer: viewerOf(member),
    eventId: privateEvent,
    input: { body: `${MARKERS.privateEventComment} great point` },
  });
  postEventComment({
    viewer: viewerOf(exMember),
    eventId: privateEvent,
    input: { body: `${MARKERS.exMemberEventComment} before I left` },
  });
  const privateEventPoll = createEventPoll({
    viewer: viewerOf(groupAdmin),
    eventId: privateEvent,
    input: { question: `${MARKERS.privateEventPoll} which plan?`, options: [`${MARKERS.privateEventPoll} A`, "B"] },
  });
  setEventPollStatus({ viewer: viewerOf(groupAdmin), eventId: privateEvent, pollId: privateEventPoll, to: "open" });
  voteEventPoll({
    viewer: viewerOf(exMember),
    eventId: privateEvent,
    pollId: privateEventPoll,
    input: { options: [0] },
  });
  // Company-wide events are admins' unless allowed (no extra account: people lists stay as they were).
  setSetting("events.membersMayCreate", "1");
  const companyEvent = createEvent({
    viewer: viewerOf(groupAdmin),
    input: { title: "Company town hall", kind: "town_hall", ...live },
  });
  setSetting("events.membersMayCreate", "0");
  const companyEventQuestion = askEventQuestion({
    viewer: viewerOf(nonMember),
    eventId: companyEvent,
    input: { body: "A company question" },
  });
  removeMember({ viewer: viewerOf(groupAdmin), slug: PRIVATE_GROUP.slug, handle: exMember.handle });

  // The secret group.
  const secretRoot = publishPost({
    viewer: viewerOf(groupAdmin),
    body: `${MARKERS.secretRoot} ${SHARED_WORD} #${SECRET_TAG}`,
    group: SECRET_GROUP.slug,
  });
  const secretReply = publishPost({
    viewer: viewerOf(member),
    body: `${MARKERS.secretReply} #${SECRET_TAG}`,
    replyToId: secretRoot.id,
  });
  setReaction({ viewer: viewerOf(member), postId: secretRoot.id, kind: "like", on: true });
  const secretQuestion = publishPost({
    viewer: viewerOf(groupAdmin),
    kind: "question",
    title: `${MARKERS.secretQuestionTitle} is the cabal real?`,
    body: "asking the cabal",
    group: SECRET_GROUP.slug,
  });
  const secretAnswer = publishPost({
    viewer: viewerOf(member),
    body: `${MARKERS.secretAnswer} yes`,
    replyToId: secretQuestion.id,
  });
  setVote({ viewer: viewerOf(member), postId: secretQuestion.id, on: true });
  acceptAnswer({ viewer: viewerOf(groupAdmin), questionId: secretQuestion.id, answerId: secretAnswer.id });

  // The non-member follows the private author and the ex-member the private hashtag's author: follows must not
  // pull private posts into a home feed.
  followUser({ viewer: viewerOf(nonMember), handle: groupAdmin.handle, follow: true });
  followUser({ viewer: viewerOf(exMember), handle: member.handle, follow: true });

  // Photos: the guest may see the partner admin's, not the private author's.
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3451b2" } })
    .png()
    .toBuffer();
  await setUserPhoto({ userId: groupAdmin.id, bytes: png });
  await setUserPhoto({ userId: partnerAdmin.id, bytes: png });

  await drainSearch();
  // Notifications too (issue #11): the consumer runs over the whole scenario, removals included.
  await drainNotifications();

  const withAccess = async (u: { id: number; handle: string; name: string }): Promise<Person> => ({
    id: u.id,
    handle: u.handle,
    name: u.name,
    cookie: await sessionCookie(u.id),
    token: createApiToken({ userId: u.id, name: "contract" }).token,
  });
  const personas: Record<PersonaName, Person> = {
    nonMember: await withAccess(nonMember),
    guest: await withAccess(guest),
    exMember: await withAccess(exMember),
    anonymous: { id: 0, handle: "", name: "", cookie: null, token: null },
  };
  return {
    people: { groupAdmin, member, nonMember, exMember, partnerAdmin, guest },
    personas,
    controls: {
      member: await withAccess(member),
      groupAdmin: await withAccess(groupAdmin),
    },
    posts: {
      company: companyPost.id,
      public: publicPost.id,
      partner: partnerPost.id,
      privateRoot: privateRoot.id,
      privateReply: privateReply.id,
      exMemberReply: exMemberReply.id,
      secretRoot: secretRoot.id,
      secretReply: secretReply.id,
      privateQuestion: privateQuestion.id,
      privateAnswer: privateAnswer.id,
      secretQuestion: secretQuestion.id,
      secretAnswer: secretAnswer.id,
    },
    events: {
      private: privateEvent,
      privateQuestion: privateEventQuestion,
      privateComment: privateEventComment,
      privatePoll: privateEventPoll,
      company: companyEvent,
      companyQuestion: companyEventQuestion,
    },
    /** Viewers as a request of each persona would build them (for model-level cross-checks). */
    viewerOf: (p: Person) => buildViewer({ id: p.id, role: p === personas.guest ? "guest" : "member" }),
  };
}

export type Scenario = Awaited<ReturnType<typeof buildScenario>>;

/** Posts that must never reach the personas. */
export const hiddenPostIds = (s: Scenario) => [
  s.posts.privateRoot,
  s.posts.privateReply,
  s.posts.exMemberReply,
  s.posts.secretRoot,
  s.posts.secretReply,
  s.posts.privateQuestion,
  s.posts.privateAnswer,
  s.posts.secretQuestion,
  s.posts.secretAnswer,
];

/**
 * Strings that must appear in nothing a persona receives. A guest additionally knows nothing of the company:
 * not the private group's name, not the public group, not the company posts, not employees outside their group.
 */
export function forbiddenFor(s: Scenario, persona: PersonaName): string[] {
  const always = [...Object.values(MARKERS), PRIVATE_TAG, SECRET_TAG, SECRET_GROUP.name, SECRET_GROUP.slug];
  if (persona !== "guest") return always;
  const { groupAdmin, member, nonMember, exMember } = s.people;
  return [
    ...always,
    PRIVATE_GROUP.name,
    PUBLIC_GROUP.name,
    CONTROLS.company,
    CONTROLS.public,
    ...[groupAdmin, member, nonMember, exMember].flatMap((u) => [u.name, u.handle]),
  ];
}
