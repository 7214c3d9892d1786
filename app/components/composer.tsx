import type { PostKind } from "#db/enums";
import { Form, useActionData, useFetcher, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { SimilarQuestions } from "#app/components/similar-questions";
import { useJson } from "#app/utils/use-json";
import type { GroupVisibility } from "#app/access/rules";
import type { FieldErrors } from "#app/utils/errors";
import { MAX_ANSWER_REQUESTS, MAX_POST_LENGTH, MAX_TITLE_LENGTH } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";

// offWork: "퇴근 · 09:00에 알림" while they are off work (issue #11 §2), so a sender knows before they mention.
type Suggestion = { handle: string; name: string; department: string; offWork?: string | null };

/** A group a post can go to (the picker's options, or the group page's fixed audience). */
export type Audience = { slug: string; name: string; visibility: GroupVisibility };

type Preview = { html: string; notReached?: { handle: string; name: string }[]; offWork?: string | null };

/**
 * The @word being typed just before the caret, if any: a handle's start or a name's, in any script (issue #12
 * item 1: "@이지" finds 이지은 by name; the handle is what is inserted). It also reads the syllable an IME is
 * still composing, which is in the value already.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|[^\p{L}\p{N}._-])@([\p{L}\p{N}][\p{L}\p{M}\p{N}._-]{0,39})?$/u.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - (m[2]?.length ?? 0) - 1, query: m[2] ?? "" };
}

/**
 * A text for each kind of new post; CSS shows the one of the kind chosen, so it follows the radio choice without
 * JavaScript too (a hidden span is no part of the label's accessible name).
 */
function KindText({ update, question }: { update: string; question: string }) {
  return (
    <>
      <span className="for-update">{update}</span>
      <span className="for-question">{question}</span>
    </>
  );
}

/** A question's title shows its counter this close to the limit. */
const TITLE_COUNTER_FROM = 30;
/** A post's body shows its counter this close to the limit (issue #12 item 5). */
const BODY_COUNTER_FROM = 500;

/** Markdown composer for new posts, replies and edits: works as a plain form, with preview and
 * @mention autocomplete when JavaScript runs. A new post goes to `group` (a group page), or to what the picker
 * says: company-wide (when `companyWide`) or one of `groups`. A new post is an update or a question (issue #9):
 * a radio choice, so it works without JavaScript; a question's title field is hidden by CSS while "update" is
 * chosen (the server reads the title only for a question). Editing a question (`defaultTitle`) edits its title
 * beside its body. */
export function Composer({
  intent,
  replyToId,
  postId,
  defaultValue = "",
  defaultTitle,
  onCancel,
  onDone,
  focusOnOpen = false,
  action,
  redirectTo,
  label,
  placeholder,
  submitLabel,
  group,
  groups,
  companyWide = true,
  announce,
}: {
  intent: "publish" | "edit";
  replyToId?: number;
  postId?: number;
  defaultValue?: string;
  /** Editing a question: its title as it is. */
  defaultTitle?: string | null;
  onCancel?: () => void;
  /** Called once this form's own submission has succeeded (an edit saved, an inline reply posted). */
  onDone?: () => void;
  /** Focus the box when it appears (editing in place: focus moves into the editor, issue #12 item 3). */
  focusOnOpen?: boolean;
  /** Another page's action (an inline reply posts to its thread's page)… */
  action?: string;
  /** …and where that page sends the browser back to after it. */
  redirectTo?: string;
  label?: string;
  placeholder?: string;
  submitLabel?: string;
  group?: Audience;
  groups?: Audience[];
  companyWide?: boolean;
  /**
   * Where the viewer may post an announcement (issue #11 §3; slugs, "" for company-wide) and whether they may mark
   * one urgent — decided by app/access; 공지 is offered only there.
   */
  announce?: { audiences: string[]; urgent: boolean };
}) {
  const t = useT();
  const fieldError = useFieldError();
  const id = useId();
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const navigation = useNavigation();
  const preview = useFetcher<Preview>();
  const [showPreview, setShowPreview] = useState(false);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const location = useLocation();
  const [bodyLength, setBodyLength] = useState(defaultValue.length);
  const [pastedOver, setPastedOver] = useState<number | null>(null);
  const bodyLeft = MAX_POST_LENGTH - bodyLength;
  const mine =
    actionData?.values?.intent === intent &&
    (actionData.values.replyToId ?? "") === String(replyToId ?? "") &&
    (actionData.values.postId ?? "") === String(postId ?? "");
  const serverError = mine
    ? (fieldError(actionData?.errors, "body") ?? fieldError(actionData?.errors, "form"))
    : undefined;
  // Too long is said at once, and a paste past the limit says what happened instead of being cut (issue #12
  // item 5); the server refuses it too.
  const error =
    serverError ??
    (pastedOver != null && bodyLeft < 0
      ? t("composer.pastedTooLong", { length: pastedOver, max: MAX_POST_LENGTH })
      : bodyLeft < 0
        ? t("error.postTooLong", { max: MAX_POST_LENGTH })
        : undefined);
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const choosing = intent === "publish" && !replyToId && !group && groups != null;
  // A picker only when there is a choice: someone in no group posts company-wide without one.
  const picker = choosing && groups.length + (companyWide ? 1 : 0) > 1;
  const pickerDefault = companyWide ? "" : (groups?.[0]?.slug ?? "");
  const [picked, setPicked] = useState(mine ? (actionData?.values?.group ?? pickerDefault) : pickerDefault);
  const audience: Audience | null = group ?? (choosing ? (groups?.find((g) => g.slug === picked) ?? null) : null);
  const groupError = mine ? fieldError(actionData?.errors, "group") : undefined;
  // Update or question: only for a new post, not for a reply or an edit.
  const asking = intent === "publish" && !replyToId;
  const [kind, setKind] = useState<PostKind>(
    mine && (actionData?.values?.kind === "question" || actionData?.values?.kind === "announcement")
      ? actionData.values.kind
      : "update",
  );
  // 공지 only where app/access allows it (the server refuses it elsewhere with a 403 that says why).
  const audienceSlug = group?.slug ?? (choosing ? picked : "");
  const announcing = asking && !!announce?.audiences.includes(audienceSlug);
  const [urgent, setUrgent] = useState(mine && actionData?.values?.urgent === "on");
  const urgentError = mine ? fieldError(actionData?.errors, "urgent_reason") : undefined;
  // A question's title: asked with a new question, or edited with it.
  const titled = asking || (intent === "edit" && defaultTitle != null);
  const [title, setTitle] = useState(mine ? (actionData?.values?.title ?? "") : (defaultTitle ?? ""));
  const titleLength = title.length;
  const titleRef = useRef<HTMLInputElement>(null);
  const titleError = mine ? fieldError(actionData?.errors, "title") : undefined;
  const titleLeft = MAX_TITLE_LENGTH - titleLength;
  const askRef = useRef<HTMLInputElement>(null);
  const askFieldError = mine ? fieldError(actionData?.errors, "ask") : undefined;

  function runPreview(slug = audience?.slug ?? "") {
    setShowPreview(true);
    const form: Record<string, string> = { body: ref.current?.value ?? "" };
    if (replyToId) form.replyToId = String(replyToId);
    else if (slug) form.group = slug;
    preview.submit(form, { method: "post", action: "/posts/preview" });
  }

  const notReachedKey = replyToId
    ? "composer.notReached"
    : audience == null
      ? "composer.notReachedCompany"
      : audience.visibility === "public"
        ? "composer.notReached"
        : "composer.notReachedPrivate";

  // Clear the box after a successful post (the page redirects back to itself), and its preview with it: left
  // under the emptied box it looked like an unsent draft (issue #12 item 2).
  // Only after a navigation ends: on mount (hydration) the fields hold what was typed before JavaScript ran, which
  // clearing would throw away.
  const navigated = useRef(false);
  useEffect(() => {
    if (navigation.state !== "idle") {
      navigated.current = true;
      return;
    }
    if (!navigated.current) return;
    navigated.current = false;
    if (!error && intent === "publish" && ref.current && !mine) {
      ref.current.value = "";
      if (titleRef.current) titleRef.current.value = "";
      if (askRef.current) askRef.current.value = "";
      setTitle("");
      setBodyLength(0);
      setPastedOver(null);
      setShowPreview(false);
    }
  }, [navigation.state, error, intent, mine]);

  // This form's own submission, followed to its end: a success (a redirect, so no echo of this form's values)
  // tells the card to close its editor or inline reply (issue #12 items 3 and 7).
  const sent = useRef(false);
  const ownSubmission =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    (navigation.formData?.get("postId") ?? "") === String(postId ?? "") &&
    (navigation.formData?.get("replyToId") ?? "") === String(replyToId ?? "");
  useEffect(() => {
    if (ownSubmission) sent.current = true;
    else if (navigation.state === "idle" && sent.current) {
      sent.current = false;
      if (!mine) onDone?.();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ownSubmission, navigation.state, mine]);

  useEffect(() => {
    if (focusOnOpen) ref.current?.focus();
  }, [focusOnOpen]);

  // What was chosen and typed before hydration is the form's, not the first render's: the kind radios are
  // uncontrolled (a controlled one would be reset to "update" by hydration), and the state that shows the title's
  // counter and similar questions follows the fields as they are.
  useEffect(() => {
    const chosen = formRef.current?.querySelector<HTMLInputElement>('input[name="kind"]:checked');
    if (chosen && (chosen.value === "update" || chosen.value === "question" || chosen.value === "announcement")) {
      setKind(chosen.value);
    }
    if (titleRef.current?.value) setTitle(titleRef.current.value);
  }, []);

  const suggested = useJson<{ people: Suggestion[] }>(
    mention && mention.query.length >= 1 ? `/people/suggest?q=${encodeURIComponent(mention.query)}` : null,
  );
  const people = mention ? (suggested?.people ?? []) : [];

  function pick(s: Suggestion) {
    const el = ref.current;
    if (!el || !mention) return;
    const before = el.value.slice(0, mention.start);
    const after = el.value.slice(el.selectionStart);
    el.value = `${before}@${s.handle} ${after}`;
    const caret = before.length + s.handle.length + 2;
    el.setSelectionRange(caret, caret);
    el.focus();
    setMention(null);
  }

  return (
    <Form method="post" action={action} className="composer stack" ref={formRef} noValidate>
      <input type="hidden" name="intent" value={intent} />
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      {replyToId ? <input type="hidden" name="replyToId" value={replyToId} /> : null}
      {postId ? <input type="hidden" name="postId" value={postId} /> : null}
      {group && intent === "publish" && !replyToId ? <input type="hidden" name="group" value={group.slug} /> : null}
      {choosing && !picker && pickerDefault ? <input type="hidden" name="group" value={pickerDefault} /> : null}
      {picker ? (
        <div className="field audience">
          <label htmlFor={`${id}-group`}>{t("composer.audience")}</label>
          <select
            id={`${id}-group`}
            name="group"
            value={picked}
            aria-invalid={groupError ? true : undefined}
            aria-describedby={groupError ? `${id}-group-error` : undefined}
            onChange={(e) => {
              setPicked(e.currentTarget.value);
              if (showPreview) runPreview(e.currentTarget.value);
            }}
          >
            {companyWide ? <option value="">{t("composer.companyWide")}</option> : null}
            {groups?.map((g) => (
              <option key={g.slug} value={g.slug}>
                {g.visibility === "public" ? g.name : `🔒 ${g.name}`}
              </option>
            ))}
          </select>
          {groupError ? (
            <p className="error" id={`${id}-group-error`} role="alert">
              {groupError}
            </p>
          ) : null}
        </div>
      ) : null}
      {asking ? (
        <fieldset className="field post-kind">
          <legend>{t("question.kindLabel")}</legend>
          {(announcing ? (["update", "question", "announcement"] as const) : (["update", "question"] as const)).map(
            (k) => (
              <label key={k} className="choice">
                <input type="radio" name="kind" value={k} defaultChecked={kind === k} onChange={() => setKind(k)} />{" "}
                {t(`kind.${k}`)}
              </label>
            ),
          )}
        </fieldset>
      ) : null}
      {announcing && kind === "announcement" ? (
        <fieldset className="field announcement-options">
          <label className="choice">
            <input
              type="checkbox"
              name="requiresAck"
              defaultChecked={mine ? actionData?.values?.requiresAck === "on" : true}
            />{" "}
            {t("announcement.requiresAck")}
          </label>
          <p className="muted">{t("announcement.requiresAckHint")}</p>
          {announce?.urgent && audienceSlug === "" ? (
            <>
              <label className="choice">
                <input
                  type="checkbox"
                  name="urgent"
                  defaultChecked={mine && actionData?.values?.urgent === "on"}
                  onChange={(e) => setUrgent(e.currentTarget.checked)}
                />{" "}
                {t("announcement.urgent")}
              </label>
              {urgent ? (
                <div className="field">
                  <label htmlFor={`${id}-urgent-reason`}>{t("announcement.urgentReason")}</label>
                  <input
                    id={`${id}-urgent-reason`}
                    name="urgentReason"
                    type="text"
                    maxLength={500}
                    required
                    defaultValue={mine ? actionData?.values?.urgentReason : ""}
                    aria-describedby={`${id}-urgent-hint`}
                  />
                  <p className="muted" id={`${id}-urgent-hint`}>
                    {urgentError ?? t("announcement.urgentReasonHint")}
                  </p>
                </div>
              ) : null}
            </>
          ) : null}
        </fieldset>
      ) : null}
      {titled ? (
        <div className="field question-title">
          <label htmlFor={`${id}-title`}>{t("question.titleLabel")}</label>
          <input
            id={`${id}-title`}
            ref={titleRef}
            name="title"
            type="text"
            defaultValue={mine ? actionData?.values?.title : (defaultTitle ?? "")}
            placeholder={t("question.titlePlaceholder")}
            maxLength={MAX_TITLE_LENGTH}
            aria-invalid={titleError ? true : undefined}
            aria-describedby={
              [titleError ? `${id}-title-error` : "", titleLeft <= TITLE_COUNTER_FROM ? `${id}-title-left` : ""]
                .join(" ")
                .trim() || undefined
            }
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          {titleLeft <= TITLE_COUNTER_FROM ? (
            <p className="muted counter" id={`${id}-title-left`} aria-live="polite">
              {t("question.titleLeft", { count: titleLeft })}
            </p>
          ) : null}
          {titleError ? (
            <p className="error" id={`${id}-title-error`} role="alert">
              {titleError}
            </p>
          ) : null}
          {asking && kind === "question" ? <SimilarQuestions title={title} id={id} /> : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={id}>
          {label ??
            (replyToId ? (
              t("post.reply")
            ) : asking ? (
              <KindText update={t("post.composer")} question={t("question.bodyLabel")} />
            ) : (
              t("post.composer")
            ))}
        </label>
        <textarea
          id={id}
          ref={ref}
          name="body"
          defaultValue={mine ? actionData?.values?.body : defaultValue}
          placeholder={
            placeholder ??
            (replyToId
              ? t("post.replyPlaceholder")
              : kind === "question"
                ? t("question.bodyPlaceholder")
                : t("post.placeholder"))
          }
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [error ? `${id}-error` : "", bodyLeft <= BODY_COUNTER_FROM ? `${id}-left` : ""].join(" ").trim() ||
            undefined
          }
          aria-autocomplete="list"
          aria-controls={people.length ? `${id}-suggestions` : undefined}
          aria-activedescendant={people.length ? `${id}-option-${active}` : undefined}
          onInput={(e) => {
            const el = e.currentTarget;
            setMention(mentionQuery(el.value, el.selectionStart));
            setActive(0);
            setBodyLength(el.value.length);
            if (el.value.length <= MAX_POST_LENGTH) setPastedOver(null);
          }}
          onPaste={(e) => {
            const el = e.currentTarget;
            const pasted = e.clipboardData.getData("text").length;
            const length = el.value.length - (el.selectionEnd - el.selectionStart) + pasted;
            if (length > MAX_POST_LENGTH) setPastedOver(length);
          }}
          onCompositionEnd={(e) => {
            // The syllable just composed: suggestions follow it even if no input event comes after.
            const el = e.currentTarget;
            setMention(mentionQuery(el.value, el.selectionStart));
          }}
          onKeyDown={(e) => {
            // Enter and arrows belong to the Korean (or any) IME while a syllable is being composed.
            if (e.nativeEvent.isComposing) return;
            if (e.key === "Escape" && people.length === 0 && onCancel) {
              // Escape cancels an edit in place (issue #12 item 3).
              e.preventDefault();
              onCancel();
              return;
            }
            if (people.length > 0) {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setActive((a) => (a + 1) % people.length);
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setActive((a) => (a - 1 + people.length) % people.length);
              } else if (e.key === "Enter" || e.key === "Tab") {
                e.preventDefault();
                pick(people[active]);
              } else if (e.key === "Escape") {
                setMention(null);
              }
            } else if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
              formRef.current?.requestSubmit();
            }
          }}
        />
        {people.length > 0 ? (
          <ul className="suggestions" role="listbox" id={`${id}-suggestions`}>
            {people.map((p, i) => (
              <li
                key={p.handle}
                id={`${id}-option-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(p);
                }}
              >
                <strong>{p.name}</strong>{" "}
                <span className="muted">
                  @{p.handle} · {p.department}
                  {p.offWork ? ` · ${p.offWork}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {bodyLeft <= BODY_COUNTER_FROM ? (
          <p className={bodyLeft < 0 ? "error counter" : "muted counter"} id={`${id}-left`} aria-live="polite">
            {t("composer.left", { count: bodyLeft })}
          </p>
        ) : null}
        {error ? (
          <p className="error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {asking ? (
        // "Ask someone" (issue #9 item 4): a question's, hidden by CSS while "update" is chosen.
        <div className="field question-ask">
          <label htmlFor={`${id}-ask`}>{t("askSomeone.label")}</label>
          <input
            id={`${id}-ask`}
            ref={askRef}
            name="ask"
            type="text"
            autoComplete="off"
            spellCheck={false}
            defaultValue={mine ? actionData?.values?.ask : ""}
            placeholder="@jiyoon @minsu"
            maxLength={300}
            aria-invalid={askFieldError ? true : undefined}
            aria-describedby={`${id}-ask-hint${askFieldError ? ` ${id}-ask-error` : ""}`}
          />
          <p className="muted hint" id={`${id}-ask-hint`}>
            {t("askSomeone.hint", { max: MAX_ANSWER_REQUESTS })}
          </p>
          {askFieldError ? (
            <p className="error" id={`${id}-ask-error`} role="alert">
              {askFieldError}
            </p>
          ) : null}
        </div>
      ) : null}
      {showPreview && preview.data ? (
        <div className="preview post-body" aria-live="polite" dangerouslySetInnerHTML={{ __html: preview.data.html }} />
      ) : null}
      {showPreview && preview.data?.notReached?.length ? (
        <ul className="not-reached" role="status">
          {preview.data.notReached.map((p) => (
            <li key={p.handle}>⚠ {t(notReachedKey, { name: p.name })}</li>
          ))}
        </ul>
      ) : null}
      {showPreview && preview.data?.offWork ? (
        <p className="muted off-work" role="status">
          {preview.data.offWork}
        </p>
      ) : null}
      <div className="post-actions">
        <button type="submit" className="primary" disabled={submitting}>
          {submitLabel ??
            (intent === "edit" ? (
              t("post.save")
            ) : replyToId ? (
              t("post.reply")
            ) : (
              <KindText update={t("post.submit")} question={t("question.ask")} />
            ))}
        </button>
        {/* Without JavaScript, Preview is a server round-trip to the preview page, which returns here to post
            (issue #12 item 6); with it, the preview shows under the box. */}
        <button
          type="submit"
          className="secondary"
          formAction="/posts/preview"
          formNoValidate
          name="returnTo"
          value={location.pathname + location.search}
          onClick={(e) => {
            e.preventDefault();
            runPreview();
          }}
        >
          {t("post.preview")}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t("post.cancel")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
