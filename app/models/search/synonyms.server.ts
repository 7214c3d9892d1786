// Search synonym groups (issue #13 item 5): stored in synonym_groups, edited by site admins on /admin/synonyms and
// with `sori search:synonyms export|import`, applied by the engine of every worker.
//
//   first use: synonym_groups ← search/synonyms-default.ts, version 1     (once: the version row marks it done, so
//                                                                         a dictionary emptied by admins stays empty)
//   a change:  rows + settings "search.synonymsVersion" + 1 + audit_log, in one IMMEDIATE transaction
//   a search:  syncSynonyms(engine) compares the version (one indexed read) and reloads when it moved, so every
//              worker applies a change on its next search, without a restart or a message between processes
import { can, type Viewer } from "#app/access/rules";
import { getDb, rawStatement } from "#app/infra/db.server";
import { getSetting, setSetting } from "#app/models/admin/settings.server";
import { AppError, forbidden, type FieldErrors } from "#app/utils/errors";
import type { MessageKey } from "#app/utils/i18n";
import type { SearchEngine } from "#search/types";
import { DEFAULT_SYNONYMS } from "#search/synonyms-default";
import { MAX_GROUP_TERMS, MAX_GROUPS, MAX_TERM_LENGTH, normalizeGroup, termProblem } from "#search/synonyms";

export type SynonymGroupView = { id: number; terms: string[] };
type Problem = { key: MessageKey; vars?: Record<string, string | number> };

const VERSION_KEY = "search.synonymsVersion";

function requireSynonymAdmin(viewer: Viewer) {
  if (!can(viewer, "people.administer", null)) throw forbidden();
}

/** Writes the shipped dictionary once, the first time anything reads or changes the groups. */
function ensureSeeded() {
  if (getSetting(VERSION_KEY) != null) return;
  getDb()
    .$client.transaction(() => {
      if (getSetting(VERSION_KEY) != null) return;
      const insert = rawStatement(`insert into synonym_groups (terms) values (@terms)`);
      for (const g of DEFAULT_SYNONYMS) insert.run({ terms: JSON.stringify(normalizeGroup(g)) });
      setSetting(VERSION_KEY, "1");
    })
    .immediate();
}

/** The version of the groups: it changes with every change (0 before the dictionary was first written). */
export function synonymsVersion(): number {
  return Number(getSetting(VERSION_KEY) ?? 0);
}

export function listSynonymGroups(): SynonymGroupView[] {
  ensureSeeded();
  const rows = rawStatement(`select id, terms from synonym_groups order by id`).all() as {
    id: number;
    terms: string;
  }[];
  return rows.map((r) => ({ id: r.id, terms: JSON.parse(r.terms) as string[] }));
}

/** The problem with one group's terms (normalised first), or null. */
export function groupProblem(raw: readonly string[]): { terms: string[]; problem: Problem | null } {
  for (const t of raw) {
    const term = t.trim();
    const p = termProblem(term === "" ? "" : term.normalize("NFC"));
    if (p === "empty") return { terms: [], problem: { key: "synonyms.termEmpty" } };
    if (p === "tooLong")
      return { terms: [], problem: { key: "synonyms.termTooLong", vars: { term, max: MAX_TERM_LENGTH } } };
    if (p === "badCharacter") return { terms: [], problem: { key: "synonyms.termBadCharacter", vars: { term } } };
    if (p === "noLetter") return { terms: [], problem: { key: "synonyms.termNoLetter", vars: { term } } };
  }
  const terms = normalizeGroup(raw);
  if (terms.length < 2) return { terms, problem: { key: "synonyms.tooFew" } };
  if (terms.length > MAX_GROUP_TERMS)
    return { terms, problem: { key: "synonyms.tooMany", vars: { max: MAX_GROUP_TERMS } } };
  return { terms, problem: null };
}

/** A form's comma-separated terms → the group, or AppError 400 on the `terms` field. */
export function parseTermsField(value: unknown): string[] {
  const raw = typeof value === "string" ? value.split(/[,，、\n]/).filter((t) => t.trim() !== "") : [];
  const { terms, problem } = groupProblem(raw.length ? raw : [""]);
  if (problem) {
    const fields: FieldErrors = { terms: problem };
    throw new AppError(400, "invalid_synonyms", problem.key, fields, problem.vars);
  }
  return terms;
}

function audit(viewer: Viewer | null, action: string, subjectId: number, data: object) {
  rawStatement(
    `insert into audit_log (actor_id, action, subject_type, subject_id, data)
     values (@actor, @action, 'synonym_group', @id, @data)`,
  ).run({ actor: viewer && viewer.id > 0 ? viewer.id : null, action, id: subjectId, data: JSON.stringify(data) });
}

function bump() {
  setSetting(VERSION_KEY, String(synonymsVersion() + 1));
}

