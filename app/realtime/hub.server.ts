// The realtime hub (issue #10 §1, docs/decisions/0005-realtime.md): one per serving process. It tails the domain-event
// log by id and writes each event's frame — encoded once — to every stream of the event's topic whose viewer may
// see it now. The log is the source of truth: a reconnecting client's Last-Event-ID is a read from it, and the bus
// between processes only says "there are new events" (a nudge), never carries them.
//
//   recordEvent (this process) ─┐
//   bus nudge (other workers, ──┼─> tail(): readEvents(cursor) ─> dispatch(event) ─┬─ membership/user changed: recheck
//     other machines)           │                                                  └─ messagesOf(event): frame once
//   poll every 250 ms ──────────┘                                                        └─> live clients of the topic
//                                                                                            whose scopes meet the audience
//   attach(Last-Event-ID) ─> catch up from the log in pages up to the cursor ─> live
//
// One timer for every client: polling, the 1 s credential sweep and the 15 s heartbeat. A client whose unsent
// bytes pass maxBufferedBytes is dropped; it resumes from its last id when it reconnects.
//
// An event's attendee count is everyone watching it in every process: each hub announces its own counts over the
// bus when they change (coalesced) and again every 5 s, and forgets a process not heard from for three rounds
// (it crashed or was cut off), so the count heals by itself.
import { randomUUID } from "node:crypto";
import { hasScope } from "#app/access/token-scopes";
import { viewerScopes, type Role } from "#app/access/rules";
import { buildViewer } from "#app/access/viewer.server";
import { lastEventId, readEvents, type StoredEvent } from "#app/events/domain-events.server";
import { rawStatement } from "#app/infra/db.server";
import type { TokenScope } from "#db/enums";
import { Coalescer } from "./coalescer";
import { eventIdOfTopic, eventScopesOf, eventStaffIds, maySeeEventTopic } from "./event-topics.server";
import { encodeIdOnly, encodeUnnumbered, HEARTBEAT, LIVE, OPENING } from "./frames";
import { messagesOf, type StreamMessage } from "./messages.server";

/** How a stream was opened: it lives only as long as this does (checked every second and on user.changed). */
export type StreamCredential = { kind: "token"; hash: string; scopes: TokenScope[] } | { kind: "session"; id: string };

/** Where a client's bytes go: the node response (server.ts) or a Web stream (the API router in-process). */
export type StreamSink = {
  write(chunk: Buffer): void;
  /** Bytes written that the client has not taken yet. */
  buffered(): number;
  onDrain(fn: () => void): void;
  /** Ends the stream cleanly (access lost: the browser's reconnect then gets 401 and stops). */
  end(): void;
  /** Cuts the connection (a client too slow to keep up). */
  destroy(): void;
  onClose(fn: () => void): void;
};

export type HubOptions = {
  /** A client whose unsent bytes pass this is dropped (default 1 MiB, about 5,000 feed events). */
  maxBufferedBytes?: number;
  tickMs?: number;
  heartbeatMs?: number;
  sweepMs?: number;
  /** Events read per page while a reconnecting client catches up. */
  replayPageSize?: number;
  /** Tells the other processes this one's stream counts per event topic (realtime.server.ts: over the bus). */
  announce?: (counts: Record<string, number>) => void;
};

type Client = {
  userId: number;
  credential: StreamCredential;
  topics: ReadonlySet<string>;
  scopes: Set<string>;
  /** The last log id written to this client (as an event or an id-only frame). */
  sentId: number;
  /** While catching up: how far in the log it has been served; live clients are at the hub's cursor. */
  position: number;
  live: boolean;
  /** Whether the client has been given any id yet. */
  idSent: boolean;
  /**
   * While catching up: the newest frame of each fast counter met in the replay (by coalescing key), sent just
   * before the client goes live — a reconnect after a vote burst gets each question's count once, not every vote.
   */
  heldCounters: Map<string, StreamMessage>;
  closed: boolean;
  sink: StreamSink;
};

const DEFAULTS = {
  maxBufferedBytes: 1024 * 1024,
  tickMs: 250,
  heartbeatMs: 15_000,
  sweepMs: 1_000,
  replayPageSize: 500,
  announce: () => {},
} satisfies Required<HubOptions>;

/** How often a hub re-announces all its counts; another process is forgotten after three rounds unheard. */
const PRESENCE_MS = 5_000;

/** Encodings kept for replay, so a reconnect storm over the same events encodes each once. */
const ENCODED_CACHE = 4096;
const TAIL_PAGE = 500;

/** The role a stream acts with: an admin's token without the admin scope acts as a member (as in the API). */
function actingRole(role: Role, credential: StreamCredential): Role {
  return role === "admin" && credential.kind === "token" && !hasScope(credential.scopes, "admin") ? "member" : role;
}

function scopesFor(userId: number, role: Role): Set<string> {
  const scopes = new Set(viewerScopes(buildViewer({ id: userId, role })));
  // One person's own messages (notifications, issue #11) carry the log's "user:<id>" audience.
  scopes.add(`user:${userId}`);
  // Their roles in live events: moderators' and hosts' messages (event-topics.server.ts).
  for (const scope of eventScopesOf(userId)) scopes.add(scope);
  return scopes;
}

export class RealtimeHub {
  /** The newest log id this hub has dispatched. */
  private cursor: number;
  private readonly options: Required<HubOptions>;
  private readonly clients = new Set<Client>();
  private readonly byUser = new Map<number, Set<Client>>();
  private readonly byTopic = new Map<string, Set<Client>>();
  private readonly encoded = new Map<number, StreamMessage[]>();
  private readonly timer: NodeJS.Timeout;
  private ticks = 0;
  /** Fast counters (votes): at most one frame per item per window, the newest (issue #10 §1). */
  private readonly counters = new Coalescer<StreamMessage>({ flush: (_key, message) => this.queueCounter(message) });
  /** Counter frames flushed in this turn of the event loop, written together (flushCounters). */
  private outbox: StreamMessage[] = [];
  /** Attendee counts per event topic, coalesced the same way. */
  private readonly attendance = new Coalescer<number>({ flush: (topic, count) => this.sendAttendees(topic, count) });
  /** This process, as other processes know it. */
  readonly processId = randomUUID();
  /** This process's own counts going out to the others, coalesced the same way. */
  private readonly presenceOut = new Coalescer<number>({
    flush: (topic, count) => this.options.announce({ [topic]: count }),
  });
  /** The other processes' counts, and when each was last heard from. */
  private readonly remote = new Map<string, { heard: number; counts: Map<string, number> }>();
  private tailing = false;
  private again = false;
  private stopped = false;