function write<T>(fn: () => T): T {
  ensureSeeded();
  return getDb().$client.transaction(fn).immediate();
}

function termsOf(id: number): string[] | null {
  const row = rawStatement(`select terms from synonym_groups where id = @id`).get({ id }) as
    { terms: string } | undefined;
  return row ? (JSON.parse(row.terms) as string[]) : null;
}

const notFoundGroup = () => new AppError(404, "not_found", "synonyms.notFound");

export function addSynonymGroup({ viewer, terms }: { viewer: Viewer; terms: string[] }): SynonymGroupView {
  requireSynonymAdmin(viewer);
  const checked = parseTermsField(terms.join(","));
  return write(() => {
    const id = Number(
      rawStatement(`insert into synonym_groups (terms) values (@terms)`).run({ terms: JSON.stringify(checked) })
        .lastInsertRowid,
    );
    bump();
    audit(viewer, "synonyms.add", id, { terms: checked });
    return { id, terms: checked };
  });
}

export function updateSynonymGroup({ viewer, id, terms }: { viewer: Viewer; id: number; terms: string[] }) {
  requireSynonymAdmin(viewer);
  const checked = parseTermsField(terms.join(","));
  write(() => {
    const before = termsOf(id);
    if (!before) throw notFoundGroup();
    rawStatement(`update synonym_groups set terms = @terms where id = @id`).run({ id, terms: JSON.stringify(checked) });
    bump();
    audit(viewer, "synonyms.edit", id, { before, terms: checked });
  });
}

export function deleteSynonymGroup({ viewer, id }: { viewer: Viewer; id: number }) {
  requireSynonymAdmin(viewer);
  write(() => {
    const before = termsOf(id);
    if (!before) throw notFoundGroup();
    rawStatement(`delete from synonym_groups where id = @id`).run({ id });
    bump();
    audit(viewer, "synonyms.delete", id, { before });
  });
}

/** Replaces every group (the CLI's import): all or nothing, one audit entry. */
export function replaceSynonymGroups({ viewer, groups }: { viewer: Viewer; groups: string[][] }) {
  requireSynonymAdmin(viewer);
  write(() => {
    const before = (rawStatement(`select count(*) from synonym_groups`).pluck().get() as number) ?? 0;
    rawStatement(`delete from synonym_groups`).run();
    const insert = rawStatement(`insert into synonym_groups (terms) values (@terms)`);
    for (const g of groups) insert.run({ terms: JSON.stringify(g) });
    bump();
    audit(viewer, "synonyms.import", 0, { before, after: groups.length });
  });
}

// ---------------------------------------------------------------------------------------------------------
// CSV: one group a line, its terms as fields ("배포,deploy,release"); blank lines and lines starting with # are
// skipped; RFC 4180 quotes are read (a spreadsheet may add them) though a term can hold neither comma nor quote.
// ---------------------------------------------------------------------------------------------------------

export type CsvProblem = { line: number; key: MessageKey; vars?: Record<string, string | number> };

function csvFields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = "";
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i++];
      }
      out.push(v);
      if (i < line.length && line[i] !== ",") return null;
    } else {
      const end = line.indexOf(",", i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/** Reads a CSV file of groups; every problem is reported with its line number (1-based). */
export function parseSynonymsCsv(text: string): { groups: string[][]; problems: CsvProblem[] } {
  const groups: string[][] = [];
  const problems: CsvProblem[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const fields = csvFields(line);
    if (!fields) {
      problems.push({ line: i + 1, key: "synonyms.termBadCharacter", vars: { term: line } });
      return;
    }
    const { terms, problem } = groupProblem(fields.filter((f, k) => f.trim() !== "" || k === 0));
    if (problem) problems.push({ line: i + 1, ...problem });
    else groups.push(terms);
  });
  if (problems.length === 0 && groups.length === 0) problems.push({ line: lines.length, key: "synonyms.fileEmpty" });
  if (groups.length > MAX_GROUPS)
    problems.push({ line: lines.length, key: "synonyms.fileTooManyGroups", vars: { max: MAX_GROUPS } });
  return { groups, problems };
}

export function synonymsToCsv(groups: readonly { terms: readonly string[] }[]): string {
  return groups.map((g) => g.terms.join(",")).join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------------
// Applying them
// ---------------------------------------------------------------------------------------------------------

const applied = new WeakMap<SearchEngine, number>();

/**
 * Gives the engine the current groups when they changed since it last got them (or never did): a read of one
 * settings row per search otherwise.
 */
export async function syncSynonyms(engine: SearchEngine): Promise<void> {
  const current = synonymsVersion();
  if (current !== 0 && applied.get(engine) === current) return;
  ensureSeeded();
  // The version before the rows: a change in between only makes the next search load them again.
  const version = synonymsVersion();
  const groups = listSynonymGroups().map((g) => g.terms);
  await engine.setSynonyms(groups);
  applied.set(engine, version);
}