  constructor(options: HubOptions = {}) {
    this.options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    // A new hub streams what happens from now on; older events are read only for a client's Last-Event-ID.
    this.cursor = lastEventId();
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  /** Newest log id dispatched. */
  get lastId() {
    return this.cursor;
  }

  get clientCount() {
    return this.clients.size;
  }

  /** Streams open on a topic in this process. */
  topicCount(topic: string): number {
    return this.byTopic.get(topic)?.size ?? 0;
  }

  /** An event's attendees: the streams open on its topic here and, as last announced, in every other process. */
  attendeeCount(topic: string): number {
    let count = this.topicCount(topic);
    for (const { counts } of this.remote.values()) count += counts.get(topic) ?? 0;
    return count;
  }

  /** Another process's counts (the bus): changed topics, or all of them; its own echo is ignored. */
  presence({ from, counts }: { from: string; counts: Record<string, number> }) {
    if (from === this.processId || this.stopped) return;
    let entry = this.remote.get(from);
    if (!entry) this.remote.set(from, (entry = { heard: 0, counts: new Map() }));
    entry.heard = Date.now();
    for (const [topic, count] of Object.entries(counts)) {
      if (eventIdOfTopic(topic) == null) continue;
      if (count > 0) entry.counts.set(topic, count);
      else entry.counts.delete(topic);
      if (this.byTopic.has(topic)) this.attendance.set(topic, this.attendeeCount(topic));
    }
  }

  /** There are new events, up to `upTo` if known: read them now. */
  nudge(upTo?: number) {
    if (this.stopped || (upTo !== undefined && upTo <= this.cursor)) return;
    this.tail();
  }

  /**
   * Opens a stream for a viewer whose credential the caller has just checked. With `lastEventId`, the client first
   * gets every event after it that it may see now, in order, then the live ones; without, only what comes next.
   */
  attach({
    userId,
    role,
    credential,
    topics,
    lastEventId: after,
    sink,
  }: {
    userId: number;
    role: Role;
    credential: StreamCredential;
    topics: string[];
    lastEventId?: number;
    sink: StreamSink;
  }): void {
    this.tail();
    const start = after === undefined ? this.cursor : Math.min(after, this.cursor);
    const client: Client = {
      userId,
      credential,
      topics: new Set(topics),
      scopes: scopesFor(userId, actingRole(role, credential)),
      sentId: start,
      position: start,
      live: false,
      idSent: false,
      heldCounters: new Map(),
      closed: false,
      sink,
    };
    this.clients.add(client);
    let mine = this.byUser.get(userId);
    if (!mine) this.byUser.set(userId, (mine = new Set()));
    mine.add(client);
    for (const topic of client.topics) {
      let set = this.byTopic.get(topic);
      if (!set) this.byTopic.set(topic, (set = new Set()));
      set.add(client);
    }
    sink.onClose(() => this.detach(client));
    sink.write(OPENING);
    this.catchUp(client);
    this.countAttendees(client);
  }

  /** Closes every stream and stops the timer (shutdown, tests). */
  close() {
    this.stopped = true;
    clearInterval(this.timer);
    this.counters.close();
    this.attendance.close();
    this.presenceOut.close();
    for (const client of [...this.clients]) this.end(client, "end");
  }

  // -------------------------------------------------------------------------------------------------------
  // The log
  // -------------------------------------------------------------------------------------------------------

  private tail() {
    if (this.stopped) return;
    // dispatch() may close streams, which never re-enters here synchronously; a nudge during a tail is kept.
    if (this.tailing) {
      this.again = true;
      return;
    }
    this.tailing = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const batch = readEvents(this.cursor, TAIL_PAGE);
          for (const stored of batch) {
            this.dispatch(stored);
            this.cursor = stored.id;
          }
          if (batch.length < TAIL_PAGE) break;
        }
      } while (this.again);
    } finally {
      this.tailing = false;
    }
  }

  private messages(stored: StoredEvent): StreamMessage[] {
    let list = this.encoded.get(stored.id);
    if (!list) {
      list = messagesOf(stored);
      this.encoded.set(stored.id, list);
      if (this.encoded.size > ENCODED_CACHE) this.encoded.delete(this.encoded.keys().next().value as number);
    }
    return list;
  }

  private dispatch(stored: StoredEvent) {
    // Access is judged at send time: a membership or account change is applied before the events that follow it.
    if (stored.type === "membership.changed" || stored.type === "user.changed") {
      this.recheckUser(stored.data.userId as number);
    }
    // A group made private or public: its posts' audiences change, and encodings kept for replay carry the old one.
    if (stored.type === "group.updated" && stored.data.visibilityChanged) this.encoded.clear();
    // Hosts and moderators added or removed, or an event's settings changed (whether hosts see anonymous
    // askers): their scopes are rebuilt, and encodings kept for replay may carry the old variants.
    if (stored.type === "event.roles_changed") {
      for (const userId of stored.data.userIds as number[]) this.recheckUser(userId);
    }
    if (stored.type === "event.updated") {
      this.encoded.clear();
      for (const userId of eventStaffIds(stored.data.eventId as number)) this.recheckUser(userId);
    }
    if (this.clients.size === 0) return;
    // A notification is for one person: with no stream of theirs here, its frame (read through the access rule,
    // three queries) is not built — a company announcement's 10,000 of them would otherwise be built for nobody.
    if (stored.type === "notification.changed" && !this.byUser.has(stored.data.userId as number)) return;
    for (const message of this.messages(stored)) {
      const clients = this.byTopic.get(message.topic);
      if (!clients) continue;
      if (message.coalesce) {
        this.counters.set(message.coalesce, message);
        continue;
      }
      for (const client of clients) if (client.live) this.deliver(client, message);
    }
  }

  private deliver(client: Client, message: StreamMessage) {
    if (client.closed || message.id <= client.sentId) return;
    if (!message.audience.some((scope) => client.scopes.has(scope))) return;
    client.sink.write(message.frame);
    client.sentId = message.id;
    client.idSent = true;
    // Only a live client is dropped for it: a catching-up one waits for the client instead (catchUp).
    if (client.live && client.sink.buffered() > this.options.maxBufferedBytes) this.end(client, "destroy");
  }

  /** Replays the log from the client's position up to the cursor, a page at a time, then makes it live. */
  private catchUp(client: Client) {
    if (client.closed || this.stopped) return;
    const page = this.options.replayPageSize;
    // Pages are read and written synchronously up to the cursor as it is now: tail() cannot run in between, so
    // switching to live at the cursor leaves no gap and no overlap.
    const full = () => client.sink.buffered() > this.options.maxBufferedBytes / 2;
    while (client.position < this.cursor) {
      const batch = readEvents(client.position, page);
      for (const stored of batch) {
        if (stored.id > this.cursor) break;
        for (const message of this.messages(stored)) {
          if (!client.topics.has(message.topic)) continue;
          if (message.coalesce) client.heldCounters.set(message.coalesce, message);
          else this.deliver(client, message);
        }
        if (client.closed) return;
        client.position = stored.id;
        if (full()) break;
      }
      if (client.position >= this.cursor) break;
      // Let the client take what it has before going on, and other work run meanwhile.
      if (full()) client.sink.onDrain(() => this.catchUp(client));
      else setImmediate(() => this.catchUp(client));
      return;
    }
    client.live = true;
    for (const message of client.heldCounters.values()) {
      if (message.audience.some((scope) => client.scopes.has(scope))) client.sink.write(message.frame);
    }
    client.heldCounters.clear();
    // Also when nothing was replayed: a client dropped before its first event must still know where it was.
    if (client.sentId < this.cursor || !client.idSent) {
      client.sink.write(encodeIdOnly(this.cursor));
      client.sentId = this.cursor;
      client.idSent = true;
    }
    client.sink.write(LIVE);
  }

  // -------------------------------------------------------------------------------------------------------
  // Access
  // -------------------------------------------------------------------------------------------------------

  /** Rebuilds the scopes of one person's streams, or ends them when the person or the credential is gone. */
  private recheckUser(userId: number) {
    const clients = this.byUser.get(userId);
    if (!clients) return;
    const user = rawStatement(`select role, status from users where id = @id`).get({ id: userId }) as
      { role: Role; status: string } | undefined;
    for (const client of [...clients]) {
      if (!user || user.status !== "active" || !this.credentialsAlive([client]).has(client)) {
        this.end(client, "end");
      } else {
        const role = actingRole(user.role, client.credential);
        client.scopes = scopesFor(userId, role);
        // An event's stream ends when its viewer can no longer see the event (removed from its group).
        const viewer = buildViewer({ id: userId, role });
        for (const topic of client.topics) {
          const eventId = eventIdOfTopic(topic);
          if (eventId != null && !maySeeEventTopic(viewer, eventId)) this.end(client, "end");
        }
      }
    }
  }

  /** The clients whose session or token is still valid and whose owner is active (one query per kind). */
  private credentialsAlive(clients: Client[]): Set<Client> {
    const alive = new Set<Client>();
    const tokens = clients.filter((c) => c.credential.kind === "token");
    const sessions = clients.filter((c) => c.credential.kind === "session");
    if (tokens.length > 0) {
      const live = new Set(
        rawStatement(
          `select t.token_hash from api_tokens t join users u on u.id = t.user_id
            where t.token_hash in (select value from json_each(@hashes)) and t.revoked_at is null
              and u.status = 'active'`,
        )
          .pluck()
          .all({ hashes: JSON.stringify(tokens.map((c) => (c.credential as { hash: string }).hash)) }) as string[],
      );
      for (const c of tokens) if (live.has((c.credential as { hash: string }).hash)) alive.add(c);
    }
    if (sessions.length > 0) {
      const live = new Set(
        rawStatement(
          `select s.id from sessions s join users u on u.id = s.user_id
            where s.id in (select value from json_each(@ids)) and s.expires_at > @now and u.status = 'active'`,
        )
          .pluck()
          .all({
            ids: JSON.stringify(sessions.map((c) => (c.credential as { id: string }).id)),
            now: Math.floor(Date.now() / 1000),
          }) as string[],
      );
      for (const c of sessions) if (live.has((c.credential as { id: string }).id)) alive.add(c);
    }
    return alive;
  }

  // -------------------------------------------------------------------------------------------------------
  // The one timer
  // -------------------------------------------------------------------------------------------------------

  private tick() {
    try {
      this.ticks++;
      // Events written by processes that did not nudge us (the CLI; a bus that is down).
      if (lastEventId() > this.cursor) this.tail();
      const every = (ms: number) => this.ticks % Math.max(1, Math.round(ms / this.options.tickMs)) === 0;
      if (every(PRESENCE_MS)) this.presenceRound();
      if (this.clients.size === 0) return;
      // A revoked token, an ended session (sign-out everywhere, expiry): no event says so; look every second.
      if (every(this.options.sweepMs)) {
        const all = [...this.clients];
        const alive = this.credentialsAlive(all);
        for (const client of all) if (!alive.has(client)) this.end(client, "end");
      }
      if (every(this.options.heartbeatMs)) this.heartbeat();
    } catch (error) {
      console.warn("realtime: tick failed:", error instanceof Error ? error.message : error);
    }
  }

  private heartbeat() {
    // Live clients have been shown everything up to the cursor they may see; the id-only frame moves their
    // Last-Event-ID there, so a reconnect does not replay what they were not shown.
    const idOnly = encodeIdOnly(this.cursor);
    for (const client of this.clients) {
      if (!client.live || client.closed) continue;
      if (client.sentId < this.cursor) {
        client.sink.write(idOnly);
        client.sentId = this.cursor;
      } else {
        client.sink.write(HEARTBEAT);
      }
      if (client.sink.buffered() > this.options.maxBufferedBytes) this.end(client, "destroy");
    }
  }

  private end(client: Client, how: "end" | "destroy") {
    if (client.closed) return;
    this.detach(client);
    if (how === "end") client.sink.end();
    else client.sink.destroy();
  }

  /** A coalesced counter's newest value: written with the others flushed in this turn (no id: frames.ts). */
  private queueCounter(message: StreamMessage) {
    if (this.outbox.length === 0) queueMicrotask(() => this.flushCounters());
    this.outbox.push(message);
  }

  /**
   * The counters flushed together (their windows close on one grid), to the live clients of their topics that may
   * see them: one write per client, however many questions changed — a write is a system call, and 20 questions
   * voted on at once were 20 per watching client per window.
   */
  private flushCounters() {
    const messages = this.outbox;
    this.outbox = [];
    if (this.stopped) return;
    const byClient = new Map<Client, Buffer[]>();
    for (const message of messages) {
      for (const client of this.byTopic.get(message.topic) ?? []) {
        if (!client.live || client.closed || !message.audience.some((scope) => client.scopes.has(scope))) continue;
        const frames = byClient.get(client);
        if (frames) frames.push(message.frame);
        else byClient.set(client, [message.frame]);
      }
    }
    for (const [client, frames] of byClient) {
      client.sink.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
    }
  }

  private countAttendees(client: Client) {
    if (this.stopped) return;
    for (const topic of client.topics) {
      if (eventIdOfTopic(topic) == null) continue;
      this.presenceOut.set(topic, this.topicCount(topic));
      this.attendance.set(topic, this.attendeeCount(topic));
    }
  }

  /** Re-announces this process's counts, and forgets processes not heard from for three rounds. */
  private presenceRound() {
    const counts: Record<string, number> = {};
    for (const [topic, clients] of this.byTopic) if (eventIdOfTopic(topic) != null) counts[topic] = clients.size;
    if (Object.keys(counts).length > 0) this.options.announce(counts);
    const silentSince = Date.now() - 3 * Math.max(PRESENCE_MS, this.options.tickMs);
    for (const [from, entry] of this.remote) {
      if (entry.heard >= silentSince) continue;
      this.remote.delete(from);
      for (const topic of entry.counts.keys()) {
        if (this.byTopic.has(topic)) this.attendance.set(topic, this.attendeeCount(topic));
      }
    }
  }

  private sendAttendees(topic: string, count: number) {
    // Everyone on an event's topic was let in by the access rule: the count goes to all of them, encoded once.
    const frame = encodeUnnumbered("attendees", { count });
    for (const client of this.byTopic.get(topic) ?? []) if (!client.closed) client.sink.write(frame);
  }

  private detach(client: Client) {
    if (client.closed) return;
    client.closed = true;
    this.clients.delete(client);
    const mine = this.byUser.get(client.userId);
    mine?.delete(client);
    if (mine?.size === 0) this.byUser.delete(client.userId);
    for (const topic of client.topics) {
      const set = this.byTopic.get(topic);
      set?.delete(client);
      if (set?.size === 0) this.byTopic.delete(topic);
    }
    this.countAttendees(client);
  }
}
